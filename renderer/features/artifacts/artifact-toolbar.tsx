import { formatCount } from '../../lib/format';

interface Props {
  filterText: string;
  total: number | null;
  activeFilters: number;
  isFilterPanelOpen: boolean;
  isLoading: boolean;
  isLive: boolean;
  onFilterChange: (text: string) => void;
  onToggleFilterPanel: () => void;
  onSelectAll: () => void;
}

export function ArtifactToolbar({
  filterText,
  total,
  activeFilters,
  isFilterPanelOpen,
  isLoading,
  isLive,
  onFilterChange,
  onToggleFilterPanel,
  onSelectAll,
}: Props) {
  return (
    <div className="toolbar" data-testid="artifact-toolbar">
      <input
        type="search"
        className="input input--filter"
        placeholder="Filter by path, type or hash"
        aria-label="Filter artifacts"
        value={filterText}
        onChange={(e) => onFilterChange(e.target.value)}
        spellCheck={false}
        data-testid="artifact-filter"
      />
      <button
        type="button"
        className={`btn btn--small${isFilterPanelOpen ? ' btn--pressed' : ''}`}
        aria-expanded={isFilterPanelOpen}
        onClick={onToggleFilterPanel}
        data-testid="toggle-filters"
      >
        Filters{activeFilters > 0 ? ` (${activeFilters})` : ''}
      </button>
      <span className="toolbar__spacer" />
      {isLive ? <span className="live">live</span> : null}
      <span className="toolbar__count" data-testid="artifact-count" aria-live="polite">
        {total === null ? (isLoading ? 'Loading…' : '') : `${formatCount(total)} ${total === 1 ? 'artifact' : 'artifacts'}`}
      </span>
      {total !== null && total > 0 ? (
        <button
          type="button"
          className="btn btn--small btn--quiet"
          onClick={onSelectAll}
          title="Pick every artifact the filters match, for a bulk action"
          data-testid="select-all"
        >
          Select all
        </button>
      ) : null}
    </div>
  );
}
