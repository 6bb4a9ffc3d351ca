import type { FolderSummary } from '../../../shared/domain/artifact';
import { api } from '../../api';
import { folderKey, parseFolderKey } from '../../lib/folder-tree';
import type { SliceCreator } from '../index';
import { failed, loading, toErrorShape, type RequestState } from '../request';

export interface FoldersSlice {
  /** Sub-folder listings by `folderKey(sourceId, path)`, fetched from the backend one level at a time. */
  folderListings: Record<string, FolderSummary[]>;
  /** Only listings being fetched for the first time or that failed; a refresh keeps showing the old one. */
  folderRequests: Record<string, RequestState>;
  expandedFolders: Record<string, true>;
  collapsedSources: Record<number, true>;

  /** Re-lists every source root and every expanded folder (after sources load, so counts follow an ingest). */
  refreshFolders: () => Promise<void>;
  toggleFolder: (sourceId: number, path: string) => void;
  toggleSource: (sourceId: number) => void;
  resetFolders: () => void;
}

const initial = {
  folderListings: {},
  folderRequests: {},
  expandedFolders: {},
  collapsedSources: {},
} satisfies Partial<FoldersSlice>;

export const createFoldersSlice: SliceCreator<FoldersSlice> = (set, get) => {
  /** Latest request per listing, so a slow older reply never overwrites a newer one. */
  const latest = new Map<string, number>();
  let seq = 0;

  const loadListing = async (sourceId: number, path: string): Promise<void> => {
    const dir = get().activeCaseDir;
    if (!dir) return;
    const key = folderKey(sourceId, path);
    const mine = ++seq;
    latest.set(key, mine);
    if (!get().folderListings[key]) set((s) => ({ folderRequests: { ...s.folderRequests, [key]: loading } }), false, 'folders/load');
    try {
      const folders = await api.call('artifacts.folders', { dir, sourceId, ...(path ? { parent: path } : {}) });
      if (latest.get(key) !== mine || get().activeCaseDir !== dir) return;
      set(
        (s) => {
          const { [key]: _done, ...requests } = s.folderRequests;
          return { folderListings: { ...s.folderListings, [key]: folders }, folderRequests: requests };
        },
        false,
        'folders/loaded',
      );
    } catch (e) {
      if (latest.get(key) !== mine || get().activeCaseDir !== dir) return;
      set((s) => ({ folderRequests: { ...s.folderRequests, [key]: failed(toErrorShape(e)) } }), false, 'folders/failed');
    }
  };

  return {
    ...initial,

    refreshFolders: async () => {
      const { sourceIds, expandedFolders } = get();
      const present = new Set(sourceIds);
      const expanded = Object.keys(expandedFolders)
        .map(parseFolderKey)
        .filter((f) => present.has(f.sourceId));
      await Promise.all([...sourceIds.map((id) => loadListing(id, '')), ...expanded.map((f) => loadListing(f.sourceId, f.path))]);
    },

    toggleFolder: (sourceId, path) => {
      const key = folderKey(sourceId, path);
      const isOpening = !get().expandedFolders[key];
      set(
        (s) => {
          const next = { ...s.expandedFolders };
          if (isOpening) next[key] = true;
          else delete next[key];
          return { expandedFolders: next };
        },
        false,
        'folders/toggle',
      );
      // Lazily: a folder's sub-folders are fetched the first time it opens, and refreshed with the rest afterwards.
      if (isOpening && !get().folderListings[key]) void loadListing(sourceId, path);
    },

    toggleSource: (sourceId) =>
      set(
        (s) => {
          const next = { ...s.collapsedSources };
          if (next[sourceId]) delete next[sourceId];
          else next[sourceId] = true;
          return { collapsedSources: next };
        },
        false,
        'folders/toggleSource',
      ),

    resetFolders: () => {
      latest.clear();
      set({ ...initial }, false, 'folders/reset');
    },
  };
};
