import type { Annotation, Tag } from '../../../shared/domain/review';
import { formatDateTime } from '../../lib/format';

interface Props {
  annotations: Annotation[];
  tags: Tag[];
  onShow: (annotation: Annotation) => void;
  onRemove: (annotation: Annotation) => void;
}

const round = (v: number): string => String(Math.round(v));

/** Regions marked on the image or PDF pages, in the artifact's own coordinates, with their notes. */
export function AnnotationsList({ annotations, tags, onShow, onRemove }: Props) {
  if (annotations.length === 0) return <p className="muted">No regions marked. Open the viewer from the preview and draw one.</p>;
  return (
    <ol className="annotations" data-testid="annotations">
      {annotations.map((a, i) => {
        const tag = tags.find((t) => t.id === a.tagId);
        return (
          <li key={a.id} className={`annotation${a.id < 0 ? ' annotation--pending' : ''}`} data-testid="annotation">
            <div className="annotation__head">
              <span className="annotation__number">{i + 1}</span>
              <span className="mono small">
                {a.page !== null ? `page ${a.page} · ` : ''}
                {round(a.width)}×{round(a.height)} at {round(a.x)}, {round(a.y)} {a.page !== null ? 'pt' : 'px'}
              </span>
              {tag ? <span className={`tagstatus tagstatus--${tag.status}`}>{tag.productionTitle}</span> : null}
              <span className="annotation__actions">
                <button type="button" className="btn btn--tiny" onClick={() => onShow(a)}>
                  Show
                </button>
                <button type="button" className="btn btn--tiny" onClick={() => onRemove(a)} disabled={a.id < 0}>
                  Remove
                </button>
              </span>
            </div>
            {a.note ? <div className="annotation__note">{a.note}</div> : null}
            <div className="muted small">{a.id < 0 ? 'saving…' : `${a.examiner} · ${formatDateTime(a.createdAt)}`}</div>
          </li>
        );
      })}
    </ol>
  );
}
