import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Source } from '../../../shared/domain/source';
import { SourceTree, type SourceTreeItem } from './source-tree';

const source: Source = {
  id: 4,
  path: '/evidence/export',
  kind: 'folder',
  addedAt: '2024-03-20T00:00:00Z',
  artifactCount: 9,
  totalBytes: 900,
  errorCount: 0,
  status: 'ready',
};
const items: SourceTreeItem[] = [{ source, hasFolders: false, isExpanded: true, rows: [] }];

function renderTree(canRerun: boolean, onRerun = vi.fn(() => Promise.resolve(true))) {
  const noop = () => undefined;
  render(
    <SourceTree
      items={items}
      totalArtifacts={9}
      selected={{ sourceId: null, pathPrefix: null }}
      canRerun={canRerun}
      onSelect={noop}
      onToggleFolder={noop}
      onToggleSource={noop}
      onRerun={onRerun}
    />,
  );
  return onRerun;
}

describe('re-extraction in the sources tree', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('runs only outdated extractions without asking', async () => {
    const onRerun = renderTree(true);
    fireEvent.click(screen.getByTestId('source-rerun'));
    await act(async () => fireEvent.click(screen.getByTestId('rerun-submit')));
    expect(onRerun).toHaveBeenCalledWith(4, false);
    expect(screen.queryByTestId('rerun-form')).toBeNull();
  });

  it('asks before re-extracting everything, with Back focused, and can go back', async () => {
    const onRerun = renderTree(true);
    fireEvent.click(screen.getByTestId('source-rerun'));
    fireEvent.click(screen.getByTestId('rerun-everything'));
    fireEvent.click(screen.getByTestId('rerun-submit'));
    expect(onRerun).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('Drop every extraction of export');
    expect(document.activeElement).toBe(screen.getByTestId('rerun-back'));
    fireEvent.click(screen.getByTestId('rerun-back'));
    expect(screen.getByTestId('rerun-submit')).toBeTruthy();
    fireEvent.click(screen.getByTestId('rerun-submit'));
    await act(async () => fireEvent.click(screen.getByTestId('rerun-confirm')));
    expect(onRerun).toHaveBeenCalledWith(4, true);
  });

  it('is disabled while a job runs in the case', () => {
    renderTree(false);
    expect((screen.getByTestId('source-rerun') as HTMLButtonElement).disabled).toBe(true);
  });
});
