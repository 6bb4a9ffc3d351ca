import { ErrorMessage } from '../../components/error-message';
import { Section } from '../../components/section';
import { useAppStore, useShallow } from '../../store';
import { selectSelectArtifact, selectSimilar, selectSimilarRequest, selectVisualActions } from '../../store/selectors';

interface Props {
  artifactId: number;
}

/**
 * Pictures that look like this one, nearest first, by perceptual hash. Asked for on demand: the first search of a case
 * hashes every picture not hashed yet.
 */
export function SimilarSection({ artifactId }: Props) {
  const similar = useAppStore(selectSimilar);
  const request = useAppStore(selectSimilarRequest);
  const { loadSimilar } = useAppStore(useShallow(selectVisualActions));
  const selectArtifact = useAppStore(selectSelectArtifact);
  const items = similar?.artifactId === artifactId ? similar.items : null;
  return (
    <Section title="Similar pictures" meta={items ? items.length : undefined} testId="detail-similar">
      <button
        type="button"
        className="btn btn--small"
        disabled={request.status === 'loading'}
        onClick={() => void loadSimilar(artifactId)}
        data-testid="similar-find"
      >
        {request.status === 'loading' ? 'Looking…' : items ? 'Look again' : 'Find similar pictures'}
      </button>
      {request.status === 'error' && request.error ? <ErrorMessage error={request.error} testId="similar-error" /> : null}
      {items && items.length === 0 ? <p className="muted">No picture in the case is near this one.</p> : null}
      {items && items.length > 0 ? (
        <ol className="similar-list" data-testid="similar-list">
          {items.map((s) => (
            <li key={s.artifactId} className="similar-list__item" data-testid="similar-item">
              <button type="button" className="link" onClick={() => selectArtifact(s.artifactId)}>
                {s.path}
              </button>
              <span className="mono muted" title={`pHash ${s.distance} of 64 bits apart (dHash ${s.dDistance})`}>
                {' '}
                {s.score.toFixed(3)}
                {s.distance <= 10 ? ' · near-duplicate' : ''}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </Section>
  );
}
