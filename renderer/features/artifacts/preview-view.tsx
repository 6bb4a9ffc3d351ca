import { useState, type ReactNode } from 'react';
import type { PreviewOrigin } from '../../../shared/domain/preview';
import type { Annotation } from '../../../shared/domain/review';
import { Badge } from '../../components/badge';
import { ErrorMessage } from '../../components/error-message';
import { RegionOverlay } from '../../components/region-overlay';
import { pictureRegionPage, regionFrame, regionsOn } from '../../lib/picture';
import type { Size } from '../../lib/region';
import type { PreviewState } from '../../store/slices/preview';

const originLabel: Record<PreviewOrigin, string> = {
  original: 'Original',
  'embedded-thumbnail': 'Embedded thumbnail',
  'rendered-page': 'Rendered page',
};

interface Props {
  state: PreviewState | null;
  name: string;
  annotations: Annotation[];
  /** Drawn over the picture as well, e.g. the words OCR read (placed by percentages, like the regions). */
  overlay?: ReactNode;
  onOpenViewer: () => void;
}

/** The picture the backend verified against the recorded SHA-256 (with the regions marked on it), or why there is none. */
export function PreviewView({ state, name, annotations, overlay, onOpenViewer }: Props) {
  const [decoded, setDecoded] = useState<Size | null>(null);
  if (state?.request.status === 'error') return <ErrorMessage error={state.request.error} testId="preview-error" />;
  const p = state?.preview;
  if (!p) {
    return (
      <p className="muted preview__status" data-testid="preview-loading">
        Loading preview…
      </p>
    );
  }
  if (p.kind === 'none') {
    return (
      <div className="preview__none" data-testid="preview-none">
        <span className="preview__none-title">No preview</span>
        <span className="muted" data-testid="preview-reason">
          {p.reason}
        </span>
      </div>
    );
  }
  const frame = regionFrame(p, decoded);
  const regions = regionsOn(annotations, pictureRegionPage(p));
  return (
    <figure className="preview" data-testid="preview" data-origin={p.origin}>
      <div className="preview__frame">
        <button
          type="button"
          className="preview__open"
          onClick={onOpenViewer}
          title="Open in the viewer (zoom, pages, regions)"
          data-testid="open-viewer"
        >
          <span className="preview__picture">
            <img
              className="preview__image"
              src={p.dataUrl}
              alt={`Preview of ${name}`}
              onLoad={(e) => setDecoded({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
              data-testid="preview-image"
            />
            {frame && regions.length > 0 ? <RegionOverlay regions={regions} frame={frame} /> : null}
            {overlay}
          </span>
        </button>
      </div>
      <figcaption className="preview__caption">
        <Badge tone={p.origin === 'original' ? 'ok' : 'info'}>
          {p.pdf ? `Page ${p.pdf.page} of ${p.pdf.pageCount}` : originLabel[p.origin]}
        </Badge>
        {p.width && p.height ? (
          <span className="mono">
            {p.width}×{p.height} px
          </span>
        ) : null}
        {p.note ? <span data-testid="preview-note">{p.note}</span> : null}
        <button type="button" className="btn btn--tiny preview__viewer" onClick={onOpenViewer}>
          Open viewer{annotations.length > 0 ? ` (${annotations.length} region${annotations.length === 1 ? '' : 's'})` : ''}
        </button>
      </figcaption>
    </figure>
  );
}
