import { useCallback, useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { useAppStore, useShallow } from '../../store';
import {
  selectArtifactActions,
  selectArtifactPages,
  selectArtifactQuery,
  selectArtifactTotal,
  selectFilterActions,
  selectFilterChips,
  selectFilterText,
  selectFolderScopeLabel,
  selectIsIngesting,
  selectLabels,
  selectLabelsById,
  selectListRequest,
  selectProductions,
  selectProductionTitles,
  selectSelectedId,
  selectSelectedIds,
  selectSelectedIndex,
  selectSelectionActions,
  selectSources,
} from '../../store/selectors';
import { rowAt } from '../../store/slices/artifacts';
import { FilterChips } from '../filters/filter-chips';
import { FilterPanel } from '../filters/filter-panel';
import { ArtifactTable } from './artifact-table';
import { ArtifactToolbar } from './artifact-toolbar';
import { SelectionBar } from './selection-bar';
import { OcrSelectionButton } from '../visual/ocr-selection-button';

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
  const selectedIndex = useAppStore(selectSelectedIndex);
  const pickedIds = useAppStore(selectSelectedIds);
  const sources = useAppStore(selectSources);
  const scopeLabel = useAppStore(selectFolderScopeLabel);
  const isIngesting = useAppStore(selectIsIngesting);
  const chips = useAppStore(selectFilterChips);
  const productions = useAppStore(selectProductions);
  const productionTitles = useAppStore(selectProductionTitles);
  const labels = useAppStore(selectLabels);
  const labelsById = useAppStore(selectLabelsById);
  const actions = useAppStore(useShallow(selectArtifactActions));
  const filterActions = useAppStore(useShallow(selectFilterActions));
  const selection = useAppStore(useShallow(selectSelectionActions));
  const [isPanelOpen, setIsPanelOpen] = useState(false);

  const getRow = useCallback((index: number) => rowAt(pages, index), [pages]);
  const isFiltered = chips.length > 0 || query.filter !== '' || query.sourceId !== null;

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
  } else if (total === 0 && isFiltered) {
    body = (
      <EmptyState title="No artifacts match" testId="artifacts-empty">
        Nothing matches {query.filter ? <q>{query.filter}</q> : 'these filters'}. Remove a filter above or pick another folder.
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
        selectedIndex={selectedIndex}
        pickedIds={pickedIds}
        productionTitles={productionTitles}
        labelsById={labelsById}
        onSort={actions.sortBy}
        onClickRow={(id, mods) => void actions.clickRow(id, mods)}
        onToggleStar={(id) => void selection.toggleStars([id])}
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
        activeFilters={chips.length}
        isFilterPanelOpen={isPanelOpen}
        isLoading={listRequest.status === 'loading'}
        isLive={isIngesting}
        onFilterChange={actions.setFilterText}
        onToggleFilterPanel={() => setIsPanelOpen(!isPanelOpen)}
        onSelectAll={() => void selection.selectAllMatching()}
      />
      {isPanelOpen ? (
        <FilterPanel filters={query.filters} productions={productions} labels={labels} onChange={filterActions.setFilters} />
      ) : null}
      <FilterChips
        chips={chips}
        scopeLabel={scopeLabel}
        quickFilter={query.filter}
        onRemove={(key) => filterActions.setFilters({ [key]: undefined })}
        onClearScope={() => actions.selectFolder(null, null)}
        onClearQuick={() => actions.setFilterText('')}
        onClearAll={() => {
          filterActions.clearFilters();
          actions.setFilterText('');
          actions.selectFolder(null, null);
        }}
        onSave={() => filterActions.openDialog('save-search')}
      />
      {pickedIds.size > 1 ? (
        <SelectionBar
          count={pickedIds.size}
          total={total}
          onTag={() => selection.openDialog('tag')}
          onLabel={() => selection.openDialog('label')}
          onStar={() => void selection.toggleStars([...pickedIds])}
          onSelectAll={() => void selection.selectAllMatching()}
          onClear={selection.clearSelection}
        >
          <OcrSelectionButton ids={pickedIds} />
        </SelectionBar>
      ) : null}
      <ErrorMessage error={listRequest.error} testId="artifact-list-error" />
      <div className="browser__table">{body}</div>
    </section>
  );
}
