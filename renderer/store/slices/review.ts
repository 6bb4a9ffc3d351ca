import type { ArtifactSummary } from '../../../shared/domain/artifact';
import type {
  Annotation,
  ArtifactReview,
  Confidence,
  Label,
  Note,
  ProductionSummary,
  Region,
  ReviewChanged,
  SavedSearch,
  Suggestion,
  Tag,
  TagStatus,
} from '../../../shared/domain/review';
import { api } from '../../api';
import { rememberExaminer } from '../../lib/prefs';
import { filtersFromRecord } from '../../lib/view-state';
import type { SliceCreator } from '../index';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';
import { patchPages, restorePages } from '../rows';
import { listFilters } from './artifacts';

export interface TagInput {
  productionId: string;
  status: TagStatus;
  confidence: Confidence;
  rationale: string;
}

export interface ReviewSlice {
  /** Who acts in the open case: sent with every change and written in the audit trail. */
  examiner: string | null;
  /** What was decided about each artifact, for the detail pane; refreshed on `review.changed`. */
  reviewById: Record<number, ArtifactReview>;
  reviewRequest: RequestState;
  productions: ProductionSummary[];
  productionsRequest: RequestState;
  labels: Label[];
  savedSearches: SavedSearch[];
  caseNotes: Note[];
  caseNotesRequest: RequestState;
  canUndo: boolean;
  canRedo: boolean;
  /** Review calls on their way: the UI already shows their effect and rolls it back if one fails. */
  pendingChanges: number;

  setExaminer: (examiner: string) => void;
  loadReviewData: () => Promise<void>;
  loadReview: (id: number) => Promise<void>;
  loadProductions: () => Promise<void>;
  loadLabels: () => Promise<void>;
  loadSavedSearches: () => Promise<void>;
  loadCaseNotes: () => Promise<void>;
  loadUndoStatus: () => Promise<void>;
  tagArtifacts: (ids: readonly number[], input: TagInput) => Promise<boolean>;
  removeTag: (ids: readonly number[], productionId: string) => Promise<boolean>;
  decideSuggestion: (suggestion: Suggestion, decision: 'accept' | 'dismiss', tag?: Partial<TagInput>) => Promise<boolean>;
  createLabel: (name: string, color: string) => Promise<Label | null>;
  applyLabel: (ids: readonly number[], labelId: number, isApplied: boolean) => Promise<boolean>;
  setStarred: (ids: readonly number[], isStarred: boolean) => Promise<boolean>;
  /** Stars the artifacts, or unstars them when all of them are starred already. */
  toggleStars: (ids: readonly number[]) => Promise<boolean>;
  addNote: (artifactId: number | null, body: string) => Promise<boolean>;
  editNote: (note: Note, body: string) => Promise<boolean>;
  removeNote: (note: Note) => Promise<boolean>;
  addAnnotation: (artifactId: number, region: Region, note: string, tagId: number | null) => Promise<boolean>;
  editAnnotation: (annotation: Annotation, note: string) => Promise<boolean>;
  removeAnnotation: (annotation: Annotation) => Promise<boolean>;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  saveSearch: (name: string) => Promise<boolean>;
  removeSearch: (search: SavedSearch) => Promise<boolean>;
  applySavedSearch: (search: SavedSearch) => void;
  applyReviewChanged: (event: ReviewChanged) => void;
  resetReview: () => void;
}

const initial = {
  examiner: null,
  reviewById: {},
  reviewRequest: idle,
  productions: [],
  productionsRequest: idle,
  labels: [],
  savedSearches: [],
  caseNotes: [],
  caseNotesRequest: idle,
  canUndo: false,
  canRedo: false,
  pendingChanges: 0,
} satisfies Partial<ReviewSlice>;

/** Events arriving this close together refresh once. */
const REFRESH_DEBOUNCE_MS = 120;
/** Ids of the analyst's own optimistic notes, tags and annotations until the backend's arrive: negative, never a row id. */
let provisionalId = -1;
const nextProvisionalId = (): number => provisionalId--;

const sentence = (summary: string): string => summary.charAt(0).toUpperCase() + summary.slice(1);
const plural = (n: number, one: string): string => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

