import { useState } from 'react';
import { formatCount, formatDateTime } from '../../lib/format';

export interface StatRow {
  key: string;
  label: string;
  clients: number;
  requests: number;
  firstAt: string | null;
  lastAt: string | null;
  /** Attributes that name the row for tests and for the filter it stands for (`data-country`, `data-asn`). */
  data: Record<string, string>;
}

interface Props {
  rows: readonly StatRow[];
  /** Names the list for screen readers and tests (`places`, `networks`). */
  name: string;
  testId: string;
  /** Rows shown before "Show all". */
  initialRows?: number;
  /** The row whose requests are shown now. */
  activeKey: string | null;
  onPick: (key: string) => void;
}

const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** Groups of a log (places, networks): `CN · Liaoning · 2 clients · 12 requests`; a click shows that group's requests. */
export function StatList({ rows, name, testId, initialRows = 8, activeKey, onPick }: Props) {
  const [isExpanded, setExpanded] = useState(false);
  const shown = isExpanded ? rows : rows.slice(0, initialRows);
  return (
    <div className="logs-stats">
      <ul className="logs-stats__list" aria-label={name}>
        {shown.map((r) => (
          <li key={r.key}>
            <button
              type="button"
              className={`logs-stat${r.key === activeKey ? ' logs-stat--active' : ''}`}
              aria-pressed={r.key === activeKey}
              title={`${formatDateTime(r.firstAt)} → ${formatDateTime(r.lastAt)}. Show these requests here and on the timeline`}
              onClick={() => onPick(r.key)}
              data-testid={testId}
              {...Object.fromEntries(Object.entries(r.data).map(([k, v]) => [`data-${k}`, v]))}
            >
              <span className="logs-stat__label">{r.label}</span>
              <span className="logs-stat__figures">
                {plural(r.clients, 'client')} · {plural(r.requests, 'request')}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {rows.length > shown.length ? (
        <button type="button" className="btn btn--tiny show-more" onClick={() => setExpanded(true)}>
          Show all {formatCount(rows.length)}
        </button>
      ) : null}
    </div>
  );
}
