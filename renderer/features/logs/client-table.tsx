import { useState } from 'react';
import type { LogClient } from '../../../shared/domain/extraction';
import type { LogClientStat } from '../../../shared/domain/logs';
import { formatCount, formatDateTime } from '../../lib/format';
import { networkLabel, placeLabel } from '../../lib/log-filter';

interface Props {
  clients: readonly LogClientStat[];
  /** The extraction's view of the same clients: their most requested paths. */
  paths: ReadonlyMap<string, LogClient['topPaths']>;
  activeIp: string | null;
  onPick: (ip: string) => void;
}

const INITIAL_ROWS = 12;

/** Who accessed the server: each client with its place and network, two lines per client to fit the detail pane. */
export function ClientTable({ clients, paths, activeIp, onPick }: Props) {
  const [isExpanded, setExpanded] = useState(false);
  const shown = isExpanded ? clients : clients.slice(0, INITIAL_ROWS);
  return (
    <>
      <table className="table table--compact logsum__clients" data-testid="log-clients">
        <thead>
          <tr>
            <th scope="col">Client IP</th>
            <th scope="col">Place</th>
            <th scope="col">ASN / network</th>
            <th scope="col" className="num">
              Req.
            </th>
          </tr>
        </thead>
        {shown.map((c) => (
          <tbody
            key={c.ip}
            className={`logsum__client${c.ip === activeIp ? ' logsum__client--active' : ''}`}
            data-testid="log-client"
            data-ip={c.ip}
          >
            <tr>
              <td className="mono logsum__ip">
                <button
                  type="button"
                  className="link mono"
                  aria-pressed={c.ip === activeIp}
                  title="Show this client's requests here and on the timeline"
                  onClick={() => onPick(c.ip)}
                  data-testid="log-client-pick"
                >
                  {c.ip}
                </button>
              </td>
              <td title={c.city ?? undefined}>
                <span data-testid="log-client-country">{c.country ?? '—'}</span>
                {c.region ? <span className="muted"> · {c.region}</span> : null}
              </td>
              <td className="logsum__net" title={networkLabel(c.asn, c.network)}>
                {c.asn !== null ? <span className="mono">AS{c.asn} </span> : null}
                <span className="muted">{c.network ?? (c.asn === null ? '—' : '')}</span>
              </td>
              <td className="num" data-testid="log-client-requests">
                {formatCount(c.requests)}
              </td>
            </tr>
            <tr className="logsum__more">
              <td colSpan={4}>
                <div className="mono" title={placeLabel(c.country, c.region)}>
                  {formatDateTime(c.firstAt)} → {formatDateTime(c.lastAt)}
                </div>
                {(paths.get(c.ip) ?? []).slice(0, 3).map((p) => (
                  <div key={p.path} className="mono ellipsis" title={p.path}>
                    <span className="logsum__count">{formatCount(p.count)}×</span> {p.path}
                  </div>
                ))}
              </td>
            </tr>
          </tbody>
        ))}
      </table>
      {clients.length > shown.length ? (
        <button type="button" className="btn btn--tiny show-more" onClick={() => setExpanded(true)}>
          Show all {formatCount(clients.length)} clients
        </button>
      ) : null}
    </>
  );
}
