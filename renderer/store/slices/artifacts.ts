import type { ArtifactDetail, ArtifactFilters, ArtifactSortKey, ArtifactSummary } from '../../../shared/domain/artifact';
import type { SearchHit, TextMatches } from '../../../shared/domain/search';
import { api } from '../../api';
import { cleanFilters, type ViewFilters, type ViewState } from '../../lib/view-state';
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
  /** Full-text search and the attribute filters, as `artifacts.list` takes them. */
  filters: ViewFilters;
}

/** Where the current search matches in one artifact's text, for the text view's highlights. */
export interface TextMatchState {
  id: number;
  query: string;
  matches: TextMatches;
}

/** The list's filters as the backend takes them (also what "select all matching" and a saved search carry). */
export function listFilters(q: ArtifactQueryState): ArtifactFilters {
  return {
    ...cleanFilters(q.filters),
    ...(q.filter ? { filter: q.filter } : {}),
    ...(q.sourceId !== null ? { sourceId: q.sourceId } : {}),
    ...(q.pathPrefix ? { pathPrefix: q.pathPrefix } : {}),
  };
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

  /** The artifact the detail pane shows (the row with the keyboard focus). */
  selectedId: number | null;
  /** Rows picked for a bulk action (shift/ctrl-click, select all matching); holds `selectedId` after a plain click. */
  selectedIds: ReadonlySet<number>;
  /** Where a shift-click range starts. */
  anchorId: number | null;
  detailsById: Record<number, ArtifactDetail>;
  detailRequest: RequestState;
  textMatches: TextMatchState | null;

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
  /** A click on a row: alone, `isRange` (shift) from the anchor, or `isToggle` (ctrl/cmd) in or out of the selection. */
  clickRow: (id: number, mods: { isRange: boolean; isToggle: boolean }) => Promise<void>;
  /** Every artifact the current filters select, for a bulk action. */
  selectAllMatching: () => Promise<void>;
  clearSelection: () => void;
  /** Moves the selection by `delta` rows in the current table order (arrow keys). */
  moveSelection: (delta: number) => number | null;
  reloadSelectedDetail: () => Promise<void>;
  /** Loads an artifact's detail without selecting it (the other side of a translation pair). */
  prefetchDetail: (id: number) => Promise<void>;
  setFilters: (patch: Partial<ViewFilters>) => void;
  clearFilters: () => void;
  /** Shows a whole view at once: from the URL on reload, or a saved search. */
  applyView: (view: Partial<Omit<ViewState, 'dir' | 'tab'>>) => void;
  setSearchText: (text: string) => void;
  /** The search box's Enter: filters the table by the text and lists the hits with their snippets. */
  submitSearch: () => void;
  runSearch: () => Promise<void>;
  closeSearch: () => void;
  loadTextMatches: () => Promise<void>;
  resetArtifacts: () => void;
}

const initialQuery: ArtifactQueryState = { sort: 'path', order: 'asc', filter: '', sourceId: null, pathPrefix: null, filters: {} };
const noSelection: ReadonlySet<number> = new Set();

