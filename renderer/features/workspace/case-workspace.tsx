import { useRef } from 'react';
import { ErrorBoundary } from '../../components/error-boundary';
import { Splitter } from '../../components/splitter';
import { tabId, tabPanelId, Tabs, type TabItem } from '../../components/tabs';
import { useAppStore } from '../../store';
import {
  selectActiveCase,
  selectCenterTab,
  selectCloseCase,
  selectDetailWidth,
  selectIsIngesting,
  selectSetCenterTab,
  selectSetDetailWidth,
} from '../../store/selectors';
import type { CenterTab } from '../../store/slices/ui';
import { ArtifactBrowser } from '../artifacts/artifact-browser';
import { DetailPane } from '../artifacts/detail-pane';
import { IngestProgress } from '../ingest/ingest-progress';
import { SearchBox } from '../search/search-box';
import { SourcesPane } from '../sources/sources-pane';
import { TimelinePanel } from '../timeline/timeline-panel';
import { CaseHeader } from './case-header';

const CENTER_TABS: readonly TabItem<CenterTab>[] = [
  { id: 'artifacts', label: 'Artifacts' },
  { id: 'timeline', label: 'Timeline' },
];

export function CaseWorkspace() {
  const summary = useAppStore(selectActiveCase);
  const closeCase = useAppStore(selectCloseCase);
  const detailWidth = useAppStore(selectDetailWidth);
  const isIngesting = useAppStore(selectIsIngesting);
  const setDetailWidth = useAppStore(selectSetDetailWidth);
  const centerTab = useAppStore(selectCenterTab);
  const setCenterTab = useAppStore(selectSetCenterTab);
  const detailRef = useRef<HTMLElement>(null);
  if (!summary) return null;
  return (
    <div className="workspace" data-testid="case-workspace">
      <ErrorBoundary label="case header">
        <CaseHeader
          summary={summary}
          isIngesting={isIngesting}
          search={
            <ErrorBoundary label="search">
              <SearchBox />
            </ErrorBoundary>
          }
          onClose={closeCase}
        />
      </ErrorBoundary>
      <div className="workspace__body" style={{ gridTemplateColumns: `240px minmax(0, 1fr) ${detailWidth}px` }}>
        <ErrorBoundary label="sources pane">
          <SourcesPane />
        </ErrorBoundary>
        <main className="workspace__center">
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
            {centerTab === 'artifacts' ? (
              <ErrorBoundary label="artifact table">
                <ArtifactBrowser onActivate={() => detailRef.current?.focus()} />
              </ErrorBoundary>
            ) : (
              <ErrorBoundary label="timeline">
                <TimelinePanel onActivate={() => detailRef.current?.focus()} />
              </ErrorBoundary>
            )}
          </div>
        </main>
        <div className="workspace__right">
          <Splitter value={detailWidth} min={320} max={960} label="Resize the detail pane" onChange={setDetailWidth} />
          <ErrorBoundary label="detail pane">
            <DetailPane ref={detailRef} />
          </ErrorBoundary>
        </div>
      </div>
    </div>
  );
}
