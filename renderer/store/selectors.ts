import type { FolderSummary } from '../../shared/domain/artifact';
import type { CaseSummary, RecentCase } from '../../shared/domain/case';
import type { IngestJob, IngestProgress } from '../../shared/domain/ingest';
import type { Label, ProductionSummary } from '../../shared/domain/review';
import type { Source } from '../../shared/domain/source';
import { TYPE_CHOICES } from '../lib/artifact-type';
import { folderKey, folderRows, type FolderRow } from '../lib/folder-tree';
import { describeLogFilter } from '../lib/log-filter';
import { formatPercent, sourceName } from '../lib/format';
import type { FilterKey, ViewFilters } from '../lib/view-state';
import type { AppState } from './index';
import { indexOfId } from './slices/artifacts';
import { isJobActive } from './slices/ingest';
import { referenceThumbnailKey } from './slices/visual';

/** Last-arguments memo: derived arrays keep their identity until an input changes (zustand compares with Object.is). */
function memo<A extends unknown[], R>(inputs: (s: AppState) => A, combine: (...args: A) => R): (s: AppState) => R {
  let last: A | null = null;
  let result: R;
  return (s) => {
    const args = inputs(s);
    if (last && args.length === last.length && args.every((v, i) => Object.is(v, (last as A)[i]))) return result;
    last = args;
    result = combine(...args);
    return result;
  };
}

export const selectAppInfo = (s: AppState) => s.appInfo;
export const selectAppInfoRequest = (s: AppState) => s.appInfoRequest;
export const selectToasts = (s: AppState) => s.toasts;
export const selectDetailWidth = (s: AppState) => s.detailWidth;
export const selectSetDetailWidth = (s: AppState) => s.setDetailWidth;

export type AppPhase = 'loading' | 'ready' | 'error';
/** `ready` once host facts and recent cases have answered (successfully or not); `error` when the host is unreachable. */
export const selectAppPhase = (s: AppState): AppPhase => {
  if (s.appInfoRequest.status === 'error') return 'error';
  if (s.appInfo === null || s.recentRequest.status === 'loading') return 'loading';
  return 'ready';
};

export const selectRecentCases = memo(
  (s: AppState) => [s.recentDirs, s.recentByDir] as [string[], Record<string, RecentCase>],
  (dirs, byDir) => dirs.map((d) => byDir[d]).filter((c): c is RecentCase => c !== undefined),
);
export const selectRecentRequest = (s: AppState) => s.recentRequest;
export const selectCreateRequest = (s: AppState) => s.createRequest;
export const selectOpenRequest = (s: AppState) => s.openRequest;
export const selectOpeningDir = (s: AppState) => s.openingDir;
export const selectIsUpgrading = (s: AppState) => s.isUpgrading;
export const selectActiveCase = (s: AppState): CaseSummary | null => (s.activeCaseDir ? (s.casesByDir[s.activeCaseDir] ?? null) : null);

export const selectSources = memo(
  (s: AppState) => [s.sourceIds, s.sourcesById] as [number[], Record<number, Source>],
  (ids, byId) => ids.map((id) => byId[id]).filter((x): x is Source => x !== undefined),
);
export const selectSourcesRequest = (s: AppState) => s.sourcesRequest;
export const selectStartRequest = (s: AppState) => s.startRequest;
export const selectCancelRequest = (s: AppState) => s.cancelRequest;

export interface CurrentJobView {
  job: IngestJob | null;
  progress: IngestProgress | null;
  isActive: boolean;
}
export const selectCurrentJob = memo(
  (s: AppState) =>
    [s.currentJobId, s.jobsById, s.progressByJob] as [number | null, Record<number, IngestJob>, Record<number, IngestProgress>],
  (id, jobs, progress): CurrentJobView | null => {
    if (id === null) return null;
    const job = jobs[id] ?? null;
    const p = progress[id] ?? null;
    if (!job && !p) return null;
    return { job, progress: p, isActive: job ? isJobActive(job) : true };
  },
);
export const selectIsIngesting = (s: AppState): boolean => Object.values(s.jobsById).some(isJobActive);
/** The status bar's short note on a running job: `Ingesting 42%` (bytes when known, else files), or null when idle. */
export const selectJobLabel = (s: AppState): string | null => {
  const current = selectCurrentJob(s);
  if (!current?.isActive) return null;
  const p = current.progress;
  if (!p) return 'Ingesting';
  return `Ingesting ${p.bytesTotal > 0 ? formatPercent(p.bytesDone, p.bytesTotal) : formatPercent(p.filesDone, p.filesTotal)}`;
};

