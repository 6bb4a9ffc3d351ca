import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { WRITE_METHODS, type LogRequest } from '../../../shared/domain/logs';
import { formatDateTime } from '../../lib/format';
import { networkLabel, placeLabel } from '../../lib/log-filter';

/** Two lines per request (when and who; what), so the path keeps its width in the narrow detail pane. */
const ROW_HEIGHT = 36;
/** Ask for the next page this many rows before the end, so scrolling rarely meets the loading row. */
const PREFETCH_ROWS = 50;

interface Props {
  requests: readonly LogRequest[];
  total: number;
  onNeedMore: () => void;
}

/** A log's requests in line order, virtualised: only the rows in view exist, however many the log holds. */
export function RequestList({ requests, total, onNeedMore }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const hasMore = requests.length < total;
  // No React Compiler in this build; the virtualizer's unstable functions are used only during this render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: requests.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasMore && last >= requests.length - PREFETCH_ROWS) onNeedMore();
  }, [hasMore, last, requests.length, onNeedMore]);

  return (
    <div
      ref={scrollRef}
      className="logs-requests"
      role="list"
      aria-label="Requests"
      data-testid="log-requests"
      data-count={requests.length}
    >
      <div className="logs-requests__body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((v) => {
          const r = requests[v.index];
          const style = { transform: `translateY(${v.start}px)`, height: ROW_HEIGHT };
          if (!r)
            return (
              <div key="more" className="logs-request muted" role="listitem" style={style}>
                Loading more…
              </div>
            );
          return (
            <div
              key={r.id}
              className="logs-request"
              role="listitem"
              style={style}
              title={`Line ${r.line}: ${r.at ?? ''} ${placeLabel(r.country, r.region)}, ${networkLabel(r.asn, r.network)}${r.userAgent ? `, ${r.userAgent}` : ''}`}
              data-testid="log-request"
              data-ip={r.ip}
            >
              <div className="logs-request__line">
                <span className="logs-request__time mono">{formatDateTime(r.utc)}</span>
                <span className="logs-request__ip mono">{r.ip}</span>
                <span className="logs-request__status mono">{r.status ?? '—'}</span>
              </div>
              <div className="logs-request__line">
                <span
                  className={`logs-request__method mono${r.method && WRITE_METHODS.includes(r.method) ? ' logs-request__method--write' : ''}`}
                >
                  {r.method ?? '—'}
                </span>
                <span className="logs-request__path mono">
                  <bdi dir="ltr">{r.path ?? '—'}</bdi>
                </span>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
