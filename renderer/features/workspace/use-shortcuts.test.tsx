import { fireEvent, render } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { connectApi } from '../../api';
import { useAppStore } from '../../store';
import { fakeArtifact, memoryTransport } from '../../test-support/memory-transport';
import { useShortcuts } from './use-shortcuts';

const rows = [1, 2, 3].map((id) => fakeArtifact(id, `f/${id}.txt`));

function Harness({ onOpen, onBack }: { onOpen: () => void; onBack: () => void }) {
  useShortcuts({ onOpen, onBack });
  return (
    <div>
      <input aria-label="field" />
      <button type="button">button</button>
    </div>
  );
}

let fake: ReturnType<typeof memoryTransport>;
const onOpen = vi.fn();
const onBack = vi.fn();

beforeEach(async () => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  fake = memoryTransport({
    'artifacts.list': () => ({ total: rows.length, items: rows }),
    'artifacts.get': ({ id }) => ({
      ...fakeArtifact(id, `f/${id}.txt`),
      extraction: null,
      analysis: null,
      links: [],
      children: 0,
      ocr: [],
    }),
    'review.get': ({ artifactId }) => ({
      artifactId,
      starred: false,
      tags: [],
      labels: [],
      notes: [],
      annotations: [],
      suggestions: [],
      translations: [],
    }),
    'stars.set': (i) => ({ summary: 'starred', artifactIds: i.artifactIds }),
    'review.undo': () => ({ done: { summary: 'undid: starred 1 artifact', artifactIds: [1] }, canUndo: false, canRedo: true }),
  });
  connectApi(fake.transport);
  useAppStore.setState({ activeCaseDir: '/cases/c', examiner: 'E' });
  await useAppStore.getState().ensureRows(0, 10);
  onOpen.mockReset();
  onBack.mockReset();
  render(<Harness onOpen={onOpen} onBack={onBack} />);
});

const press = (key: string, target: Element = document.body, mods: Partial<KeyboardEventInit> = {}): void => {
  fireEvent.keyDown(target, { key, ...mods });
};
const called = (channel: string): number => fake.calls.filter((c) => c.channel === channel).length;

describe('workspace shortcuts', () => {
  it('moves with j and k, opens with Enter and goes back with Esc', () => {
    press('j');
    press('j');
    expect(useAppStore.getState().selectedId).toBe(2);
    press('k');
    expect(useAppStore.getState().selectedId).toBe(1);
    press('Enter');
    expect(onOpen).toHaveBeenCalledTimes(1);
    press('Escape');
    expect(onBack).toHaveBeenCalledTimes(1);
  });

  it('opens the tag, label, note and help dialogs, and asks for a selection first where one is needed', () => {
    press('t');
    expect(useAppStore.getState().dialog).toBeNull();
    expect(useAppStore.getState().toasts.at(-1)?.message).toMatch(/Select an artifact first/);
    press('j');
    press('t');
    expect(useAppStore.getState().dialog).toBe('tag');
    useAppStore.getState().closeDialog();
    press('l');
    expect(useAppStore.getState().dialog).toBe('label');
    useAppStore.getState().closeDialog();
    press('n');
    expect(useAppStore.getState().dialog).toBe('note');
    useAppStore.getState().closeDialog();
    press('?');
    expect(useAppStore.getState().dialog).toBe('shortcuts');
  });

  it('is quiet while a dialog is open', () => {
    press('j');
    useAppStore.getState().openDialog('tag');
    press('s');
    press('j');
    expect(called('stars.set')).toBe(0);
    expect(useAppStore.getState().selectedId).toBe(1);
  });

  it('stars with s and undoes with u and Ctrl+Z, but not while typing in a field', async () => {
    press('j');
    press('s', document.querySelector('input') as Element);
    press('u', document.querySelector('input') as Element);
    press('z', document.querySelector('input') as Element, { ctrlKey: true });
    expect(called('stars.set')).toBe(0);
    expect(called('review.undo')).toBe(0);
    press('s');
    await vi.waitFor(() => expect(called('stars.set')).toBe(1));
    press('u');
    press('z', document.body, { ctrlKey: true });
    await vi.waitFor(() => expect(called('review.undo')).toBe(2));
  });

  it('focuses the search box with / and Ctrl+F', () => {
    press('/');
    press('f', document.body, { ctrlKey: true });
    expect(useAppStore.getState().searchFocusRequest).toBe(2);
  });

  it('leaves Enter to a focused button', () => {
    press('j');
    press('Enter', document.querySelector('button') as Element);
    expect(onOpen).not.toHaveBeenCalled();
  });
});
