import { useCallback, useEffect, useRef } from 'react';
import { ErrorBoundary } from '../../components/error-boundary';
import { Splitter } from '../../components/splitter';
import { tabId, tabPanelId, Tabs, type TabItem } from '../../components/tabs';
import { useAppStore } from '../../store';
import {
  selectActiveCase,
  selectCenterTab,
  selectDetailWidth,
  selectIsLeftPaneOpen,
  selectSetCenterTab,
  selectSetLeftPaneOpen,
  selectSetDetailWidth,
} from '../../store/selectors';
import type { CenterTab } from '../../store/slices/ui';
import { ArtifactBrowser } from '../artifacts/artifact-browser';
import { DetailPane } from '../artifacts/detail-pane';
import { AuditView } from '../audit/audit-view';
import { CaseOverview } from '../case/case-overview';
import { SavedSearches } from '../filters/saved-searches';
import { IngestProgress } from '../ingest/ingest-progress';
import { WorkspaceDialogs } from '../review/workspace-dialogs';
import { SearchBox } from '../search/search-box';
import { SourcesPane } from '../sources/sources-pane';
import { TimelinePanel } from '../timeline/timeline-panel';
import { ViewerDialog } from '../viewer/viewer-dialog';
import { ClustersView } from '../visual/clusters-view';
import { WatchlistEditor } from '../watchlist/watchlist-editor';
import { WorkspaceHeader } from './workspace-header';
import { useShortcuts } from './use-shortcuts';

const CENTER_TABS: readonly TabItem<CenterTab>[] = [
  { id: 'artifacts', label: 'Artifacts' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'case', label: 'Case' },
  { id: 'watchlist', label: 'Watchlist' },
  { id: 'clusters', label: 'Look-alikes' },
  { id: 'audit', label: 'Audit' },
];

const LEFT_WIDTH = 200;
const WIDE_WINDOW = 1200;

export function CaseWorkspace() {
  const summary = useAppStore(selectActiveCase);
  const detailWidth = useAppStore(selectDetailWidth);
  const setDetailWidth = useAppStore(selectSetDetailWidth);
  const centerTab = useAppStore(selectCenterTab);
  const setCenterTab = useAppStore(selectSetCenterTab);
  const isLeftOpen = useAppStore(selectIsLeftPaneOpen);
  const setLeftPaneOpen = useAppStore(selectSetLeftPaneOpen);
  const detailRef = useRef<HTMLElement>(null);
  const centerRef = useRef<HTMLDivElement>(null);

  const focusDetail = useCallback(() => detailRef.current?.focus(), []);
  const focusTable = useCallback(() => centerRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus(), []);
  useShortcuts({ onOpen: focusDetail, onBack: focusTable });

  // Narrowing the window below the width that holds three columns folds the sources away, and widening brings them back.
  useEffect(() => {
    const wide = window.matchMedia(`(min-width: ${WIDE_WINDOW}px)`);
    const handleChange = (e: MediaQueryListEvent): void => setLeftPaneOpen(e.matches);
    wide.addEventListener('change', handleChange);
    return () => wide.removeEventListener('change', handleChange);
  }, [setLeftPaneOpen]);

  if (!summary) return null;
  const columns = `${isLeftOpen ? `${LEFT_WIDTH}px ` : ''}minmax(0, 1fr) min(${detailWidth}px, 38vw)`;
  return (
    <div className="workspace" data-testid="case-workspace">
      <ErrorBoundary label="case header">
        <WorkspaceHeader
          search={
            <ErrorBoundary label="search">
              <SearchBox />
            </ErrorBoundary>
          }
        />
      </ErrorBoundary>
      <div className="workspace__body" style={{ gridTemplateColumns: columns }}>
        {isLeftOpen ? (
          <div className="workspace__left">
            <ErrorBoundary label="saved searches">
              <SavedSearches />
            </ErrorBoundary>
            <ErrorBoundary label="sources pane">
              <SourcesPane />
            </ErrorBoundary>
          </div>
        ) : null}
        <main className="workspace__center" ref={centerRef}>
          <ErrorBoundary label="ingest panel">
            <IngestProgress />
          </ErrorBoundary>
          <Tabs tabs={CENTER_TABS} selected={centerTab} label="Centre view" idPrefix="center" onSelect={setCenterTab} />
          <div
            className="workspace__panel"
            role="tabpanel"
            id={tabPanelId('center', centerTab)}
            aria-labelledby={tabId('center', centerTab)}
          >
            <ErrorBoundary label={centerTab}>
              {centerTab === 'artifacts' ? <ArtifactBrowser onActivate={focusDetail} /> : null}
              {centerTab === 'timeline' ? <TimelinePanel onActivate={focusDetail} /> : null}
              {centerTab === 'case' ? <CaseOverview /> : null}
              {centerTab === 'watchlist' ? <WatchlistEditor /> : null}
              {centerTab === 'clusters' ? <ClustersView /> : null}
              {centerTab === 'audit' ? <AuditView /> : null}
            </ErrorBoundary>
          </div>
        </main>
        <div className="workspace__right">
          <Splitter value={detailWidth} min={320} max={960} label="Resize the detail pane" onChange={setDetailWidth} />
          <ErrorBoundary label="detail pane">
            <DetailPane ref={detailRef} />
          </ErrorBoundary>
        </div>
      </div>
      <ErrorBoundary label="dialog">
        <WorkspaceDialogs />
      </ErrorBoundary>
      <ErrorBoundary label="viewer">
        <ViewerDialog />
      </ErrorBoundary>
    </div>
  );
}
