import type { FolderSummary } from '../../shared/domain/artifact';
import type { CaseSummary, RecentCase } from '../../shared/domain/case';
import type { IngestJob, IngestProgress } from '../../shared/domain/ingest';
import type { Source } from '../../shared/domain/source';
import { folderKey, folderRows, type FolderRow } from '../lib/folder-tree';
import { describeLogFilter } from '../lib/log-filter';
import { formatPercent, sourceName } from '../lib/format';
import type { AppState } from './index';
import { isJobActive } from './slices/ingest';

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
  moveSelection: s.moveSelection,
  ensureRows: s.ensureRows,
  setFilterText: s.setFilterText,
  selectFolder: s.selectFolder,
});
export const selectSearchActions = (s: AppState) => ({
  setSearchText: s.setSearchText,
  runSearch: s.runSearch,
  closeSearch: s.closeSearch,
  selectArtifact: s.selectArtifact,
});