export const selectArtifactQuery = (s: AppState) => s.query;
export const selectFilterText = (s: AppState) => s.filterText;
export const selectArtifactPages = (s: AppState) => s.pages;
export const selectArtifactTotal = (s: AppState) => s.total;
export const selectListRequest = (s: AppState) => s.listRequest;
export const selectSelectedId = (s: AppState) => s.selectedId;
export const selectSelectedDetail = (s: AppState) => (s.selectedId === null ? null : (s.detailsById[s.selectedId] ?? null));
export const selectDetailRequest = (s: AppState) => s.detailRequest;
export const selectPreview = (s: AppState) => (s.preview?.dir === s.activeCaseDir ? s.preview : null);
export const selectLoadPreview = (s: AppState) => s.loadPreview;

export interface SourceTreeView {
  source: Source;
  /** The root listing has arrived and holds folders. */
  hasFolders: boolean;
  isExpanded: boolean;
  rows: FolderRow[];
}
export const selectSourceTree = memo(
  (s: AppState) =>
    [selectSources(s), s.folderListings, s.expandedFolders, s.collapsedSources] as [
      Source[],
      Record<string, FolderSummary[]>,
      Record<string, true>,
      Record<number, true>,
    ],
  (sources, listings, expanded, collapsed): SourceTreeView[] =>
    sources.map((source) => {
      const hasFolders = (listings[folderKey(source.id, '')]?.length ?? 0) > 0;
      const isExpanded = !collapsed[source.id];
      return { source, hasFolders, isExpanded, rows: hasFolders && isExpanded ? folderRows(source.id, listings, expanded, 1) : [] };
    }),
);
/** The "All artifacts" count: the sources' sum once they have loaded, else the case header's figure. */
export const selectTotalArtifacts = (s: AppState): number =>
  selectSources(s).reduce((n, source) => n + source.artifactCount, 0) || (selectActiveCase(s)?.artifactCount ?? 0);
/** The first failed folder listing, if any: the tree shows it once rather than per folder. */
export const selectFolderError = (s: AppState) => Object.values(s.folderRequests).find((r) => r.status === 'error')?.error;
export const selectRerunRequest = (s: AppState) => s.rerunRequest;

export const selectCenterTab = (s: AppState) => s.centerTab;
export const selectTimelineEvents = (s: AppState) => s.timelineEvents;
export const selectTimelineHasMore = (s: AppState) => s.timelineHasMore;
export const selectTimelineRequest = (s: AppState) => s.timelineRequest;
export const selectTimelineRange = (s: AppState) => s.timelineRange;
export const selectTimelineArtifact = (s: AppState) => s.timelineArtifact;
export const selectTimelineCursor = (s: AppState) => s.timelineCursor;
/** The client, network or place the timeline is narrowed to (`Client 1.2.3.4`, `CN · Jilin`), or null. */
export const selectTimelineLogFilterLabel = (s: AppState): string | null =>
  s.timelineLogFilter ? describeLogFilter(s.timelineLogFilter) : null;
/** The folder picked in the sources tree (`evidence/`, `evidence/notes/`), or null when the table shows every artifact. */
export const selectFolderScopeLabel = (s: AppState): string | null => {
  const { sourceId, pathPrefix } = s.query;
  if (sourceId === null) return null;
  const source = s.sourcesById[sourceId];
  return `${source ? sourceName(source.path) : `source ${sourceId}`}/${pathPrefix ?? ''}`;
};
/** What the timeline shows: the pinned artifact's path, else the tree's scope (`All artifacts`, `evidence/notes/`). */
export const selectTimelineScopeLabel = (s: AppState): string => s.timelineArtifact?.path ?? selectFolderScopeLabel(s) ?? 'All artifacts';

/** The access log whose analysis is shown, when it belongs to the open case. */
export const selectLogView = (s: AppState) => (s.logView?.dir === s.activeCaseDir ? s.logView : null);

