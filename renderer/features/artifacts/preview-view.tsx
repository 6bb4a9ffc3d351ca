import type { PreviewOrigin } from '../../../shared/domain/preview';
import { Badge } from '../../components/badge';
import { ErrorMessage } from '../../components/error-message';
import type { PreviewState } from '../../store/slices/preview';

const originLabel: Record<PreviewOrigin, string> = {
  original: 'Original',
  'embedded-thumbnail': 'Embedded thumbnail',
  'rendered-page': 'Rendered page 1',
};

/** The picture the backend verified against the recorded SHA-256, or why there is none. */
export function PreviewView({ state, name }: { state: PreviewState | null; name: string }) {
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
  return (
    <figure className="preview" data-testid="preview" data-origin={p.origin}>
      <div className="preview__frame">
        <img className="preview__image" src={p.dataUrl} alt={`Preview of ${name}`} data-testid="preview-image" />
      </div>
      <figcaption className="preview__caption">
        <Badge tone={p.origin === 'original' ? 'ok' : 'info'}>{originLabel[p.origin]}</Badge>
        {p.width && p.height ? (
          <span className="mono">
            {p.width}×{p.height} px
          </span>
        ) : null}
        {p.note ? <span data-testid="preview-note">{p.note}</span> : null}
      </figcaption>
    </figure>
  );
}