const initial = {
  query: initialQuery,
  filterText: '',
  total: null,
  pages: {},
  listRequest: idle,
  listGeneration: 0,
  visibleRange: { start: 0, end: 0 },
  selectedId: null,
  selectedIds: noSelection,
  anchorId: null,
  detailsById: {},
  detailRequest: idle,
  textMatches: null,
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
  let matchSeq = 0;

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
        ...listFilters(query),
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

  /** The detail, the review and (under a search) the text matches of the artifact just selected. */
  const showArtifact = (id: number): void => {
    if (!get().detailsById[id]) void loadDetail(id);
    // A cached review is current: review.changed events drop the ones a change touched.
    if (!get().reviewById[id]) void get().loadReview(id);
    void get().loadTextMatches();
  };

  /** Ids of the rows between two indexes, loading the pages in between first. */
  const idsBetween = async (from: number, to: number): Promise<number[]> => {
    const [start, end] = from <= to ? [from, to] : [to, from];
    const generation = get().listGeneration;
    const wanted: number[] = [];
    for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(end / PAGE_SIZE); p += 1) if (!get().pages[p]) wanted.push(p);
    await Promise.all(wanted.map((p) => fetchPage(p, generation)));
    const ids: number[] = [];
    for (let i = start; i <= end; i += 1) {
      const row = rowAt(get().pages, i);
      if (row) ids.push(row.id);
    }
    return ids;
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
      set({ filterText: '', searchText: '' }, false, 'artifacts/clearFilterText');
      restartQuery({ sort: 'status', order: 'asc', filter: '', sourceId: null, pathPrefix: null, filters: {} });
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
      set({ selectedId: id, selectedIds: id === null ? noSelection : new Set([id]), anchorId: id }, false, 'artifacts/select');
      if (id === null) {
        set({ detailRequest: idle }, false, 'artifacts/deselect');
        return;
      }
      showArtifact(id);
    },

    clickRow: async (id, { isRange, isToggle }) => {
      const { anchorId, pages, selectedIds } = get();
      if (isRange && anchorId !== null) {
        const from = indexOfId(pages, anchorId);
        const to = indexOfId(pages, id);
        if (from >= 0 && to >= 0) {
          const ids = await idsBetween(from, to);
          set({ selectedIds: new Set(ids), selectedId: id }, false, 'artifacts/selectRange');
          showArtifact(id);
          return;
        }
      }
      if (isToggle) {
        const next = new Set(selectedIds);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        set({ selectedIds: next, selectedId: id, anchorId: id }, false, 'artifacts/toggleSelected');
        showArtifact(id);
        return;
      }
      get().selectArtifact(id);
    },

    selectAllMatching: async () => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      try {
        const { ids, capped } = await api.call('artifacts.select', { dir, ...listFilters(get().query) });
        if (get().activeCaseDir !== dir) return;
        set({ selectedIds: new Set(ids) }, false, 'artifacts/selectAll');
        if (capped)
          get().pushToast(
            'info',
            `Selected the first ${ids.length.toLocaleString('en-US')} matching artifacts (the most one action takes).`,
          );
      } catch (e) {
        get().pushError(toErrorShape(e), 'Could not select the matching artifacts');
      }
    },

    clearSelection: () => {
      const { selectedId } = get();
      set({ selectedIds: selectedId === null ? noSelection : new Set([selectedId]) }, false, 'artifacts/clearSelection');
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

    prefetchDetail: async (id) => {
      const dir = get().activeCaseDir;
      if (!dir || get().detailsById[id]) return;
      try {
        const detail = await api.call('artifacts.get', { dir, id });
        if (get().activeCaseDir === dir) set((s) => ({ detailsById: { ...s.detailsById, [id]: detail } }), false, 'artifacts/prefetched');
      } catch (e) {
        get().pushError(toErrorShape(e), `Could not load artifact #${id}`);
      }
    },

    setFilters: (patch) => {
      const filters = cleanFilters({ ...get().query.filters, ...patch });
      if ('search' in patch) set({ searchText: filters.search ?? '' }, false, 'artifacts/searchTextFromFilter');
      restartQuery({ filters });
      void get().loadTextMatches();
    },

    clearFilters: () => {
      set({ searchText: '' }, false, 'artifacts/clearSearchText');
      get().closeSearch();
      restartQuery({ filters: {} });
      set({ textMatches: null }, false, 'artifacts/clearMatches');
    },

    applyView: (view) => {
      const patch: Partial<ArtifactQueryState> = {
        ...(view.sort ? { sort: view.sort } : {}),
        ...(view.order ? { order: view.order } : {}),
        ...(view.filter !== undefined ? { filter: view.filter } : {}),
        ...(view.sourceId !== undefined ? { sourceId: view.sourceId } : {}),
        ...(view.pathPrefix !== undefined ? { pathPrefix: view.pathPrefix } : {}),
        ...(view.filters ? { filters: cleanFilters(view.filters) } : {}),
      };
      set(
        (s) => ({
          filterText: patch.filter ?? s.filterText,
          searchText: patch.filters ? (patch.filters.search ?? '') : s.searchText,
        }),
        false,
        'artifacts/applyViewText',
      );
      restartQuery(patch);
      if (view.selectedId !== undefined && view.selectedId !== null) get().selectArtifact(view.selectedId);
      else void get().loadTextMatches();
    },

    setSearchText: (text) => set({ searchText: text }, false, 'artifacts/searchText'),

    submitSearch: () => {
      const text = get().searchText.trim();
      get().setFilters({ search: text || undefined });
      if (text) void get().runSearch();
      else get().closeSearch();
    },

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

    loadTextMatches: async () => {
      const { activeCaseDir: dir, selectedId: id, query } = get();
      const text = query.filters.search?.trim();
      const seq = ++matchSeq;
      if (!dir || id === null || !text) {
        if (get().textMatches !== null) set({ textMatches: null }, false, 'artifacts/noMatches');
        return;
      }
      try {
        const matches = await api.call('search.locate', { dir, id, query: text });
        if (seq === matchSeq) set({ textMatches: { id, query: text, matches } }, false, 'artifacts/matches');
      } catch (e) {
        if (seq === matchSeq) get().pushError(toErrorShape(e), 'Could not highlight the search in the text');
      }
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
