import type { ArtifactDetail } from '../../../shared/domain/artifact';
import { ErrorMessage } from '../../components/error-message';
import { Section } from '../../components/section';
import { useAppStore, useShallow } from '../../store';
import { selectIsOcrOverlayOn, selectOcrJob, selectOcrRequest, selectVisualActions } from '../../store/selectors';
import { OcrProgressView } from './ocr-progress';
import './visual.css';

interface Props {
  detail: ArtifactDetail;
}

/** Whether OCR can read an artifact: images (not SVG, a document) and PDFs. */
export const isOcrReadable = (mime: string | null): boolean =>
  mime === 'application/pdf' || (mime !== null && mime.startsWith('image/') && mime !== 'image/svg+xml');

/** The text OCR read in the artifact's pictures, page by page, with the engine that read it; or the action to read it. */
export function OcrSection({ detail }: Props) {
  const job = useAppStore(selectOcrJob);
  const request = useAppStore(selectOcrRequest);
  const isOverlayOn = useAppStore(selectIsOcrOverlayOn);
  const { startOcr, cancelOcr, setOcrOverlay } = useAppStore(useShallow(selectVisualActions));
  if (!isOcrReadable(detail.mime)) return null;
  const pages = detail.ocr;
  const isRunning = job?.status === 'running';
  return (
    <Section
      title="Text in the picture (OCR)"
      meta={pages.length > 0 ? `${pages.length} page${pages.length === 1 ? '' : 's'}` : undefined}
      testId="detail-ocr"
    >
      <div className="ocr-actions">
        <button
          type="button"
          className="btn btn--small"
          disabled={isRunning || request.status === 'loading'}
          onClick={() => void startOcr([detail.id])}
          data-testid="ocr-run"
        >
          {pages.length > 0 ? 'OCR again' : 'Run OCR'}
        </button>
        {pages.length > 0 ? (
          <label className="ocr-actions__toggle">
            <input
              type="checkbox"
              checked={isOverlayOn}
              onChange={(e) => setOcrOverlay(e.currentTarget.checked)}
              data-testid="ocr-overlay-toggle"
            />
            Show the words on the preview
          </label>
        ) : null}
      </div>
      {request.status === 'error' && request.error ? <ErrorMessage error={request.error} testId="ocr-error" /> : null}
      {job ? <OcrProgressView job={job} onCancel={() => void cancelOcr()} /> : null}
      {pages.length === 0 ? (
        <p className="muted">Not read yet. OCR reads Chinese (simplified and traditional), Korean and English offline.</p>
      ) : (
        pages.map((p) => (
          <div key={p.page} className="ocr-page" data-testid="ocr-page">
            <div className="ocr-page__head muted">
              {p.page === 0 ? 'The image' : `Page ${p.page}`}
              {p.status === 'done' ? ` · confidence ${Math.round(p.confidence)} · ${p.languages.join(', ')} · ${p.engine}` : ''}
            </div>
            {p.status === 'done' ? (
              <pre className="ocr-page__text" data-testid="ocr-text">
                {p.text || '(no text found)'}
              </pre>
            ) : (
              <p className="alert alert--error">{p.error}</p>
            )}
          </div>
        ))
      )}
    </Section>
  );
}
