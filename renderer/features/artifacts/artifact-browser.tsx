import { useCallback } from 'react';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { useAppStore, useShallow } from '../../store';
import {
  selectArtifactPages,
  selectArtifactQuery,
  selectArtifactTotal,
  selectArtifactActions,
  selectFilterText,
  selectFolderScopeLabel,
  selectIsIngesting,
  selectListRequest,
  selectSelectedId,
  selectSources,
} from '../../store/selectors';
import { rowAt } from '../../store/slices/artifacts';
import { ArtifactTable } from './artifact-table';
import { ArtifactToolbar } from './artifact-toolbar';

interface Props {
  onActivate: () => void;
}

export function ArtifactBrowser({ onActivate }: Props) {
  const pages = useAppStore(selectArtifactPages);
  const total = useAppStore(selectArtifactTotal);
  const query = useAppStore(selectArtifactQuery);
  const filterText = useAppStore(selectFilterText);
  const listRequest = useAppStore(selectListRequest);
  const selectedId = useAppStore(selectSelectedId);
  const sources = useAppStore(selectSources);
  const scopeLabel = useAppStore(selectFolderScopeLabel);
  const isIngesting = useAppStore(selectIsIngesting);
  const actions = useAppStore(useShallow(selectArtifactActions));

  const getRow = useCallback((index: number) => rowAt(pages, index), [pages]);

  const hasSources = sources.length > 0;
  let body;
  if (total === null) {
    body = listRequest.status === 'error' ? null : <EmptyState title="Loading artifacts…" />;
  } else if (total === 0 && !hasSources && !isIngesting) {
    body = (
      <EmptyState title="This case has no evidence yet" testId="artifacts-empty">
        Add an evidence folder, file or zip under <strong>Sources</strong> on the left. Every file is listed here with its hashes as soon as
        it is read.
      </EmptyState>
    );
  } else if (total === 0 && (query.filter || query.sourceId !== null)) {
    body = (
      <EmptyState title="No artifacts match" testId="artifacts-empty">
        Nothing matches {query.filter ? <q>{query.filter}</q> : 'this folder'}. Clear the filter or pick another folder.
      </EmptyState>
    );
  } else if (total === 0) {
    body = <EmptyState title={isIngesting ? 'Reading evidence…' : 'No artifacts'} testId="artifacts-empty" />;
  } else {
    body = (
      <ArtifactTable
        total={total}
        rowAt={getRow}
        sort={query.sort}
        order={query.order}
        selectedId={selectedId}
        onSort={actions.sortBy}
        onSelect={actions.selectArtifact}
        onMove={actions.moveSelection}
        onActivate={onActivate}
        onRangeChange={actions.ensureRows}
      />
    );
  }

  return (
    <section className="browser" aria-label="Artifacts" data-testid="artifact-browser">
      <ArtifactToolbar
        filterText={filterText}
        total={total}
        scopeLabel={scopeLabel}
        isLoading={listRequest.status === 'loading'}
        isLive={isIngesting}
        onFilterChange={actions.setFilterText}
        onClearScope={() => actions.selectFolder(null, null)}
      />
      <ErrorMessage error={listRequest.error} testId="artifact-list-error" />
      <div className="browser__table">{body}</div>
    </section>
  );
}
