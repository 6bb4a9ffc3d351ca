import type { ArtifactDetail, ArtifactSortKey, ArtifactSummary } from '../../../shared/domain/artifact';
import type { SearchHit } from '../../../shared/domain/search';
import { api } from '../../api';
import type { SliceCreator } from '../index';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';

export const PAGE_SIZE = 200;
const LIVE_REFRESH_MS = 800;
/** Counts in the tree and header follow an ingest at a slower pace than the table. */
const LIVE_COUNTS_MS = 5000;
const FILTER_DEBOUNCE_MS = 220;

export interface ArtifactQueryState {
  sort: ArtifactSortKey;
  order: 'asc' | 'desc';
  filter: string;
  sourceId: number | null;
  pathPrefix: string | null;
}

export interface ArtifactsSlice {
  query: ArtifactQueryState;
  /** What the filter box shows; `query.filter` follows it after a short pause in typing. */
  filterText: string;
  total: number | null;
  pages: Record<number, ArtifactSummary[]>;
  listRequest: RequestState;
  /** Bumped whenever the query changes, so late pages of an older query are dropped. */
  listGeneration: number;
  visibleRange: { start: number; end: number };

  selectedId: number | null;
  detailsById: Record<number, ArtifactDetail>;
  detailRequest: RequestState;

  searchText: string;
  searchHits: SearchHit[] | null;
  searchRequest: RequestState;

  ensureRows: (start: number, end: number) => Promise<void>;
  refreshArtifacts: () => Promise<void>;
  scheduleLiveRefresh: () => void;
  sortBy: (key: ArtifactSortKey) => void;
  /** Status ascending puts `error` rows first; clears filters that could hide them. */
  showErrorsFirst: () => void;
  setFilterText: (text: string) => void;
  selectFolder: (sourceId: number | null, pathPrefix: string | null) => void;
  selectArtifact: (id: number | null) => void;
  /** Moves the selection by `delta` rows in the current table order (arrow keys). */
  moveSelection: (delta: number) => number | null;
  reloadSelectedDetail: () => Promise<void>;
  setSearchText: (text: string) => void;
  runSearch: () => Promise<void>;
  closeSearch: () => void;
  resetArtifacts: () => void;
}

const initialQuery: ArtifactQueryState = { sort: 'path', order: 'asc', filter: '', sourceId: null, pathPrefix: null };

const initial = {
  query: initialQuery,
  filterText: '',
  total: null,
  pages: {},
  listRequest: idle,
  listGeneration: 0,
  visibleRange: { start: 0, end: 0 },
  selectedId: null,
  detailsById: {},
  detailRequest: idle,
  searchText: '',
  searchHits: null,
  searchRequest: idle,
} satisfies Partial<ArtifactsSlice>;

export const rowAt = (pages: Record<number, ArtifactSummary[]>, index: number): ArtifactSummary | undefined =>
  pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];

export function indexOfId(pages: Record<number, ArtifactSummary[]>, id: number): number {
  for (const [key, items] of Object.entries(pages)) {
    const i = items.findIndex((a) => a.id === id);
    if (i >= 0) return Number(key) * PAGE_SIZE + i;
  }
  return -1;
}