export const selectSearchText = (s: AppState) => s.searchText;
export const selectSearchHits = (s: AppState) => s.searchHits;
export const selectSearchRequest = (s: AppState) => s.searchRequest;

// Action picks: functions never change, so useShallow over these objects never re-renders on its own.
export const selectAppActions = (s: AppState) => ({ dismissToast: s.dismissToast, boot: s.boot });
export const selectCloseCase = (s: AppState) => s.closeCase;
export const selectSelectArtifact = (s: AppState) => s.selectArtifact;
export const selectCaseActions = (s: AppState) => ({
  createCase: s.createCase,
  openCase: s.openCase,
  migrateCase: s.migrateCase,
  forgetCase: s.forgetCase,
  pickFolder: s.pickFolder,
  clearCaseErrors: s.clearCaseErrors,
  confirmExaminer: s.confirmExaminer,
  cancelOpen: s.cancelOpen,
});
export const selectSourceActions = (s: AppState) => ({
  selectFolder: s.selectFolder,
  toggleFolder: s.toggleFolder,
  toggleSource: s.toggleSource,
  pickFolder: s.pickFolder,
  startIngest: s.startIngest,
  clearStartError: s.clearStartError,
  rerunExtraction: s.rerunExtraction,
});
export const selectSetCenterTab = (s: AppState) => s.setCenterTab;
export const selectTimelineActions = (s: AppState) => ({
  loadMoreTimeline: s.loadMoreTimeline,
  setTimelineRange: s.setTimelineRange,
  pinTimelineArtifact: s.pinTimelineArtifact,
  moveTimelineCursor: s.moveTimelineCursor,
  openTimelineEvent: s.openTimelineEvent,
  loadTimeline: s.loadTimeline,
  clearTimelineLogFilter: s.clearTimelineLogFilter,
});
export const selectLogActions = (s: AppState) => ({
  loadLogAnalysis: s.loadLogAnalysis,
  filterLogRequests: s.filterLogRequests,
  loadMoreLogRequests: s.loadMoreLogRequests,
  showLogFilter: s.showLogFilter,
});
export const selectIngestActions = (s: AppState) => ({
  cancelIngest: s.cancelIngest,
  dismissJob: s.dismissJob,
  showErrorsFirst: s.showErrorsFirst,
});
export const selectArtifactActions = (s: AppState) => ({
  sortBy: s.sortBy,
  selectArtifact: s.selectArtifact,
  clickRow: s.clickRow,
  moveSelection: s.moveSelection,
  ensureRows: s.ensureRows,
  setFilterText: s.setFilterText,
  selectFolder: s.selectFolder,
});
export const selectSearchActions = (s: AppState) => ({
  setSearchText: s.setSearchText,
  submitSearch: s.submitSearch,
  runSearch: s.runSearch,
  closeSearch: s.closeSearch,
  selectArtifact: s.selectArtifact,
});

// ---- review: examiner, selection, per-artifact review, watchlist, labels, notes, undo ----

export const selectPendingOpen = (s: AppState) => s.pendingOpen;
export const selectExaminer = (s: AppState) => s.examiner;
export const selectSelectedIds = (s: AppState) => s.selectedIds;
/** What a bulk action works on: the picked rows, else the selected one. */
export const selectTargetIds = memo(
  (s: AppState) => [s.selectedIds, s.selectedId] as [ReadonlySet<number>, number | null],
  (ids, selected): number[] => (ids.size > 0 ? [...ids] : selected !== null ? [selected] : []),
);
export const selectReviews = (s: AppState) => s.reviewById;
export const selectSelectedReview = (s: AppState) => (s.selectedId === null ? null : (s.reviewById[s.selectedId] ?? null));
export const selectReviewRequest = (s: AppState) => s.reviewRequest;
export const selectProductions = (s: AppState) => s.productions;
export const selectProductionsRequest = (s: AppState) => s.productionsRequest;
export const selectProductionTitles = memo(
  (s: AppState) => [s.productions] as [ProductionSummary[]],
  (productions): Record<string, string> => Object.fromEntries(productions.map((p) => [p.id, p.title])),
);
export const selectLabels = (s: AppState) => s.labels;
export const selectLabelsById = memo(
  (s: AppState) => [s.labels] as [Label[]],
  (labels): Record<number, Label> => Object.fromEntries(labels.map((l) => [l.id, l])),
);
export const selectSavedSearches = (s: AppState) => s.savedSearches;
export const selectCaseNotes = (s: AppState) => s.caseNotes;
export const selectCaseNotesRequest = (s: AppState) => s.caseNotesRequest;
export const selectUndoState = (s: AppState) => ({ canUndo: s.canUndo, canRedo: s.canRedo, pendingChanges: s.pendingChanges });
export const selectDialog = (s: AppState) => s.dialog;
export const selectIsLeftPaneOpen = (s: AppState) => s.isLeftPaneOpen;
export const selectSetLeftPaneOpen = (s: AppState) => s.setLeftPaneOpen;
export const selectSearchFocusRequest = (s: AppState) => s.searchFocusRequest;
export const selectViewer = (s: AppState) => s.viewer;
export const selectWatchlistRequest = (s: AppState) => s.watchlistRequest;
/** The search highlights of the selected artifact's text, when the table is filtered by a search. */
export const selectTextMatches = (s: AppState) => (s.textMatches && s.textMatches.id === s.selectedId ? s.textMatches : null);
/** The selected row's index in the table's current order, or -1 while its page is not loaded. */
export const selectSelectedIndex = (s: AppState): number => (s.selectedId === null ? -1 : indexOfId(s.pages, s.selectedId));
export const selectDetailById = (s: AppState) => s.detailsById;

