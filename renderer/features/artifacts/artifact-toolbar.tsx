import { formatCount } from '../../lib/format';

interface Props {
  filterText: string;
  total: number | null;
  scopeLabel: string | null;
  isLoading: boolean;
  isLive: boolean;
  onFilterChange: (text: string) => void;
  onClearScope: () => void;
}

export function ArtifactToolbar({ filterText, total, scopeLabel, isLoading, isLive, onFilterChange, onClearScope }: Props) {
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
      {scopeLabel ? (
        <span className="chip" data-testid="artifact-scope">
          <span className="chip__label mono" title={scopeLabel}>
            {scopeLabel}
          </span>
          <button type="button" className="chip__close" onClick={onClearScope} aria-label="Show all artifacts">
            ×
          </button>
        </span>
      ) : null}
      <span className="toolbar__spacer" />
      {isLive ? <span className="live">live</span> : null}
      <span className="toolbar__count" data-testid="artifact-count" aria-live="polite">
        {total === null ? (isLoading ? 'Loading…' : '') : `${formatCount(total)} ${total === 1 ? 'artifact' : 'artifacts'}`}
      </span>
    </div>
  );
}