export const createReviewSlice: SliceCreator<ReviewSlice> = (set, get) => {
  let reviewSeq = 0;
  let pendingEvent: { ids: Set<number>; kinds: Set<string>; isAll: boolean } | null = null;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

  /** The optimistic part of a change: returns how to undo it on screen if the call fails. */
  type Optimism = () => () => void;

  /**
   * One review call: shows its effect first, then asks the backend; a failure puts the screen back and says why in a
   * toast. The backend's `review.changed` event then refreshes every view from what was committed.
   */
  const commit = async <T>(what: string, optimism: Optimism, call: (dir: string, examiner: string) => Promise<T>): Promise<T | null> => {
    const { activeCaseDir: dir, examiner } = get();
    if (!dir) return null;
    if (!examiner) {
      get().pushToast('error', `Could not ${what}: choose an examiner first (the name in the case header).`);
      return null;
    }
    const rollback = optimism();
    set((s) => ({ pendingChanges: s.pendingChanges + 1 }), false, 'review/pending');
    try {
      return await call(dir, examiner);
    } catch (e) {
      if (get().activeCaseDir === dir) rollback();
      get().pushError(toErrorShape(e), `Could not ${what}`);
      return null;
    } finally {
      set((s) => ({ pendingChanges: Math.max(0, s.pendingChanges - 1) }), false, 'review/settled');
    }
  };

  /** Changes the table rows of some artifacts and the reviews loaded for them; returns the way back. */
  const patch = (
    ids: readonly number[],
    row: (r: ArtifactSummary) => ArtifactSummary,
    review: (r: ArtifactReview) => ArtifactReview,
  ): (() => void) => {
    const wanted = new Set(ids);
    const { pages, changed } = patchPages(get().pages, wanted, row);
    const reviewChanges = new Map<number, { before: ArtifactReview; after: ArtifactReview }>();
    const reviews = { ...get().reviewById };
    for (const id of ids) {
      const current = reviews[id];
      if (!current) continue;
      const after = review(current);
      reviewChanges.set(id, { before: current, after });
      reviews[id] = after;
    }
    set({ pages, reviewById: reviews }, false, 'review/optimistic');
    // Only what still shows the optimistic change goes back; anything reloaded since already shows the committed state.
    return () =>
      set(
        (s) => {
          const restored = { ...s.reviewById };
          for (const [id, c] of reviewChanges) if (restored[id] === c.after) restored[id] = c.before;
          return { pages: restorePages(s.pages, changed), reviewById: restored };
        },
        false,
        'review/rollback',
      );
  };

  const provisionalTag = (
    artifactId: number,
    input: TagInput,
    evidence: Tag['evidence'] = null,
    suggestionId: number | null = null,
  ): Tag => {
    const now = new Date().toISOString();
    return {
      id: nextProvisionalId(),
      artifactId,
      productionId: input.productionId,
      productionTitle: get().productions.find((p) => p.id === input.productionId)?.title ?? input.productionId,
      status: input.status,
      confidence: input.confidence,
      rationale: input.rationale,
      evidence,
      suggestionId,
      examiner: get().examiner ?? '',
      createdAt: now,
      updatedAt: now,
    };
  };

  const withTag = (tags: Tag[], tag: Tag): Tag[] => {
    const existing = tags.find((t) => t.productionId === tag.productionId);
    return existing ? tags.map((t) => (t === existing ? { ...tag, id: existing.id, createdAt: existing.createdAt } : t)) : [...tags, tag];
  };

  const rowWithTag = (r: ArtifactSummary, productionId: string, status: TagStatus): ArtifactSummary => ({
    ...r,
    tags: [...r.tags.filter((t) => t.productionId !== productionId), { productionId, status }],
  });

  const flushRefresh = (): void => {
    refreshTimer = null;
    const event = pendingEvent;
    pendingEvent = null;
    if (!event) return;
    const kinds = [...event.kinds];
    const has = (...prefixes: string[]): boolean =>
      kinds.some((k) => k.startsWith('review.') || prefixes.some((p) => k === p || k.startsWith(`${p}.`)));
    void get().refreshArtifacts();
    set(
      (s) => ({
        reviewById: event.isAll
          ? {}
          : Object.fromEntries(Object.entries(s.reviewById).filter(([id]) => !event.ids.has(Number(id)) || Number(id) === s.selectedId)),
      }),
      false,
      'review/dropStale',
    );
    const selected = get().selectedId;
    if (selected !== null && (event.isAll || event.ids.has(selected))) void get().loadReview(selected);
    get().dropArtifactAudit(event.isAll ? null : [...event.ids]);
    if (has('label')) void get().loadLabels();
    if (has('tag', 'suggestion', 'suggestions', 'watchlist')) void get().loadProductions();
    if (has('search')) void get().loadSavedSearches();
    if (has('note')) void get().loadCaseNotes();
    void get().loadUndoStatus();
    if (get().centerTab === 'audit') void get().loadAudit();
  };

  return {
    ...initial,

    setExaminer: (examiner) => {
      const name = examiner.trim();
      const dir = get().activeCaseDir;
      if (!name) return;
      set({ examiner: name }, false, 'review/examiner');
      if (dir) rememberExaminer(dir, name);
      void get().loadUndoStatus();
    },

    loadReviewData: async () => {
      await Promise.all([
        get().loadProductions(),
        get().loadLabels(),
        get().loadSavedSearches(),
        get().loadCaseNotes(),
        get().loadUndoStatus(),
      ]);
    },

    loadReview: async (id) => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      const seq = ++reviewSeq;
      set({ reviewRequest: loading }, false, 'review/load');
      try {
        const review = await api.call('review.get', { dir, artifactId: id });
        if (get().activeCaseDir !== dir) return;
        set(
          (s) => ({ reviewById: { ...s.reviewById, [id]: review }, reviewRequest: seq === reviewSeq ? idle : s.reviewRequest }),
          false,
          'review/loaded',
        );
      } catch (e) {
        if (seq === reviewSeq) set({ reviewRequest: failed(toErrorShape(e)) }, false, 'review/failed');
      }
    },

    loadProductions: async () => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      set({ productionsRequest: loading }, false, 'review/loadProductions');
      try {
        const productions = await api.call('productions.list', { dir });
        if (get().activeCaseDir === dir) set({ productions, productionsRequest: idle }, false, 'review/productions');
      } catch (e) {
        set({ productionsRequest: failed(toErrorShape(e)) }, false, 'review/productionsFailed');
      }
    },

    loadLabels: async () => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      try {
        const labels = await api.call('labels.list', { dir });
        if (get().activeCaseDir === dir) set({ labels }, false, 'review/labels');
      } catch (e) {
        get().pushError(toErrorShape(e), 'Could not load the labels');
      }
    },

    loadSavedSearches: async () => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      try {
        const savedSearches = await api.call('searches.list', { dir });
        if (get().activeCaseDir === dir) set({ savedSearches }, false, 'review/searches');
      } catch (e) {
        get().pushError(toErrorShape(e), 'Could not load the saved searches');
      }
    },

    loadCaseNotes: async () => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      set({ caseNotesRequest: loading }, false, 'review/loadCaseNotes');
      try {
        const caseNotes = await api.call('notes.case', { dir });
        if (get().activeCaseDir === dir) set({ caseNotes, caseNotesRequest: idle }, false, 'review/caseNotes');
      } catch (e) {
        set({ caseNotesRequest: failed(toErrorShape(e)) }, false, 'review/caseNotesFailed');
      }
    },

    loadUndoStatus: async () => {
      const { activeCaseDir: dir, examiner } = get();
      if (!dir || !examiner) return;
      try {
        const status = await api.call('review.status', { dir, examiner });
        if (get().activeCaseDir === dir) set({ canUndo: status.canUndo, canRedo: status.canRedo }, false, 'review/undoStatus');
      } catch (e) {
        get().pushError(toErrorShape(e), 'Could not read the undo history');
      }
    },

    tagArtifacts: async (ids, input) => {
      const done = await commit(
        `tag ${plural(ids.length, 'artifact')}`,
        () =>
          patch(
            ids,
            (r) => rowWithTag(r, input.productionId, input.status),
            (r) => ({ ...r, tags: withTag(r.tags, provisionalTag(r.artifactId, input)) }),
          ),
        (dir, examiner) => api.call('tags.set', { dir, examiner, artifactIds: [...ids], ...input }),
      );
      return done !== null;
    },

    removeTag: async (ids, productionId) => {
      const done = await commit(
        'remove the tag',
        () =>
          patch(
            ids,
            (r) => ({ ...r, tags: r.tags.filter((t) => t.productionId !== productionId) }),
            (r) => ({ ...r, tags: r.tags.filter((t) => t.productionId !== productionId) }),
          ),
        (dir, examiner) => api.call('tags.remove', { dir, examiner, artifactIds: [...ids], productionId }),
      );
      return done !== null;
    },

    decideSuggestion: async (suggestion, decision, tag = {}) => {
      const input: TagInput = {
        productionId: suggestion.productionId,
        status: tag.status ?? 'suspected',
        confidence: tag.confidence ?? 'medium',
        rationale: tag.rationale ?? '',
      };
      const status = decision === 'accept' ? 'accepted' : 'dismissed';
      const decided = await commit(
        `${decision} the suggestion ${suggestion.productionTitle}`,
        () =>
          patch(
            [suggestion.artifactId],
            (r) => {
              const row = { ...r, openSuggestions: Math.max(0, r.openSuggestions - (suggestion.status === 'open' ? 1 : 0)) };
              return decision === 'accept' ? rowWithTag(row, input.productionId, input.status) : row;
            },
            (r) => ({
              ...r,
              suggestions: r.suggestions.map((s) => (s.id === suggestion.id ? { ...s, status, decidedBy: get().examiner } : s)),
              tags: decision === 'accept' ? withTag(r.tags, provisionalTag(r.artifactId, input, suggestion.hits, suggestion.id)) : r.tags,
            }),
          ),
        (dir, examiner) => api.call('suggestions.decide', { dir, examiner, id: suggestion.id, decision, ...input }),
      );
      if (!decided) return false;
      set(
        (s) => {
          const review = s.reviewById[decided.artifactId];
          if (!review) return {};
          const suggestions = review.suggestions.map((x) => (x.id === decided.id ? decided : x));
          return { reviewById: { ...s.reviewById, [decided.artifactId]: { ...review, suggestions } } };
        },
        false,
        'review/decided',
      );
      return true;
    },

    createLabel: async (name, color) =>
      commit(
        `create the label ${name}`,
        () => () => undefined,
        async (dir, examiner) => {
          const label = await api.call('labels.create', { dir, examiner, name, color });
          set((s) => ({ labels: [...s.labels.filter((l) => l.id !== label.id), label] }), false, 'review/labelCreated');
          return label;
        },
      ),

    applyLabel: async (ids, labelId, isApplied) => {
      const label = get().labels.find((l) => l.id === labelId);
      const done = await commit(
        `${isApplied ? 'apply' : 'take off'} the label ${label?.name ?? ''}`.trim(),
        () =>
          patch(
            ids,
            (r) => ({ ...r, labelIds: isApplied ? [...new Set([...r.labelIds, labelId])] : r.labelIds.filter((l) => l !== labelId) }),
            (r) => ({
              ...r,
              labels: isApplied
                ? [...r.labels.filter((l) => l.id !== labelId), ...(label ? [{ id: label.id, name: label.name, color: label.color }] : [])]
                : r.labels.filter((l) => l.id !== labelId),
            }),
          ),
        (dir, examiner) => api.call('labels.apply', { dir, examiner, artifactIds: [...ids], labelId, applied: isApplied }),
      );
      return done !== null;
    },

    setStarred: async (ids, isStarred) => {
      const done = await commit(
        `${isStarred ? 'star' : 'unstar'} ${plural(ids.length, 'artifact')}`,
        () =>
          patch(
            ids,
            (r) => ({ ...r, starred: isStarred }),
            (r) => ({ ...r, starred: isStarred }),
          ),
        (dir, examiner) => api.call('stars.set', { dir, examiner, artifactIds: [...ids], starred: isStarred }),
      );
      return done !== null;
    },

    toggleStars: async (ids) => {
      if (ids.length === 0) return false;
      const { reviewById, pages } = get();
      const isStarred = (id: number): boolean => {
        const review = reviewById[id];
        if (review) return review.starred;
        for (const rows of Object.values(pages)) {
          const row = rows.find((r) => r.id === id);
          if (row) return row.starred;
        }
        return false;
      };
      return get().setStarred(ids, !ids.every(isStarred));
    },

    addNote: async (artifactId, body) => {
      const now = new Date().toISOString();
      const draft: Note = { id: nextProvisionalId(), artifactId, body, examiner: get().examiner ?? '', createdAt: now, updatedAt: now };
      const note = await commit(
        artifactId === null ? 'add the case note' : 'add the note',
        () => {
          if (artifactId === null) {
            set((s) => ({ caseNotes: [...s.caseNotes, draft] }), false, 'review/caseNoteDraft');
            return () => set((s) => ({ caseNotes: s.caseNotes.filter((n) => n.id !== draft.id) }), false, 'review/caseNoteRollback');
          }
          return patch(
            [artifactId],
            (r) => ({ ...r, noteCount: r.noteCount + 1 }),
            (r) => ({ ...r, notes: [...r.notes, draft] }),
          );
        },
        (dir, examiner) => api.call('notes.add', { dir, examiner, artifactId, body }),
      );
      if (!note) return false;
      const swap = (notes: Note[]): Note[] => notes.map((n) => (n.id === draft.id ? note : n));
      set(
        (s) => {
          if (artifactId === null) return { caseNotes: swap(s.caseNotes) };
          const review = s.reviewById[artifactId];
          return review ? { reviewById: { ...s.reviewById, [artifactId]: { ...review, notes: swap(review.notes) } } } : {};
        },
        false,
        'review/noteAdded',
      );
      return true;
    },

    editNote: async (note, body) => {
      const change = (notes: Note[]): Note[] => notes.map((n) => (n.id === note.id ? { ...n, body } : n));
      const done = await commit(
        'edit the note',
        () => {
          if (note.artifactId === null) {
            const before = get().caseNotes;
            set({ caseNotes: change(before) }, false, 'review/caseNoteEdit');
            return () => set({ caseNotes: before }, false, 'review/caseNoteEditRollback');
          }
          return patch(
            [note.artifactId],
            (r) => r,
            (r) => ({ ...r, notes: change(r.notes) }),
          );
        },
        (dir, examiner) => api.call('notes.edit', { dir, examiner, id: note.id, body }),
      );
      return done !== null;
    },

    removeNote: async (note) => {
      const drop = (notes: Note[]): Note[] => notes.filter((n) => n.id !== note.id);
      const done = await commit(
        'remove the note',
        () => {
          if (note.artifactId === null) {
            const before = get().caseNotes;
            set({ caseNotes: drop(before) }, false, 'review/caseNoteRemove');
            return () => set({ caseNotes: before }, false, 'review/caseNoteRemoveRollback');
          }
          return patch(
            [note.artifactId],
            (r) => ({ ...r, noteCount: Math.max(0, r.noteCount - 1) }),
            (r) => ({ ...r, notes: drop(r.notes) }),
          );
        },
        (dir, examiner) => api.call('notes.remove', { dir, examiner, id: note.id }),
      );
      return done !== null;
    },

    addAnnotation: async (artifactId, region, note, tagId) => {
      const now = new Date().toISOString();
      const draft: Annotation = {
        ...region,
        id: nextProvisionalId(),
        artifactId,
        note,
        tagId,
        examiner: get().examiner ?? '',
        createdAt: now,
        updatedAt: now,
      };
      const saved = await commit(
        'save the annotation',
        () =>
          patch(
            [artifactId],
            (r) => r,
            (r) => ({ ...r, annotations: [...r.annotations, draft] }),
          ),
        (dir, examiner) => api.call('annotations.add', { dir, examiner, artifactId, region, note, ...(tagId !== null ? { tagId } : {}) }),
      );
      if (!saved) return false;
      set(
        (s) => {
          const review = s.reviewById[artifactId];
          if (!review) return {};
          return {
            reviewById: {
              ...s.reviewById,
              [artifactId]: { ...review, annotations: review.annotations.map((a) => (a.id === draft.id ? saved : a)) },
            },
          };
        },
        false,
        'review/annotationAdded',
      );
      return true;
    },

    editAnnotation: async (annotation, note) => {
      const done = await commit(
        'edit the annotation',
        () =>
          patch(
            [annotation.artifactId],
            (r) => r,
            (r) => ({ ...r, annotations: r.annotations.map((a) => (a.id === annotation.id ? { ...a, note } : a)) }),
          ),
        (dir, examiner) => api.call('annotations.edit', { dir, examiner, id: annotation.id, note }),
      );
      return done !== null;
    },

    removeAnnotation: async (annotation) => {
      const done = await commit(
        'remove the annotation',
        () =>
          patch(
            [annotation.artifactId],
            (r) => r,
            (r) => ({ ...r, annotations: r.annotations.filter((a) => a.id !== annotation.id) }),
          ),
        (dir, examiner) => api.call('annotations.remove', { dir, examiner, id: annotation.id }),
      );
      return done !== null;
    },

    undo: async () => {
      const result = await commit(
        'undo',
        () => () => undefined,
        (dir, examiner) => api.call('review.undo', { dir, examiner }),
      );
      if (!result) return;
      set({ canUndo: result.canUndo, canRedo: result.canRedo }, false, 'review/undone');
      get().pushToast('info', result.done ? sentence(result.done.summary) : 'Nothing of yours to undo in this case.');
    },

    redo: async () => {
      const result = await commit(
        'redo',
        () => () => undefined,
        (dir, examiner) => api.call('review.redo', { dir, examiner }),
      );
      if (!result) return;
      set({ canUndo: result.canUndo, canRedo: result.canRedo }, false, 'review/redone');
      get().pushToast('info', result.done ? sentence(result.done.summary) : 'Nothing to redo.');
    },

    saveSearch: async (name) => {
      const { sort, order } = get().query;
      const query = { ...listFilters(get().query), sort, order };
      const saved = await commit(
        `save the search ${name}`,
        () => () => undefined,
        (dir, examiner) => api.call('searches.save', { dir, examiner, name, query }),
      );
      if (!saved) return false;
      set((s) => ({ savedSearches: [...s.savedSearches.filter((x) => x.id !== saved.id), saved] }), false, 'review/searchSaved');
      return true;
    },

    removeSearch: async (search) => {
      const done = await commit(
        `remove the saved search ${search.name}`,
        () => {
          const before = get().savedSearches;
          set({ savedSearches: before.filter((s) => s.id !== search.id) }, false, 'review/searchRemoved');
          return () => set({ savedSearches: before }, false, 'review/searchRemoveRollback');
        },
        (dir, examiner) => api.call('searches.remove', { dir, examiner, id: search.id }),
      );
      return done !== null;
    },

    applySavedSearch: (search) => {
      const q = search.query;
      const sort = typeof q.sort === 'string' ? q.sort : undefined;
      get().applyView({
        filters: filtersFromRecord(q),
        filter: typeof q.filter === 'string' ? q.filter : '',
        sourceId: typeof q.sourceId === 'number' ? q.sourceId : null,
        pathPrefix: typeof q.pathPrefix === 'string' ? q.pathPrefix : null,
        ...(sort === 'path' ||
        sort === 'mime' ||
        sort === 'size' ||
        sort === 'mtime' ||
        sort === 'sha256' ||
        sort === 'status' ||
        sort === 'duplicates' ||
        sort === 'id'
          ? { sort }
          : {}),
        ...(q.order === 'desc' || q.order === 'asc' ? { order: q.order } : {}),
      });
      get().setCenterTab('artifacts');
    },

    applyReviewChanged: (event) => {
      const { activeCaseDir } = get();
      const active = activeCaseDir ? get().casesByDir[activeCaseDir] : undefined;
      if (!activeCaseDir || (event.caseDir !== activeCaseDir && event.caseDir !== active?.dir)) return;
      pendingEvent ??= { ids: new Set(), kinds: new Set(), isAll: false };
      for (const id of event.artifactIds) pendingEvent.ids.add(id);
      for (const kind of event.kinds) pendingEvent.kinds.add(kind);
      // A re-match of the whole watchlist names no artifact: it may have changed the suggestions of any of them.
      if (event.kinds.includes('suggestions')) pendingEvent.isAll = true;
      if (!refreshTimer) refreshTimer = setTimeout(flushRefresh, REFRESH_DEBOUNCE_MS);
    },

    resetReview: () => {
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = null;
      pendingEvent = null;
      reviewSeq += 1;
      set({ ...initial }, false, 'review/reset');
    },
  };
};