export interface FilterChip {
  key: FilterKey;
  label: string;
  value: string;
}

const tagStatusLabel: Record<string, string> = {
  suspected: 'suspected',
  confirmed: 'confirmed',
  'ruled-out': 'ruled out',
  untagged: 'untagged',
};

/** The active filters in words, one chip each, for the bar above the table. */
export const selectFilterChips = memo(
  (s: AppState) => [s.query.filters, s.productions, s.labels] as [ViewFilters, ProductionSummary[], Label[]],
  (filters, productions, labels): FilterChip[] => {
    const title = (id: string): string => productions.find((p) => p.id === id)?.title ?? id;
    const chips: FilterChip[] = [];
    const add = (key: FilterKey, label: string, value: string): void => {
      chips.push({ key, label, value });
    };
    if (filters.search) add('search', 'Search', filters.search);
    if (filters.type) add('type', 'Type', TYPE_CHOICES.find((t) => t.value === filters.type)?.label ?? filters.type);
    if (filters.language) add('language', 'Language', filters.language);
    if (filters.variant)
      add('variant', 'Chinese', filters.variant === 'hans' ? 'simplified' : filters.variant === 'hant' ? 'traditional' : 'mixed');
    if (filters.nkMin !== undefined) add('nkMin', 'NK markers', `≥ ${Math.round(filters.nkMin * 100)}%`);
    if (filters.stage) add('stage', 'Stage', filters.stage);
    if (filters.production) add('production', 'Tagged', title(filters.production));
    if (filters.tagStatus) add('tagStatus', 'Tag status', tagStatusLabel[filters.tagStatus] ?? filters.tagStatus);
    if (filters.suggested) add('suggested', 'Suggested', title(filters.suggested));
    if (filters.labelId !== undefined) add('labelId', 'Label', labels.find((l) => l.id === filters.labelId)?.name ?? `#${filters.labelId}`);
    if (filters.starred !== undefined) add('starred', 'Star', filters.starred ? 'starred' : 'not starred');
    if (filters.hasNotes !== undefined) add('hasNotes', 'Notes', filters.hasNotes ? 'with notes' : 'without notes');
    if (filters.hasErrors !== undefined) add('hasErrors', 'Errors', filters.hasErrors ? 'with errors' : 'without errors');
    if (filters.duplicates !== undefined) add('duplicates', 'Duplicates', filters.duplicates ? 'duplicated' : 'unique');
    if (filters.mismatch !== undefined) add('mismatch', 'Extension', filters.mismatch ? 'mismatch' : 'matches content');
    if (filters.from) add('from', 'From', filters.from);
    if (filters.to) add('to', 'To', filters.to);
    return chips;
  },
);

export const selectAuditView = (s: AppState) => ({
  filter: s.auditFilter,
  events: s.auditEvents,
  total: s.auditTotal,
  request: s.auditRequest,
  verification: s.verification,
  verifyRequest: s.verifyRequest,
});
export const selectArtifactAudit = (s: AppState) => s.artifactAudit;