export const createArtifactsSlice: SliceCreator<ArtifactsSlice> = (set, get) => {
  const inFlight = new Set<string>();
  let liveTimer: ReturnType<typeof setTimeout> | null = null;
  let lastCountsLoad = 0;
  let filterTimer: ReturnType<typeof setTimeout> | null = null;
  let detailSeq = 0;
  let searchSeq = 0;

  const fetchPage = async (page: number, generation: number): Promise<void> => {
    const dir = get().activeCaseDir;
    if (!dir) return;
    const flightKey = `${generation}:${page}`;
    if (inFlight.has(flightKey)) return;
    inFlight.add(flightKey);
    const { query } = get();
    set({ listRequest: loading }, false, 'artifacts/fetchPage');
    try {
      const result = await api.call('artifacts.list', {
        dir,
        sort: query.sort,
        order: query.order,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
        ...(query.filter ? { filter: query.filter } : {}),
        ...(query.sourceId !== null ? { sourceId: query.sourceId } : {}),
        ...(query.pathPrefix ? { pathPrefix: query.pathPrefix } : {}),
      });
      if (get().listGeneration !== generation || get().activeCaseDir !== dir) return;
      set((s) => ({ pages: { ...s.pages, [page]: result.items }, total: result.total, listRequest: idle }), false, 'artifacts/pageLoaded');
    } catch (e) {
      if (get().listGeneration === generation) set({ listRequest: failed(toErrorShape(e)) }, false, 'artifacts/pageFailed');
    } finally {
      inFlight.delete(flightKey);
    }
  };

  const restartQuery = (patch: Partial<ArtifactQueryState>): void => {
    set(
      (s) => ({ query: { ...s.query, ...patch }, pages: {}, total: null, listGeneration: s.listGeneration + 1 }),
      false,
      'artifacts/query',
    );
    const { start, end } = get().visibleRange;
    void get().ensureRows(0, Math.max(end - start, 100));
  };

  const loadDetail = async (id: number): Promise<void> => {
    const dir = get().activeCaseDir;
    if (!dir) return;
    const seq = ++detailSeq;
    set({ detailRequest: loading }, false, 'artifacts/loadDetail');
    try {
      const detail = await api.call('artifacts.get', { dir, id });
      if (seq !== detailSeq || get().activeCaseDir !== dir) return;
      set((s) => ({ detailsById: { ...s.detailsById, [id]: detail }, detailRequest: idle }), false, 'artifacts/detailLoaded');
    } catch (e) {
      if (seq === detailSeq) set({ detailRequest: failed(toErrorShape(e)) }, false, 'artifacts/detailFailed');
    }
  };

  return {
    ...initial,

    ensureRows: async (start, end) => {
      set({ visibleRange: { start, end } }, false, 'artifacts/visibleRange');
      const { pages, total, listGeneration } = get();
      const last = total === null ? Math.floor(start / PAGE_SIZE) : Math.floor(Math.max(0, Math.min(end, total - 1)) / PAGE_SIZE);
      const wanted: number[] = [];
      for (let p = Math.floor(start / PAGE_SIZE); p <= last; p += 1) if (!pages[p]) wanted.push(p);
      await Promise.all(wanted.map((p) => fetchPage(p, listGeneration)));
    },

    refreshArtifacts: async () => {
      // Reload only what is on screen; other pages are dropped and refetched when scrolled to.
      const { start, end } = get().visibleRange;
      const first = Math.floor(start / PAGE_SIZE);
      const last = Math.floor(Math.max(start, end) / PAGE_SIZE);
      set(
        (s) => ({ pages: Object.fromEntries(Object.entries(s.pages).filter(([k]) => Number(k) >= first && Number(k) <= last)) }),
        false,
        'artifacts/trim',
      );
      const generation = get().listGeneration;
      const pages: number[] = [];
      for (let p = first; p <= last; p += 1) pages.push(p);
      await Promise.all(pages.map((p) => fetchPage(p, generation)));
    },

    scheduleLiveRefresh: () => {
      if (liveTimer) return;
      liveTimer = setTimeout(() => {
        liveTimer = null;
        void get().refreshArtifacts();
        if (Date.now() - lastCountsLoad > LIVE_COUNTS_MS) {
          lastCountsLoad = Date.now();
          void get().loadSources();
          void get().refreshCaseInfo();
        }
      }, LIVE_REFRESH_MS);
    },

    sortBy: (key) => {
      const { query } = get();
      const order = query.sort === key ? (query.order === 'asc' ? 'desc' : 'asc') : 'asc';
      restartQuery({ sort: key, order });
    },

    showErrorsFirst: () => {
      set({ filterText: '' }, false, 'artifacts/clearFilterText');
      restartQuery({ sort: 'status', order: 'asc', filter: '', sourceId: null, pathPrefix: null });
    },

    setFilterText: (text) => {
      set({ filterText: text }, false, 'artifacts/filterText');
      if (filterTimer) clearTimeout(filterTimer);
      filterTimer = setTimeout(() => {
        filterTimer = null;
        const filter = get().filterText.trim();
        if (filter !== get().query.filter) restartQuery({ filter });
      }, FILTER_DEBOUNCE_MS);
    },

    selectFolder: (sourceId, pathPrefix) => {
      restartQuery({ sourceId, pathPrefix: pathPrefix || null });
      // Picking a folder is navigating: the timeline follows it, even when it was pinned to one artifact.
      set({ timelineArtifact: null }, false, 'artifacts/unpinTimeline');
      get().invalidateTimeline();
    },

    selectArtifact: (id) => {
      set({ selectedId: id }, false, 'artifacts/select');
      if (id === null) {
        set({ detailRequest: idle }, false, 'artifacts/deselect');
        return;
      }
      if (!get().detailsById[id]) void loadDetail(id);
    },

    moveSelection: (delta) => {
      const { pages, total, selectedId } = get();
      if (!total) return null;
      const current = selectedId === null ? -1 : indexOfId(pages, selectedId);
      const next = current < 0 ? (delta > 0 ? 0 : total - 1) : Math.min(total - 1, Math.max(0, current + delta));
      const row = rowAt(pages, next);
      if (row) get().selectArtifact(row.id);
      return next;
    },

    reloadSelectedDetail: async () => {
      const id = get().selectedId;
      if (id !== null) await loadDetail(id);
    },

    setSearchText: (text) => set({ searchText: text }, false, 'artifacts/searchText'),

    runSearch: async () => {
      const dir = get().activeCaseDir;
      const text = get().searchText.trim();
      if (!dir || !text) return;
      const seq = ++searchSeq;
      set({ searchRequest: loading, searchHits: [] }, false, 'artifacts/search');
      try {
        const hits = await api.call('search.query', { dir, query: text, limit: 200 });
        if (seq === searchSeq) set({ searchHits: hits, searchRequest: idle }, false, 'artifacts/searchDone');
      } catch (e) {
        if (seq === searchSeq) set({ searchRequest: failed(toErrorShape(e)) }, false, 'artifacts/searchFailed');
      }
    },

    closeSearch: () => {
      searchSeq += 1;
      set({ searchHits: null, searchRequest: idle }, false, 'artifacts/closeSearch');
    },

    resetArtifacts: () => {
      if (liveTimer) clearTimeout(liveTimer);
      if (filterTimer) clearTimeout(filterTimer);
      liveTimer = null;
      filterTimer = null;
      set((s) => ({ ...initial, listGeneration: s.listGeneration + 1 }), false, 'artifacts/reset');
    },
  };
};
