import type { LogSummary } from '../../../shared/domain/extraction';
import { formatCount, formatDateTimeFull } from '../../lib/format';

interface Props {
  summary: LogSummary;
}

/** Who accessed the server from where: a compact clients table sized for the detail pane (two lines per client). */
export function LogSummaryView({ summary }: Props) {
  return (
    <div className="logsum" data-testid="log-summary">
      <dl className="facts">
        <div className="facts__row">
          <dt>Format</dt>
          <dd>
            {summary.format} · {formatCount(summary.parsed)} of {formatCount(summary.lines)} lines parsed
          </dd>
        </div>
        <div className="facts__row">
          <dt>First request</dt>
          <dd className="mono">{formatDateTimeFull(summary.firstAt)}</dd>
        </div>
        <div className="facts__row">
          <dt>Last request</dt>
          <dd className="mono">{formatDateTimeFull(summary.lastAt)}</dd>
        </div>
        {summary.countries.length > 0 ? (
          <div className="facts__row">
            <dt>Countries</dt>
            <dd className="logsum__countries">
              {summary.countries.map((c) => (
                <span key={c.country} className="badge" title={`${formatCount(c.requests)} requests`}>
                  {c.country} {formatCount(c.requests)}
                </span>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>
      <table className="table table--compact logsum__clients" data-testid="log-clients">
        <thead>
          <tr>
            <th scope="col">Client IP</th>
            <th scope="col">CC</th>
            <th scope="col">ASN / network</th>
            <th scope="col" className="num">
              Req.
            </th>
          </tr>
        </thead>
        {summary.clients.map((c) => (
          <tbody key={c.ip} className="logsum__client" data-testid="log-client" data-ip={c.ip}>
            <tr>
              <td className="mono logsum__ip">{c.ip}</td>
              <td data-testid="log-client-country">{c.country ?? '—'}</td>
              <td className="logsum__net" title={c.network}>
                {c.asn !== undefined ? <span className="mono">AS{c.asn} </span> : null}
                <span className="muted">{c.network ?? (c.asn === undefined ? '—' : '')}</span>
              </td>
              <td className="num" data-testid="log-client-requests">
                {formatCount(c.requests)}
              </td>
            </tr>
            <tr className="logsum__more">
              <td colSpan={4}>
                <div className="mono">
                  {c.firstAt ?? '—'} → {c.lastAt ?? '—'}
                </div>
                {c.topPaths.slice(0, 3).map((p) => (
                  <div key={p.path} className="mono ellipsis" title={p.path}>
                    <span className="logsum__count">{formatCount(p.count)}×</span> {p.path}
                  </div>
                ))}
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}