export const selectReviewActions = (s: AppState) => ({
  tagArtifacts: s.tagArtifacts,
  removeTag: s.removeTag,
  decideSuggestion: s.decideSuggestion,
  createLabel: s.createLabel,
  applyLabel: s.applyLabel,
  setStarred: s.setStarred,
  toggleStars: s.toggleStars,
  addNote: s.addNote,
  editNote: s.editNote,
  removeNote: s.removeNote,
  addAnnotation: s.addAnnotation,
  editAnnotation: s.editAnnotation,
  removeAnnotation: s.removeAnnotation,
  undo: s.undo,
  redo: s.redo,
  openViewer: s.openViewer,
  openDialog: s.openDialog,
  prefetchDetail: s.prefetchDetail,
  selectArtifact: s.selectArtifact,
  loadArtifactAudit: s.loadArtifactAudit,
});
export const selectSelectionActions = (s: AppState) => ({
  clickRow: s.clickRow,
  selectAllMatching: s.selectAllMatching,
  clearSelection: s.clearSelection,
  openDialog: s.openDialog,
  toggleStars: s.toggleStars,
});
export const selectFilterActions = (s: AppState) => ({
  setFilters: s.setFilters,
  clearFilters: s.clearFilters,
  saveSearch: s.saveSearch,
  removeSearch: s.removeSearch,
  applySavedSearch: s.applySavedSearch,
  openDialog: s.openDialog,
});
export const selectDialogActions = (s: AppState) => ({
  closeDialog: s.closeDialog,
  confirmExaminer: s.confirmExaminer,
  cancelOpen: s.cancelOpen,
  tagArtifacts: s.tagArtifacts,
  createLabel: s.createLabel,
  applyLabel: s.applyLabel,
  addNote: s.addNote,
  saveSearch: s.saveSearch,
});
export const selectWatchlistActions = (s: AppState) => ({
  saveProduction: s.saveProduction,
  removeProduction: s.removeProduction,
  importWatchlist: s.importWatchlist,
  exportWatchlist: s.exportWatchlist,
  setFilters: s.setFilters,
  setCenterTab: s.setCenterTab,
});
export const selectAuditActions = (s: AppState) => ({
  setAuditFilter: s.setAuditFilter,
  verifyAudit: s.verifyAudit,
  loadMoreAudit: s.loadMoreAudit,
  selectArtifact: s.selectArtifact,
});
export const selectViewerActions = (s: AppState) => ({
  setViewerPage: s.setViewerPage,
  closeViewer: s.closeViewer,
  addAnnotation: s.addAnnotation,
  removeAnnotation: s.removeAnnotation,
});
export const selectWorkspaceActions = (s: AppState) => ({
  openDialog: s.openDialog,
  undo: s.undo,
  redo: s.redo,
  setLeftPaneOpen: s.setLeftPaneOpen,
  closeCase: s.closeCase,
});

// ---- visual evidence ----
export const selectOcrJob = (s: AppState) => s.ocrJob;
export const selectOcrRequest = (s: AppState) => s.ocrRequest;
export const selectIsOcrOverlayOn = (s: AppState) => s.isOcrOverlayOn;
export const selectSimilar = (s: AppState) => s.similar;
export const selectSimilarRequest = (s: AppState) => s.similarRequest;
export const selectClusters = (s: AppState) => s.clusters;
export const selectClustersRequest = (s: AppState) => s.clustersRequest;
export const selectReferencesByProduction = (s: AppState) => s.referencesByProduction;
export const selectReferencesRequest = (s: AppState) => s.referencesRequest;
export const selectReferenceThumbnail = (referenceId: number) => (s: AppState) =>
  s.activeCaseDir === null ? undefined : s.referenceThumbnails[referenceThumbnailKey(s.activeCaseDir, referenceId)];
export const selectVisualActions = (s: AppState) => ({
  startOcr: s.startOcr,
  cancelOcr: s.cancelOcr,
  setOcrOverlay: s.setOcrOverlay,
  loadSimilar: s.loadSimilar,
  loadClusters: s.loadClusters,
  loadReferences: s.loadReferences,
  addReference: s.addReference,
  removeReference: s.removeReference,
  loadReferenceThumbnail: s.loadReferenceThumbnail,
});
