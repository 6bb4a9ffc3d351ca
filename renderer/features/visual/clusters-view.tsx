import { useEffect } from 'react';
import { ErrorMessage } from '../../components/error-message';
import { useAppStore, useShallow } from '../../store';
import {
  selectClusters,
  selectClustersRequest,
  selectSelectArtifact,
  selectSetCenterTab,
  selectVisualActions,
} from '../../store/selectors';
import './visual.css';

/** Groups of near-duplicate pictures in the case (the same drawing re-saved, resized, recompressed, slightly cropped). */
export function ClustersView() {
  const clusters = useAppStore(selectClusters);
  const request = useAppStore(selectClustersRequest);
  const { loadClusters } = useAppStore(useShallow(selectVisualActions));
  const selectArtifact = useAppStore(selectSelectArtifact);
  const setCenterTab = useAppStore(selectSetCenterTab);
  useEffect(() => {
    void loadClusters();
  }, [loadClusters]);
  const open = (id: number): void => {
    setCenterTab('artifacts');
    selectArtifact(id);
  };
  return (
    <section className="clusters" data-testid="clusters-view">
      <header className="clusters__head">
        <h2>Near-duplicate pictures</h2>
        <button type="button" className="btn btn--small" disabled={request.status === 'loading'} onClick={() => void loadClusters()}>
          {request.status === 'loading' ? 'Comparing…' : 'Compare again'}
        </button>
      </header>
      {request.status === 'error' && request.error ? <ErrorMessage error={request.error} testId="clusters-error" /> : null}
      {clusters && clusters.length === 0 ? <p className="muted">No two pictures in the case are near-duplicates.</p> : null}
      {(clusters ?? []).map((c, i) => (
        <div key={c.members[0]?.artifactId ?? i} className="clusters__group" data-testid="cluster">
          <h3>
            Group {i + 1}: {c.members.length} pictures
          </h3>
          <ul>
            {c.members.map((m) => {
              const link = c.links.find((l) => l.b === m.artifactId || l.a === m.artifactId);
              return (
                <li key={m.artifactId}>
                  <button type="button" className="link" onClick={() => open(m.artifactId)}>
                    {m.path}
                  </button>
                  {link ? <span className="muted mono"> {link.distance} bits from its neighbour</span> : null}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
