import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { WorkLayer, WorkStructure } from '../../../shared/domain/extraction';
import { StructureView, structureSummary } from './structure-view';

const structure: WorkStructure = {
  format: 'Photoshop',
  layers: [
    { name: '대사', kind: 'text', text: '인빈서블 원화 수정', fonts: ['NanumGothic'] },
    {
      name: '인빈서블',
      kind: 'group',
      blendMode: 'Pass Through',
      children: [
        { name: '원화_v2', kind: 'pixel', blendMode: 'Multiply', opacity: 0.5 },
        { name: '修改', kind: 'pixel', visible: false },
      ],
    },
    { name: 'bg link', kind: 'smart-object', source: 'file:///D:/작업/invincible/ep3/bg_수정.png' },
  ],
  timesheets: [
    {
      name: '컷012',
      frames: 144,
      frameRate: 24,
      tracks: [
        {
          name: 'A',
          field: 'cell',
          cells: [
            { frame: 0, value: '1' },
            { frame: 6, value: '2' },
          ],
        },
        { name: '대사', field: 'dialog', cells: [{ frame: 12, value: '인빈서블! 조심해' }] },
      ],
    },
  ],
  items: [{ kind: 'footage', name: 'cut012.psd', path: 'D:\\작업\\invincible\\ep3\\cut012.psd', parent: '원화 빈', detail: '1920×1080' }],
  paths: [
    {
      path: 'D:\\작업\\invincible\\ep3\\cut012.psd',
      style: 'windows',
      drive: 'D:',
      folders: ['작업', 'invincible', 'ep3'],
      file: 'cut012.psd',
      where: 'footage cut012.psd',
    },
    {
      path: 'C:\\Users\\kim\\Documents\\인빈서블\\효과음.wav',
      style: 'windows',
      drive: 'C:',
      user: 'kim',
      folders: ['Users', 'kim', 'Documents', '인빈서블'],
      file: '효과음.wav',
      where: 'sound layer',
    },
  ],
};

const layerNames = (): string[] => screen.getAllByTestId('structure-layer-name').map((el) => el.textContent ?? '');
const layerRow = (name: string): HTMLElement => {
  const row = screen.getAllByTestId('structure-layer').find((li) => within(li).queryByTestId('structure-layer-name')?.textContent === name);
  if (!row) throw new Error(`no layer row ${name}`);
  return row;
};

