import { useEffect } from 'react';
import type { TimelineEvent } from '../../../shared/domain/search';
import { GridRow } from '../../components/grid-row';
import { GRID_HEADER_HEIGHT, useVirtualGrid } from '../../components/use-virtual-grid';
import { formatDateTime, formatDateTimeFull, parseIso } from '../../lib/format';

/** Ask for the next page this many rows before the end, so scrolling rarely meets the loading row. */
const PREFETCH_ROWS = 100;

interface Props {
  events: TimelineEvent[];
  hasMore: boolean;
  cursor: number | null;
  /** Moves the cursor; returns the new index so the list can scroll to it. */
  onMove: (delta: number) => number | null;
  onOpen: (index: number) => void;
  onActivate: () => void;
  onNeedMore: () => void;
}

const rowDomId = (index: number): string => `timeline-row-${index}`;

/** The instant in UTC when known (the header says UTC); a wall-clock value without offset is shown as recorded, and says so. */
function TimeCell({ event }: { event: TimelineEvent }) {
  if (event.utc) {
    const p = parseIso(event.utc);
    return <>{p ? `${p.date}${p.time ? ` ${p.time}` : ''}` : event.utc}</>;
  }
  const p = parseIso(event.value);
  return (
    <>
      {p ? `${p.date}${p.time ? ` ${p.time}` : ''}` : event.value}
      {event.hasOffset ? (
        p?.zone ? (
          <span className="zone">{p.zone}</span>
        ) : null
      ) : (
        <span className="zone zone--none" title="No offset recorded: local wall-clock time, never re-zoned">
          no offset
        </span>
      )}
    </>
  );
}

export function TimelineList({ events, hasMore, cursor, onMove, onOpen, onActivate, onNeedMore }: Props) {
  const { scrollRef, items, totalSize, rowTop, handleKeyDown } = useVirtualGrid({
    count: events.length + (hasMore ? 1 : 0),
    onMove,
    onActivate: () => {
      if (cursor !== null) onActivate();
    },
  });
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasMore && last >= events.length - PREFETCH_ROWS) onNeedMore();
  }, [hasMore, last, events.length, onNeedMore]);

  return (
    <div
      ref={scrollRef}
      className="grid grid--timeline"
      role="grid"
      aria-label="Timeline"
      aria-rowcount={hasMore ? -1 : events.length + 1}
      aria-colcount={5}
      aria-activedescendant={cursor !== null ? rowDomId(cursor) : undefined}
      tabIndex={0}
      onKeyDown={handleKeyDown}
      data-testid="timeline-list"
      data-count={events.length}
    >
      <div className="grid__head" role="row" aria-rowindex={1} style={{ height: GRID_HEADER_HEIGHT }}>
        <div
          role="columnheader"
          className="grid__hcell grid__label"
          title="The instant in UTC; a value recorded without an offset is shown as recorded"
        >
          Time (UTC)
        </div>
        <div role="columnheader" className="grid__hcell grid__label" title="The value exactly as the evidence recorded it, with its offset">
          Recorded
        </div>
        <div role="columnheader" className="grid__hcell grid__label">
          Field
        </div>
        <div role="columnheader" className="grid__hcell grid__label">
          Artifact
        </div>
        <div role="columnheader" className="grid__hcell grid__label">
          Label
        </div>
      </div>
      <div className="grid__body" style={{ height: totalSize }}>
        {items.map((v) => {
          const e = events[v.index];
          const top = rowTop(v);
          if (!e) {
            return (
              <GridRow key="more" index={v.index} top={top} isPlaceholder>
                <div role="gridcell" className="grid__cell">
                  Loading more…
                </div>
              </GridRow>
            );
          }
          const isCursor = v.index === cursor;
          return (
            <GridRow
              key={v.index}
              id={rowDomId(v.index)}
              index={v.index}
              top={top}
              isSelected={isCursor}
              onClick={() => onOpen(v.index)}
              data-testid="timeline-row"
              data-field={e.field}
              data-path={e.path}
              data-artifact-id={e.artifactId}
            >
              <div
                role="gridcell"
                className="grid__cell timeline__time"
                title={e.utc ? formatDateTimeFull(e.utc) : formatDateTimeFull(e.value)}
                data-testid="timeline-time"
              >
                <TimeCell event={e} />
              </div>
              <div
                role="gridcell"
                className={`grid__cell timeline__time${e.value === e.utc ? ' muted' : ''}`}
                title={e.value}
                data-testid="timeline-value"
              >
                {formatDateTime(e.value)}
              </div>
              <div role="gridcell" className="grid__cell mono timeline__field" title={e.field} data-testid="timeline-field">
                {e.field}
              </div>
              <div role="gridcell" className="grid__cell">
                {/* Out of the tab order: the grid is one tab stop, rows are reached with the arrow keys. */}
                <button
                  type="button"
                  className="link path-start mono timeline__path"
                  tabIndex={-1}
                  title={e.path}
                  data-testid="timeline-path"
                >
                  <bdi dir="ltr">{e.path}</bdi>
                </button>
              </div>
              <div role="gridcell" className="grid__cell muted" title={e.label ?? undefined}>
                {e.label ?? ''}
              </div>
            </GridRow>
          );
        })}
      </div>
    </div>
  );
}
