import { useState } from 'react';
import type { TimestampEntry } from '../../../shared/domain/extraction';
import { formatDateTimeFull } from '../../lib/format';

interface Props {
  timestamps: TimestampEntry[];
}

const FIRST = 25;

export function TimestampsView({ timestamps }: Props) {
  const [isAll, setIsAll] = useState(false);
  const sorted = [...timestamps].sort((a, b) => (a.utc ?? a.value).localeCompare(b.utc ?? b.value));
  const shown = isAll ? sorted : sorted.slice(0, FIRST);
  return (
    <>
      <table className="table table--compact" data-testid="timestamps">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Value as recorded / UTC</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((t, i) => (
            <tr key={`${t.field}-${i}`}>
              <td title={t.label}>
                <span className="mono">{t.field}</span>
                {t.label ? <div className="muted small">{t.label}</div> : null}
              </td>
              <td className="mono">
                <div className="wrap">
                  {t.value}
                  {t.hasOffset ? null : (
                    <span className="muted" title="No offset recorded: local wall-clock time, never re-zoned">
                      {' '}
                      (no offset)
                    </span>
                  )}
                </div>
                {t.utc && t.utc !== t.value ? <div className="muted small">= {formatDateTimeFull(t.utc)}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > FIRST ? (
        <button type="button" className="btn btn--tiny show-more" onClick={() => setIsAll(!isAll)}>
          {isAll ? `Show the first ${FIRST}` : `Show all ${sorted.length}`}
        </button>
      ) : null}
    </>
  );
}
