import { describe, expect, it } from 'vitest';
import type { FolderSummary } from '../../shared/domain/artifact';
import { folderKey, folderRows, parseFolderKey } from './folder-tree';

const folder = (path: string, hasSubfolders = false): FolderSummary => ({
  path,
  name: path.replace(/!?\/$/, '').split('/').pop() ?? path,
  isArchive: path.endsWith('!/'),
  artifactCount: 1,
  errorCount: 0,
  hasSubfolders,
});

const listings = {
  [folderKey(1, '')]: [folder('archive/', true), folder('notes/', true), folder('empty/')],
  [folderKey(1, 'archive/')]: [folder('archive/bundle.zip!/', true)],
  [folderKey(1, 'archive/bundle.zip!/')]: [folder('archive/bundle.zip!/inner/')],
  [folderKey(2, '')]: [folder('logs/')],
};

describe('folderRows', () => {
  it('lists the loaded top-level folders of one source when nothing is expanded', () => {
    expect(folderRows(1, listings, {}).map((r) => [r.key, r.depth, r.isExpanded])).toEqual([
      ['1:archive/', 0, false],
      ['1:notes/', 0, false],
      ['1:empty/', 0, false],
    ]);
    expect(folderRows(2, listings, {}, 1).map((r) => [r.folder.name, r.depth])).toEqual([['logs', 1]]);
  });

  it('shows loaded children under expanded folders, and marks expanded folders still loading', () => {
    const rows = folderRows(1, listings, { '1:archive/': true, '1:archive/bundle.zip!/': true, '1:notes/': true });
    expect(rows.map((r) => [r.folder.path, r.depth, r.isExpanded, r.isLoading])).toEqual([
      ['archive/', 0, true, false],
      ['archive/bundle.zip!/', 1, true, false],
      ['archive/bundle.zip!/inner/', 2, false, false],
      ['notes/', 0, true, true],
      ['empty/', 0, false, false],
    ]);
  });

  it('never expands a folder without sub-folders, and lists nothing for a source not loaded yet', () => {
    expect(folderRows(1, listings, { '1:empty/': true }).find((r) => r.key === '1:empty/')?.isExpanded).toBe(false);
    expect(folderRows(3, listings, {})).toEqual([]);
  });

  it('parses a folder key back, keeping colons inside the path', () => {
    expect(parseFolderKey(folderKey(12, 'a:b/'))).toEqual({ sourceId: 12, path: 'a:b/' });
    expect(parseFolderKey(folderKey(3, ''))).toEqual({ sourceId: 3, path: '' });
  });
});
