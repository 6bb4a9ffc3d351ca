import { describe, expect, it } from 'vitest';
import { buildFolderTrees, flattenFolders } from './folder-tree';

const entries = [
  { sourceId: 1, path: 'notes/会议记录.txt' },
  { sourceId: 1, path: 'notes/2024/원화.txt' },
  { sourceId: 1, path: 'images/frame10.png' },
  { sourceId: 1, path: 'images/frame9.png' },
  { sourceId: 1, path: 'archive/bundle.zip' },
  { sourceId: 1, path: 'archive/bundle.zip!/inner/a.png' },
  { sourceId: 1, path: 'top.txt' },
  { sourceId: 2, path: 'only.log' },
  { sourceId: 1, path: 'empty-dir', kind: 'directory' },
];

describe('buildFolderTrees', () => {
  const trees = buildFolderTrees(entries);
  const root = trees.get(1);

  it('makes one root per source, counting artifacts at any depth', () => {
    expect([...trees.keys()]).toEqual([1, 2]);
    expect(root?.count).toBe(7);
    expect(trees.get(2)?.children).toEqual([]);
  });

  it('derives folders from paths, sorted by name, with prefixes for artifacts.list', () => {
    expect(root?.children.map((c) => c.name)).toEqual(['archive', 'empty-dir', 'images', 'notes']);
    const notes = root?.children.find((c) => c.name === 'notes');
    expect(notes).toMatchObject({ prefix: 'notes/', count: 2, key: '1:notes/' });
    expect(notes?.children.map((c) => [c.name, c.prefix, c.count])).toEqual([['2024', 'notes/2024/', 1]]);
  });

  it('shows archive members under the archive, marked as such', () => {
    const archive = root?.children.find((c) => c.name === 'archive');
    const zip = archive?.children[0];
    expect(zip).toMatchObject({ name: 'bundle.zip', prefix: 'archive/bundle.zip!/', isArchive: true, count: 1 });
    expect(zip?.children[0]?.prefix).toBe('archive/bundle.zip!/inner/');
  });

  it('keeps folders recorded as directory artifacts even when empty', () => {
    expect(root?.children.find((c) => c.name === 'empty-dir')?.count).toBe(0);
  });
});

describe('flattenFolders', () => {
  const root = buildFolderTrees(entries).get(1);
  if (!root) throw new Error('no tree');

  it('lists top-level folders when nothing is expanded', () => {
    expect(flattenFolders(root, new Set()).map((r) => r.node.name)).toEqual(['archive', 'empty-dir', 'images', 'notes']);
  });

  it('shows children of expanded folders with their depth', () => {
    const rows = flattenFolders(root, new Set(['1:notes/']), 1);
    expect(rows.map((r) => [r.node.name, r.depth, r.isExpanded])).toEqual([
      ['archive', 1, false],
      ['empty-dir', 1, false],
      ['images', 1, false],
      ['notes', 1, true],
      ['2024', 2, false],
    ]);
  });
});
