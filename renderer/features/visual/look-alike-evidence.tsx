import { useEffect } from 'react';
import type { WatchlistHit } from '../../../shared/domain/analysis';
import { percent } from '../../lib/analysis-labels';
import { useAppStore, useShallow } from '../../store';
import { selectPreview, selectReferenceThumbnail, selectVisualActions } from '../../store/selectors';
import './visual.css';

interface Props {
  artifactId: number;
  hit: WatchlistHit & { lookAlike: NonNullable<WatchlistHit['lookAlike']> };
}

/**
 * Why an artifact looks like a production: the reference image and the artifact's own picture side by side, with the
 * similarity score, so the examiner judges the match with their own eyes before accepting it.
 */
export function LookAlikeEvidence({ artifactId, hit }: Props) {
  const { referenceId, referenceArtifactId } = hit.lookAlike;
  const entry = useAppStore(selectReferenceThumbnail(referenceId));
  const preview = useAppStore(selectPreview);
  const { loadReferenceThumbnail } = useAppStore(useShallow(selectVisualActions));
  useEffect(() => {
    void loadReferenceThumbnail(referenceId);
  }, [loadReferenceThumbnail, referenceId]);

  // The detail pane loads the selected artifact's preview; a suggestion is only shown for that artifact.
  const own = preview?.id === artifactId && preview.preview?.kind === 'image' ? preview.preview.dataUrl : null;
  const ownMissing = preview?.id === artifactId && preview.preview?.kind === 'none' ? preview.preview.reason : null;
  const reference = entry?.thumbnail?.dataUrl ?? null;
  const referenceMissing =
    entry?.request.status === 'error' ? (entry.request.error?.message ?? 'could not be loaded') : (entry?.thumbnail?.reason ?? null);
  const referenceName = `${hit.alias}${referenceArtifactId === null ? '' : ` (artifact ${referenceArtifactId})`}`;

  return (
    <div className="look-alike" data-testid="look-alike" data-reference={referenceId}>
      <figure className="look-alike__side">
        <Picture src={reference} alt={`Reference image ${hit.alias}`} missing={referenceMissing} testId="look-alike-reference" />
        <figcaption>
          <span className="muted">Reference of {hit.title}</span> {referenceName}
        </figcaption>
      </figure>
      <div className="look-alike__score" title={`Perceptual hashes ${hit.distance} of 64 bits apart`}>
        <strong data-testid="look-alike-score">{percent(hit.score)}</strong>
        <span className="muted small">alike</span>
      </div>
      <figure className="look-alike__side">
        <Picture src={own} alt="This artifact" missing={ownMissing} testId="look-alike-artifact" />
        <figcaption className="muted">This artifact</figcaption>
      </figure>
    </div>
  );
}

function Picture({ src, alt, missing, testId }: { src: string | null; alt: string; missing: string | null; testId: string }) {
  if (src) return <img className="look-alike__img" src={src} alt={alt} data-testid={testId} />;
  return (
    <div className="look-alike__img look-alike__img--none muted small" data-testid={`${testId}-none`}>
      {missing ?? 'Loading…'}
    </div>
  );
}
