import type { SearchHit } from '../../../shared/domain/search';
import type { AppErrorShape } from '../../../shared/errors';
import { ErrorMessage } from '../../components/error-message';
import { HighlightedSnippet } from '../../components/highlighted-snippet';
import { formatCount } from '../../lib/format';

interface Props {
  query: string;
  hits: SearchHit[];
  /** The hit the arrow keys are on, or -1. */
  activeIndex: number;
  isLoading: boolean;
  error: AppErrorShape | undefined;
  onSelect: (artifactId: number) => void;
  onClose: () => void;
}

export function SearchResults({ query, hits, activeIndex, isLoading, error, onSelect, onClose }: Props) {
  return (
    <div className="search-results" role="dialog" aria-label={`Search results for ${query}`} data-testid="search-results">
      <div className="search-results__head">
        <span>
          {isLoading ? 'Searching…' : `${formatCount(hits.length)} ${hits.length === 1 ? 'hit' : 'hits'} for `}
          {isLoading ? null : <q>{query}</q>}
          {isLoading ? null : <span className="muted"> · the table shows them too; ↑ ↓ to walk, Esc to close</span>}
        </span>
        <button type="button" className="btn btn--tiny" onClick={onClose}>
          Close
        </button>
      </div>
      <ErrorMessage error={error} testId="search-error" />
      {!isLoading && !error && hits.length === 0 ? (
        <p className="muted search-results__empty">Nothing in paths, extracted text or metadata matches.</p>
      ) : null}
      <ul className="search-results__list" role="listbox" aria-label="Hits">
        {hits.map((h, i) => (
          <li key={`${h.artifactId}-${h.field}-${i}`} role="option" aria-selected={i === activeIndex}>
            <button
              type="button"
              className={`search-hit${i === activeIndex ? ' search-hit--active' : ''}`}
              onClick={() => onSelect(h.artifactId)}
              data-testid="search-hit"
              data-id={h.artifactId}
              title={h.mime ? `${h.path} (${h.mime})` : h.path}
              ref={(el) => {
                if (el && i === activeIndex) el.scrollIntoView({ block: 'nearest' });
              }}
            >
              <span className="search-hit__path mono">{h.path}</span>
              <span className="badge search-hit__field">{h.field}</span>
              <HighlightedSnippet text={h.snippet} ranges={h.highlights} className="search-hit__snippet" />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
