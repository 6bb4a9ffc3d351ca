import type { Suggestion } from '../../../shared/domain/review';
import { Badge } from '../../components/badge';
import { HighlightedSnippet } from '../../components/highlighted-snippet';
import { percent } from '../../lib/analysis-labels';
import { LookAlikeEvidence } from '../visual/look-alike-evidence';

interface Props {
  suggestion: Suggestion;
  onAccept: () => void;
  onDismiss: () => void;
}

const HITS_SHOWN = 4;

/** An automatic match with its evidence: where (field), what (the snippet, the match marked), why (the reason). */
export function SuggestionCard({ suggestion: s, onAccept, onDismiss }: Props) {
  const isOpen = s.status === 'open';
  return (
    <li className={`suggestion suggestion--${s.status}`} data-testid="suggestion" data-production={s.productionId} data-status={s.status}>
      <div className="suggestion__head">
        <strong>{s.productionTitle}</strong>
        <span className="muted">score {percent(s.score)}</span>
        {isOpen ? null : (
          <Badge tone={s.status === 'accepted' ? 'ok' : 'neutral'}>
            {s.status} by {s.decidedBy ?? '—'}
          </Badge>
        )}
        {s.stale ? (
          <Badge tone="warn" title="The evidence it was decided on is no longer found (the watchlist or the content changed)">
            stale
          </Badge>
        ) : null}
        <span className="suggestion__actions">
          {isOpen ? (
            <>
              <button
                type="button"
                className="btn btn--small btn--primary"
                onClick={onAccept}
                data-testid="suggestion-accept"
                title="Tag as suspected, medium confidence, with this evidence"
              >
                Accept
              </button>
              <button type="button" className="btn btn--small" onClick={onDismiss} data-testid="suggestion-dismiss">
                Dismiss
              </button>
            </>
          ) : null}
        </span>
      </div>
      <ul className="hits">
        {s.hits.slice(0, HITS_SHOWN).map((h, i) => (
          <li key={`${h.field}-${h.start}-${i}`} className="hit-evidence" data-testid="suggestion-hit">
            <span className="badge" data-testid="suggestion-field">
              {h.field}
            </span>
            {h.lookAlike ? (
              <LookAlikeEvidence artifactId={s.artifactId} hit={{ ...h, lookAlike: h.lookAlike }} />
            ) : (
              <HighlightedSnippet text={h.snippet} ranges={[h.highlight]} className="snippet hit-evidence__snippet" />
            )}
            <span className="hit-evidence__reason muted" data-testid="suggestion-reason">
              {h.reason}
              {h.match === 'fuzzy' && !h.lookAlike ? ` (fuzzy, ${h.distance} edit${h.distance === 1 ? '' : 's'})` : ''}
            </span>
          </li>
        ))}
        {s.hits.length > HITS_SHOWN ? <li className="muted small">and {s.hits.length - HITS_SHOWN} more hits</li> : null}
      </ul>
    </li>
  );
}
