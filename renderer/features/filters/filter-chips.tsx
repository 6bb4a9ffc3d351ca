import type { FilterKey } from '../../lib/view-state';
import type { FilterChip } from '../../store/selectors';

interface Props {
  chips: FilterChip[];
  scopeLabel: string | null;
  quickFilter: string;
  onRemove: (key: FilterKey) => void;
  onClearScope: () => void;
  onClearQuick: () => void;
  onClearAll: () => void;
  onSave: () => void;
}

/** The active filters in words; each one comes off with its ×, and the whole view can be saved by name. */
export function FilterChips({ chips, scopeLabel, quickFilter, onRemove, onClearScope, onClearQuick, onClearAll, onSave }: Props) {
  const count = chips.length + (scopeLabel ? 1 : 0) + (quickFilter ? 1 : 0);
  if (count === 0) return null;
  return (
    <div className="chips" aria-label="Active filters" data-testid="filter-chips">
      {scopeLabel ? (
        <span className="chip" data-testid="artifact-scope">
          <span className="chip__key">Folder</span>
          <span className="chip__label mono" title={scopeLabel}>
            {scopeLabel}
          </span>
          <button type="button" className="chip__close" onClick={onClearScope} aria-label="Show all artifacts">
            ×
          </button>
        </span>
      ) : null}
      {quickFilter ? (
        <span className="chip">
          <span className="chip__key">Path, type or hash</span>
          <span className="chip__label">{quickFilter}</span>
          <button type="button" className="chip__close" onClick={onClearQuick} aria-label="Clear the quick filter">
            ×
          </button>
        </span>
      ) : null}
      {chips.map((c) => (
        <span key={c.key} className="chip" data-testid="filter-chip" data-key={c.key}>
          <span className="chip__key">{c.label}</span>
          <span className="chip__label" title={c.value}>
            {c.value}
          </span>
          <button
            type="button"
            className="chip__close"
            onClick={() => onRemove(c.key)}
            aria-label={`Remove the filter ${c.label}: ${c.value}`}
          >
            ×
          </button>
        </span>
      ))}
      <span className="chips__actions">
        <button type="button" className="btn btn--tiny" onClick={onSave} data-testid="save-search">
          Save search…
        </button>
        <button type="button" className="btn btn--tiny" onClick={onClearAll}>
          Clear all
        </button>
      </span>
    </div>
  );
}
