import { useEffect, useRef, type Ref } from 'react';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { useAppStore } from '../../store';
import { selectDetailRequest, selectSelectArtifact, selectSelectedDetail, selectSelectedId } from '../../store/selectors';
import { ArtifactDetail } from './artifact-detail';

export function DetailPane({ ref }: { ref?: Ref<HTMLElement> }) {
  const selectedId = useAppStore(selectSelectedId);
  const detail = useAppStore(selectSelectedDetail);
  const request = useAppStore(selectDetailRequest);
  const selectArtifact = useAppStore(selectSelectArtifact);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [selectedId]);

  let body;
  if (selectedId === null) {
    body = (
      <EmptyState title="No artifact selected" testId="detail-empty">
        Select a row in the table (or use the arrow keys) to see its file facts, full hashes, metadata, text and timestamps.
      </EmptyState>
    );
  } else if (!detail) {
    body = request.status === 'error' ? <ErrorMessage error={request.error} testId="detail-error" /> : <EmptyState title="Loading…" />;
  } else {
    body = (
      <>
        {request.status === 'error' ? <ErrorMessage error={request.error} testId="detail-error" /> : null}
        <ArtifactDetail detail={detail} onSelectArtifact={selectArtifact} />
      </>
    );
  }

  return (
    <aside className="pane pane--right" aria-label="Artifact detail" tabIndex={-1} ref={ref} data-testid="detail-pane">
      <div className="pane__scroll" ref={scrollRef}>
        {body}
      </div>
    </aside>
  );
}