describe('work-file structure in the detail pane', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the layer tree with CJK names, the hidden layer, the text layer, the timesheet and the recorded paths', () => {
    const { container } = render(<StructureView structure={structure} />);

    expect(layerNames()).toEqual(['대사', '인빈서블', '원화_v2', '修改', 'bg link']);
    expect(layerRow('원화_v2').dataset.depth).toBe('1');
    expect(layerRow('원화_v2').textContent).toContain('Multiply · 50%');
    // A group's pass-through is its normal: no mark.
    expect(layerRow('인빈서블').querySelector('.structure-mark')).toBeNull();

    const hidden = layerRow('修改');
    expect(hidden.className).toContain('structure-layer--hidden');
    expect(within(hidden).getByText('hidden')).toBeTruthy();
    expect(layerRow('원화_v2').className).not.toContain('structure-layer--hidden');

    expect(within(layerRow('대사')).getByTestId('structure-layer-text').textContent).toBe('“인빈서블 원화 수정”');
    expect(layerRow('대사').textContent).toContain('Fonts: NanumGothic');
    expect(within(layerRow('bg link')).getByText('file:///D:/작업/invincible/ep3/bg_수정.png').className).toContain('mono');

    const sheet = screen.getByTestId('structure-timesheet');
    expect(sheet.textContent).toContain('컷012');
    expect(sheet.textContent).toContain('144 frames · 24 fps · 6.0 s');
    const tracks = screen.getAllByTestId('structure-track');
    expect(
      tracks.map((t) =>
        within(t)
          .getAllByTestId('structure-cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([['0→1', '6→2'], ['12→인빈서블! 조심해']]);
    expect(tracks[1]?.textContent).toContain('dialog');

    const item = screen.getByTestId('structure-item');
    expect([...item.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      'footage',
      'cut012.psd',
      '원화 빈',
      '1920×1080',
      'D:\\작업\\invincible\\ep3\\cut012.psd',
    ]);
    expect(within(item).getByTestId('structure-item-path').className).toContain('mono');

    const [korean, home] = screen.getAllByTestId('structure-path');
    if (!korean || !home) throw new Error('two paths expected');
    expect(within(korean).getByTestId('structure-path-text').textContent).toBe('D:\\작업\\invincible\\ep3\\cut012.psd');
    expect(within(korean).getByTestId('structure-chip-drive').textContent).toBe('driveD:');
    expect(
      within(korean)
        .getAllByTestId('structure-chip-folder')
        .map((c) => c.lastChild?.textContent),
    ).toEqual(['작업', 'invincible', 'ep3']);
    expect(within(korean).queryByTestId('structure-chip-user')).toBeNull();
    expect(korean.textContent).toContain('footage cut012.psd');
    expect(within(home).getByTestId('structure-chip-user').lastChild?.textContent).toBe('kim');

    // Paths are evidence to read, never to follow.
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect(screen.queryAllByRole('link')).toHaveLength(0);
    expect(screen.queryByTestId('structure-truncated')).toBeNull();
    expect(structureSummary(structure)).toBe('Photoshop · 5 layers · 1 timesheet · 1 item · 2 paths');
  });

  it('collapses with the keyboard-reachable toggle and says when the file held more than was kept', () => {
    render(<StructureView structure={{ ...structure, truncated: true }} />);
    expect(screen.getByTestId('structure-truncated').textContent).toContain('more than the workbench keeps');
    const toggle = screen.getByRole('button', { name: 'Collapse 인빈서블' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    expect(layerNames()).toEqual(['대사', '인빈서블', 'bg link']);
    expect(screen.getByRole('button', { name: 'Expand 인빈서블' }).getAttribute('aria-expanded')).toBe('false');
  });

  it('keeps a 5,000-layer tree small: deep groups start collapsed and rows come in batches', () => {
    // 50 groups, each holding a group of 49 groups at depth 2 with one layer each: 5,000 layers, 2,550 of them shown.
    const deep: WorkLayer[] = Array.from({ length: 50 }, (_, g) => ({
      name: `그룹 ${g}`,
      kind: 'group',
      children: [
        {
          name: `컷 ${g}`,
          kind: 'group',
          children: Array.from({ length: 49 }, (_, i) => ({ name: `원화 ${g}-${i}`, children: [{ name: `修改 ${g}-${i}` }] })),
        },
      ],
    }));
    render(<StructureView structure={{ format: 'Photoshop', layers: deep }} />);
    expect(structureSummary({ format: 'Photoshop', layers: deep })).toBe('Photoshop · 5,000 layers');
    expect(screen.getAllByTestId('structure-layer')).toHaveLength(200);
    expect(screen.queryByText('修改 0-0')).toBeNull();
    const more = screen.getByTestId('structure-more');
    expect(more.textContent).toBe('Show 200 more layers (2,350 not shown)');
    fireEvent.click(more);
    expect(screen.getAllByTestId('structure-layer')).toHaveLength(400);
  });

  it('leaves out the dot folders of a relative path, which name no one', () => {
    const relative = { path: '../원화/bg.png', style: 'relative' as const, folders: ['..', '원화'], file: 'bg.png', where: 'linked file' };
    render(<StructureView structure={{ format: 'Photoshop', paths: [relative] }} />);
    expect(screen.getAllByTestId('structure-chip-folder').map((c) => c.lastChild?.textContent)).toEqual(['원화']);
  });

  it('shows the first 50 exposure changes of a track, then the rest on demand', () => {
    const cells = Array.from({ length: 80 }, (_, i) => ({ frame: i * 3, value: String(i + 1) }));
    render(<StructureView structure={{ format: 'XDTS', timesheets: [{ tracks: [{ name: 'A', cells }] }] }} />);
    expect(screen.getAllByTestId('structure-cell')).toHaveLength(50);
    fireEvent.click(screen.getByRole('button', { name: 'Show 30 more exposure changes of A' }));
    expect(screen.getAllByTestId('structure-cell')).toHaveLength(80);
  });
});
