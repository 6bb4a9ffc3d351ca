import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FolderQuery, FolderSummary } from '../../../shared/domain/artifact';
import type { Source } from '../../../shared/domain/source';
import { connectApi } from '../../api';
import { memoryTransport } from '../../test-support/memory-transport';
import { useAppStore } from '../index';
import { selectSourceTree } from '../selectors';

const DIR = '/cases/c1';
const source: Source = {
  id: 1,
  path: '/evidence/export',
  kind: 'folder',
  addedAt: '2024-03-20T00:00:00Z',
  artifactCount: 9,
  totalBytes: 900,
  errorCount: 0,
  status: 'ready',
};
const folder = (path: string, hasSubfolders = false): FolderSummary => ({
  path,
  name: path.replace(/!?\/$/, '').split('/').pop() ?? path,
  isArchive: path.endsWith('!/'),
  artifactCount: 3,
  errorCount: 0,
  hasSubfolders,
});
const tree: Record<string, FolderSummary[]> = {
  '': [folder('notes/', true), folder('images/')],
  'notes/': [folder('notes/2024/')],
};

let fake: ReturnType<typeof memoryTransport>;
const folderCalls = () => fake.calls.filter((c) => c.channel === 'artifacts.folders').map((c) => (c.input as FolderQuery).parent ?? '');

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  fake = memoryTransport({
    'sources.list': () => [source],
    'artifacts.folders': (q: FolderQuery) => tree[q.parent ?? ''] ?? [],
  });
  connectApi(fake.transport);
  useAppStore.setState({ activeCaseDir: DIR });
});

describe('folder tree', () => {
  it('lists each source root from the backend when sources load, one level only', async () => {
    await useAppStore.getState().loadSources();
    await vi.waitFor(() =>
      expect(selectSourceTree(useAppStore.getState())[0]?.rows.map((r) => r.folder.path)).toEqual(['notes/', 'images/']),
    );
    expect(folderCalls()).toEqual(['']);
  });

  it("loads a folder's children the first time it opens, and re-lists open folders on refresh", async () => {
    await useAppStore.getState().loadSources();
    await vi.waitFor(() => expect(selectSourceTree(useAppStore.getState())[0]?.rows).toHaveLength(2));
    useAppStore.getState().toggleFolder(1, 'notes/');
    expect(selectSourceTree(useAppStore.getState())[0]?.rows.find((r) => r.key === '1:notes/')?.isLoading).toBe(true);
    await vi.waitFor(() =>
      expect(selectSourceTree(useAppStore.getState())[0]?.rows.map((r) => [r.folder.path, r.depth])).toEqual([
        ['notes/', 1],
        ['notes/2024/', 2],
        ['images/', 1],
      ]),
    );
    useAppStore.getState().toggleFolder(1, 'notes/');
    useAppStore.getState().toggleFolder(1, 'notes/');
    expect(folderCalls()).toEqual(['', 'notes/']);
    await useAppStore.getState().refreshFolders();
    expect(folderCalls().slice(2).sort()).toEqual(['', 'notes/']);
  });

  it('keeps a failed listing as an error of its own', async () => {
    fake = memoryTransport({ 'artifacts.folders': () => Promise.reject(new Error('disk gone')) });
    connectApi(fake.transport);
    useAppStore.setState({ sourceIds: [1], sourcesById: { 1: source } });
    await useAppStore.getState().refreshFolders();
    expect(useAppStore.getState().folderRequests['1:']).toMatchObject({
      status: 'error',
      error: { code: 'internal', message: 'disk gone' },
    });
  });
});
