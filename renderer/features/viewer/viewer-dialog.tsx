import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Region } from '../../../shared/domain/review';
import { Dialog } from '../../components/dialog';
import { ErrorMessage } from '../../components/error-message';
import { RegionOverlay } from '../../components/region-overlay';
import { pictureRegionPage, regionFrame, regionsOn } from '../../lib/picture';
import { regionBetween, regionBox, toArtifactPoint, type Point, type Size } from '../../lib/region';
import { useAppStore, useShallow } from '../../store';
import { selectDetailById, selectReviews, selectViewer, selectViewerActions } from '../../store/selectors';
import type { ViewerState } from '../../store/slices/viewer';
import { AnnotationForm } from './annotation-form';
import { TextLayer } from './text-layer';

const ZOOMS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8];
const PAD = 24;

/**
 * The full-size viewer: an image or a PDF page, zoomed and panned, with its regions; in draw mode a drag marks a new
 * region, stored in the artifact's own coordinates (image pixels, PDF points) so it fits at every zoom and render.
 */
export function ViewerDialog() {
  const viewer = useAppStore(selectViewer);
  return viewer ? <Viewer key={viewer.artifactId} viewer={viewer} /> : null;
}

function Viewer({ viewer }: { viewer: ViewerState }) {
  const details = useAppStore(selectDetailById);
  const reviews = useAppStore(selectReviews);
  const review = reviews[viewer.artifactId] ?? null;
  const actions = useAppStore(useShallow(selectViewerActions));
  const stageRef = useRef<HTMLDivElement>(null);
  const pictureRef = useRef<HTMLDivElement>(null);
  const [stage, setStage] = useState<Size>({ width: 800, height: 600 });
  const [natural, setNatural] = useState<Size | null>(null);
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const [isDrawing, setIsDrawing] = useState(false);
  const [drag, setDrag] = useState<{ from: Point; to: Point } | null>(null);
  const [draft, setDraft] = useState<Region | null>(null);
  const [activeId, setActiveId] = useState<number | null>(null);
  const pan = useRef<{ x: number; y: number; left: number; top: number } | null>(null);

  useEffect(() => {
    const el = stageRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => setStage({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const detail = details[viewer.artifactId];
  const preview = viewer.preview;
  const picture = preview?.kind === 'image' ? preview : null;
  const pdf = picture?.pdf;
  const frame = regionFrame(preview, natural);
  const page = pictureRegionPage(preview);
  const annotations = review?.annotations ?? [];
  const here = regionsOn(annotations, page);
  const otherPages = [...new Set(annotations.map((a) => a.page).filter((p): p is number => p !== null && p !== page))].sort(
    (a, b) => a - b,
  );

  // Zoom is stated in the artifact's own unit: 100% is one screen pixel per image pixel, or per PDF point.
  const unit = natural && frame ? natural.width / frame.width : 1;
  const fit = natural ? Math.min((stage.width - PAD) / natural.width, (stage.height - PAD) / natural.height) : 1;
  const scale = zoom === 'fit' ? fit : zoom / unit;
  const shownZoom = scale * unit;
  const shown: Size | null = natural ? { width: Math.max(1, natural.width * scale), height: Math.max(1, natural.height * scale) } : null;
  const zoomBy = (dir: 1 | -1): void => {
    const next = dir > 0 ? ZOOMS.find((z) => z > shownZoom * 1.01) : [...ZOOMS].reverse().find((z) => z < shownZoom * 0.99);
    if (next) setZoom(next);
  };

  const pointIn = (e: PointerEvent): Point | null => {
    const box = pictureRef.current?.getBoundingClientRect();
    if (!box || !frame) return null;
    return toArtifactPoint({ x: e.clientX - box.left, y: e.clientY - box.top }, { width: box.width, height: box.height }, frame);
  };

  const handlePointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return;
    if (isDrawing && frame) {
      const p = pointIn(e);
      if (!p) return;
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      setDraft(null);
      setDrag({ from: p, to: p });
      return;
    }
    const el = stageRef.current;
    if (!el) return;
    pan.current = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const handlePointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (drag) {
      const p = pointIn(e);
      if (p) setDrag({ from: drag.from, to: p });
      return;
    }
    const el = stageRef.current;
    if (pan.current && el) {
      el.scrollLeft = pan.current.left - (e.clientX - pan.current.x);
      el.scrollTop = pan.current.top - (e.clientY - pan.current.y);
    }
  };
  const handlePointerUp = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    pan.current = null;
    if (!drag || !frame) return;
    const region = regionBetween(drag.from, drag.to, frame, page, Math.max(2, frame.width / 400));
    setDrag(null);
    if (region) {
      setDraft(region);
      setIsDrawing(false);
    }
  };

  const handleKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.target instanceof HTMLElement && e.target.closest('input, textarea, select')) return;
    const keys: Record<string, () => void> = {
      '+': () => zoomBy(1),
      '=': () => zoomBy(1),
      '-': () => zoomBy(-1),
      '0': () => setZoom('fit'),
      d: () => setIsDrawing((v) => !v),
      PageDown: () => void actions.setViewerPage(viewer.page + 1),
      PageUp: () => void actions.setViewerPage(viewer.page - 1),
    };
    const run = keys[e.key];
    if (run && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      run();
    }
  };

  const dragRegion = drag && frame ? regionBetween(drag.from, drag.to, frame, page, 0.01) : null;

  return (
    <Dialog
      title={detail?.name ?? `Artifact #${viewer.artifactId}`}
      subtitle={<span className="mono">{detail?.path}</span>}
      onClose={actions.closeViewer}
      size="full"
      testId="viewer"
    >
      <div className="viewer" onKeyDown={handleKeyDown}>
        <div className="viewer__bar" role="toolbar" aria-label="Viewer">
          {pdf ? (
            <span className="viewer__pages">
              <button
                type="button"
                className="btn btn--small"
                onClick={() => void actions.setViewerPage(viewer.page - 1)}
                disabled={viewer.page <= 1}
                aria-label="Previous page"
                data-testid="viewer-prev"
              >
                ‹
              </button>
              <span data-testid="viewer-page">
                Page {viewer.page} of {pdf.pageCount}
              </span>
              <button
                type="button"
                className="btn btn--small"
                onClick={() => void actions.setViewerPage(viewer.page + 1)}
                disabled={viewer.page >= pdf.pageCount}
                aria-label="Next page"
                data-testid="viewer-next"
              >
                ›
              </button>
            </span>
          ) : null}
          <span className="viewer__zoom">
            <button type="button" className="btn btn--small" onClick={() => zoomBy(-1)} aria-label="Zoom out">
              −
            </button>
            <button
              type="button"
              className={`btn btn--small${zoom === 'fit' ? ' btn--pressed' : ''}`}
              onClick={() => setZoom('fit')}
              data-testid="viewer-fit"
            >
              Fit
            </button>
            <span className="viewer__scale" data-testid="viewer-zoom">
              {Math.round(shownZoom * 100)}%
            </span>
            <button type="button" className="btn btn--small" onClick={() => zoomBy(1)} aria-label="Zoom in" data-testid="viewer-zoom-in">
              +
            </button>
          </span>
          <button
            type="button"
            className={`btn btn--small${isDrawing ? ' btn--pressed' : ''}`}
            aria-pressed={isDrawing}
            onClick={() => setIsDrawing(!isDrawing)}
            disabled={!frame}
            title={frame ? 'Drag on the picture to mark a region (d)' : 'Regions need the original pixels or a rendered PDF page'}
            data-testid="viewer-draw"
          >
            {isDrawing ? 'Drawing: drag on the picture' : 'Draw region'}
          </button>
          <span className="viewer__hint muted small">
            {isDrawing ? 'Esc closes the viewer' : 'Drag to pan · + − 0 zoom · PgUp PgDn pages · d draws'}
          </span>
        </div>
        <div className="viewer__main">
          <div
            ref={stageRef}
            className={`viewer__stage${isDrawing ? ' viewer__stage--draw' : ''}`}
            onPointerDown={handlePointerDown}
            onPointerMove={handlePointerMove}
            onPointerUp={handlePointerUp}
            data-testid="viewer-stage"
          >
            {viewer.request.status === 'error' ? <ErrorMessage error={viewer.request.error} /> : null}
            {picture ? (
              <div
                ref={pictureRef}
                className={`viewer__picture${shownZoom > 2 && !pdf ? ' viewer__picture--pixels' : ''}`}
                style={shown ? { width: shown.width, height: shown.height } : undefined}
                data-testid="viewer-picture"
                data-page={page ?? ''}
              >
                <img
                  src={picture.dataUrl}
                  alt={`${detail?.name ?? 'Artifact'}${page ? `, page ${page}` : ''}`}
                  draggable={false}
                  onLoad={(e) => setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
                  data-testid="viewer-image"
                />
                {pdf?.textItems && frame && !isDrawing ? (
                  <TextLayer items={pdf.textItems} frame={frame} scale={shown ? shown.width / frame.width : 1} />
                ) : null}
                {frame ? <RegionOverlay regions={here} frame={frame} activeId={activeId} onPick={setActiveId} /> : null}
                {frame && (dragRegion ?? draft) ? (
                  <div className="region region--draft" style={regionBox((dragRegion ?? draft) as Region, frame)} />
                ) : null}
              </div>
            ) : preview?.kind === 'none' ? (
              <p className="viewer__none">{preview.reason}</p>
            ) : (
              <p className="viewer__none muted">Loading…</p>
            )}
          </div>
          <aside className="viewer__side" aria-label="Regions">
            {draft ? (
              <AnnotationForm
                key={`${draft.x},${draft.y}`}
                region={draft}
                tags={review?.tags ?? []}
                onCancel={() => setDraft(null)}
                onSave={(note, tagId) => {
                  void actions.addAnnotation(viewer.artifactId, draft, note, tagId);
                  setDraft(null);
                }}
              />
            ) : (
              <p className="muted small">
                {frame
                  ? 'Press Draw region (or d), then drag over the part that matters.'
                  : 'This picture is an embedded thumbnail: regions can only be drawn on the original pixels.'}
              </p>
            )}
            <h3 className="subhead">
              Regions {page !== null ? `on page ${page}` : ''} ({here.length})
            </h3>
            <ol className="annotations annotations--side" data-testid="viewer-regions">
              {here.map((a, i) => (
                <li
                  key={a.id}
                  className={`annotation${a.id === activeId ? ' annotation--active' : ''}`}
                  onMouseEnter={() => setActiveId(a.id)}
                  data-testid="viewer-region"
                >
                  <div className="annotation__head">
                    <span className="annotation__number">{i + 1}</span>
                    <span className="annotation__note">{a.note || <span className="muted">no note</span>}</span>
                    <button type="button" className="btn btn--tiny" onClick={() => void actions.removeAnnotation(a)} disabled={a.id < 0}>
                      Remove
                    </button>
                  </div>
                </li>
              ))}
            </ol>
            {otherPages.length > 0 ? (
              <div className="viewer__elsewhere">
                <span className="muted">Also on</span>
                {otherPages.map((p) => (
                  <button key={p} type="button" className="btn btn--tiny" onClick={() => void actions.setViewerPage(p)}>
                    page {p} ({annotations.filter((a) => a.page === p).length})
                  </button>
                ))}
              </div>
            ) : null}
          </aside>
        </div>
      </div>
    </Dialog>
  );
}
