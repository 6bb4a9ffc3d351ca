import { useEffect, useRef, type Ref } from 'react';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { useAppStore, useShallow } from '../../store';
import {
  selectDetailRequest,
  selectLoadPreview,
  selectPreview,
  selectSelectArtifact,
  selectSelectedDetail,
  selectSelectedId,
  selectTimelineActions,
  selectSetCenterTab,
} from '../../store/selectors';
import { ArtifactDetail } from './artifact-detail';

/** Arrow keys walk the table fast: a preview (a full read and hash of the file) is asked for once the selection rests. */
const PREVIEW_DELAY_MS = 150;

export function DetailPane({ ref }: { ref?: Ref<HTMLElement> }) {
  const selectedId = useAppStore(selectSelectedId);
  const detail = useAppStore(selectSelectedDetail);
  const request = useAppStore(selectDetailRequest);
  const selectArtifact = useAppStore(selectSelectArtifact);
  const preview = useAppStore(selectPreview);
  const loadPreview = useAppStore(selectLoadPreview);
  const { pinTimelineArtifact } = useAppStore(useShallow(selectTimelineActions));
  const setCenterTab = useAppStore(selectSetCenterTab);
  const scrollRef = useRef<HTMLDivElement>(null);
  // A new hash (the ingest reached the file, or it was re-hashed) asks again; folders have no preview.
  const previewVersion = detail && detail.kind !== 'directory' ? (detail.sha256 ?? detail.status) : null;

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [selectedId]);

  useEffect(() => {
    if (selectedId === null || previewVersion === null) return undefined;
    const timer = setTimeout(() => void loadPreview(selectedId, previewVersion), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [selectedId, previewVersion, loadPreview]);

  let body;
  if (selectedId === null) {
    body = (
      <EmptyState title="No artifact selected" testId="detail-empty">
        Select a row in the table (j and k, or the arrow keys) to see its preview, attribution, notes, language, text, metadata, hashes and
        dates. Press <kbd>?</kbd> for every shortcut.
      </EmptyState>
    );
  } else if (!detail) {
    body = request.status === 'error' ? <ErrorMessage error={request.error} testId="detail-error" /> : <EmptyState title="Loading…" />;
  } else {
    body = (
      <>
        {request.status === 'error' ? <ErrorMessage error={request.error} testId="detail-error" /> : null}
        <ArtifactDetail
          detail={detail}
          preview={preview?.id === detail.id && preview.version === previewVersion ? preview : null}
          onSelectArtifact={selectArtifact}
          onShowOnTimeline={() => {
            pinTimelineArtifact(true);
            setCenterTab('timeline');
          }}
        />
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
