import type { SearchHit } from '../../../shared/domain/search';
import type { AppErrorShape } from '../../../shared/errors';
import { ErrorMessage } from '../../components/error-message';
import { formatCount } from '../../lib/format';
import { highlightSegments } from '../../lib/highlight';

interface Props {
  query: string;
  hits: SearchHit[];
  isLoading: boolean;
  error: AppErrorShape | undefined;
  onSelect: (artifactId: number) => void;
  onClose: () => void;
}

export function SearchResults({ query, hits, isLoading, error, onSelect, onClose }: Props) {
  return (
    <div className="search-results" role="dialog" aria-label={`Search results for ${query}`} data-testid="search-results">
      <div className="search-results__head">
        <span>
          {isLoading ? 'Searching…' : `${formatCount(hits.length)} ${hits.length === 1 ? 'hit' : 'hits'} for `}
          {isLoading ? null : <q>{query}</q>}
        </span>
        <button type="button" className="btn btn--tiny" onClick={onClose}>
          Close
        </button>
      </div>
      <ErrorMessage error={error} testId="search-error" />
      {!isLoading && !error && hits.length === 0 ? (
        <p className="muted search-results__empty">Nothing in paths, extracted text or metadata matches.</p>
      ) : null}
      <ul className="search-results__list">
        {hits.map((h, i) => (
          <li key={`${h.artifactId}-${h.field}-${i}`}>
            <button
              type="button"
              className="search-hit"
              onClick={() => onSelect(h.artifactId)}
              data-testid="search-hit"
              data-id={h.artifactId}
              title={h.mime ? `${h.path} (${h.mime})` : h.path}
            >
              <span className="search-hit__path mono">{h.path}</span>
              <span className="badge search-hit__field">{h.field}</span>
              <span className="search-hit__snippet">
                {highlightSegments(h.snippet, h.highlights).map((s, j) =>
                  s.isMatch ? <mark key={j}>{s.text}</mark> : <span key={j}>{s.text}</span>,
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
