import type { Tag } from '../../../shared/domain/review';
import { HighlightedSnippet } from '../../components/highlighted-snippet';
import { formatDateTime } from '../../lib/format';

interface Props {
  tag: Tag;
  onChange: () => void;
  onRemove: () => void;
}

const statusWord = { suspected: 'Suspected', confirmed: 'Confirmed', 'ruled-out': 'Ruled out' } as const;

/** One attribution: production, status, confidence, rationale, who and when, and the evidence it was accepted on. */
export function TagItem({ tag, onChange, onRemove }: Props) {
  const isPending = tag.id < 0;
  return (
    <li
      className={`tagitem tagitem--${tag.status}${isPending ? ' tagitem--pending' : ''}`}
      data-testid="tag-item"
      data-production={tag.productionId}
      data-status={tag.status}
    >
      <div className="tagitem__head">
        <strong className="tagitem__title">{tag.productionTitle}</strong>
        <span className={`tagstatus tagstatus--${tag.status}`}>{statusWord[tag.status]}</span>
        <span className="muted">{tag.confidence} confidence</span>
        <span className="tagitem__actions">
          <button type="button" className="btn btn--tiny" onClick={onChange} disabled={isPending}>
            Change…
          </button>
          <button
            type="button"
            className="btn btn--tiny"
            onClick={onRemove}
            disabled={isPending}
            aria-label={`Remove the ${tag.productionTitle} tag`}
          >
            Remove
          </button>
        </span>
      </div>
      {tag.rationale ? <div className="tagitem__why">{tag.rationale}</div> : null}
      {tag.evidence && tag.evidence.length > 0 ? (
        <ul className="hits hits--compact" aria-label="Evidence from the accepted suggestion">
          {tag.evidence.slice(0, 2).map((h, i) => (
            <li key={i} className="hit-evidence">
              <span className="badge">{h.field}</span>
              <HighlightedSnippet text={h.snippet} ranges={[h.highlight]} className="snippet hit-evidence__snippet" />
            </li>
          ))}
        </ul>
      ) : null}
      <div className="tagitem__by muted small">{isPending ? 'saving…' : `${tag.examiner} · ${formatDateTime(tag.updatedAt)}`}</div>
    </li>
  );
}
