import { useState } from 'react';
import type { ArtifactReview } from '../../../shared/domain/review';
import { useAppStore, useShallow } from '../../store';
import { selectProductions, selectReviewActions } from '../../store/selectors';
import { SuggestionCard } from './suggestion-card';
import { TagForm } from './tag-form';
import { TagItem } from './tag-item';

interface Props {
  artifactId: number;
  review: ArtifactReview;
}

/** Tags on the artifact, then the open suggestions (accept or dismiss in one click), then the decided ones. */
export function AttributionSection({ artifactId, review }: Props) {
  const productions = useAppStore(selectProductions);
  const actions = useAppStore(useShallow(selectReviewActions));
  const [editing, setEditing] = useState<string | null>(null);
  const open = review.suggestions.filter((s) => s.status === 'open');
  const decided = review.suggestions.filter((s) => s.status !== 'open');

  return (
    <div className="attribution" data-testid="attribution">
      {review.tags.length > 0 ? (
        <ul className="tags" aria-label="Tags">
          {review.tags.map((t) =>
            editing === t.productionId ? (
              <li key={t.id} className="tagitem tagitem--editing">
                <TagForm
                  productions={productions.filter((p) => p.id === t.productionId)}
                  targetLabel="this artifact"
                  initial={{ productionId: t.productionId, status: t.status, confidence: t.confidence, rationale: t.rationale }}
                  onCancel={() => setEditing(null)}
                  onSubmit={(input) => {
                    setEditing(null);
                    void actions.tagArtifacts([artifactId], input);
                  }}
                />
              </li>
            ) : (
              <TagItem
                key={t.id}
                tag={t}
                onChange={() => setEditing(t.productionId)}
                onRemove={() => void actions.removeTag([artifactId], t.productionId)}
              />
            ),
          )}
        </ul>
      ) : (
        <p className="muted attribution__none">Not tagged to any production.</p>
      )}
      <div className="attribution__add">
        <button type="button" className="btn btn--small" onClick={() => actions.openDialog('tag')} data-testid="add-tag">
          Tag to a production… <kbd>t</kbd>
        </button>
      </div>
      {open.length > 0 ? (
        <>
          <h4 className="subhead">Suggestions ({open.length})</h4>
          <ul className="suggestions" data-testid="suggestions">
            {open.map((s) => (
              <SuggestionCard
                key={s.id}
                suggestion={s}
                onAccept={() => void actions.decideSuggestion(s, 'accept')}
                onDismiss={() => void actions.decideSuggestion(s, 'dismiss')}
              />
            ))}
          </ul>
        </>
      ) : null}
      {decided.length > 0 ? (
        <details className="decided">
          <summary>Decided suggestions ({decided.length})</summary>
          <ul className="suggestions">
            {decided.map((s) => (
              <SuggestionCard key={s.id} suggestion={s} onAccept={() => undefined} onDismiss={() => undefined} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
