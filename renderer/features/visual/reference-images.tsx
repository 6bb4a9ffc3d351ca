import { useEffect } from 'react';
import { ErrorMessage } from '../../components/error-message';
import { useAppStore, useShallow } from '../../store';
import { selectReferencesByProduction, selectReferencesRequest, selectSelectedDetail, selectVisualActions } from '../../store/selectors';
import './visual.css';

interface Props {
  productionId: string;
}

/**
 * A production's known pictures (a character's model sheet). Artifacts that look like one become suggestions for the
 * production with the score and both pictures as evidence. The picture selected in the artifact list is added.
 */
export function ReferenceImages({ productionId }: Props) {
  const byProduction = useAppStore(selectReferencesByProduction);
  const request = useAppStore(selectReferencesRequest);
  const selected = useAppStore(selectSelectedDetail);
  const { loadReferences, addReference, removeReference } = useAppStore(useShallow(selectVisualActions));
  useEffect(() => {
    void loadReferences(productionId);
  }, [loadReferences, productionId]);
  const references = byProduction[productionId] ?? [];
  const canAdd =
    selected !== null && (selected.mime?.startsWith('image/') ?? false) && !references.some((r) => r.artifactId === selected.id);
  return (
    <div className="references" data-testid="reference-images">
      <div className="references__head">
        <span>Reference images</span>
        <button
          type="button"
          className="btn btn--tiny"
          disabled={!canAdd || request.status === 'loading'}
          title={
            selected ? `Add ${selected.name} as a reference picture of this production` : 'Select a picture in the artifact list first'
          }
          onClick={() => selected && void addReference(productionId, selected.id)}
          data-testid="reference-add"
        >
          + Selected picture
        </button>
      </div>
      {request.status === 'error' && request.error ? <ErrorMessage error={request.error} testId="reference-error" /> : null}
      {references.length === 0 ? <p className="muted">None yet.</p> : null}
      <ul className="references__list">
        {references.map((r) => (
          <li key={r.id} className="references__item" data-testid="reference-item">
            {r.thumbnail ? <img className="references__thumb" src={r.thumbnail} alt={r.label} /> : null}
            <span>
              {r.label}
              {r.artifactId !== null ? <span className="muted"> (artifact {r.artifactId})</span> : null}
            </span>
            <span className="muted">
              {r.matches} look-alike{r.matches === 1 ? '' : 's'}
            </span>
            <button type="button" className="btn btn--tiny" onClick={() => void removeReference(productionId, r.id)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
