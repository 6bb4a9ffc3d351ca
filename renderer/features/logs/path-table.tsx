import type { LogPathStat } from '../../../shared/domain/logs';
import { formatCount, formatDateTime } from '../../lib/format';

interface Props {
  paths: readonly LogPathStat[];
  /** `uploads` or `downloads`: names the table and its rows for tests. */
  kind: string;
}

/** Requests per method and path (uploads: writes, WebDAV included; downloads: GET), most first. */
export function PathTable({ paths, kind }: Props) {
  return (
    <table className="table table--compact logs-paths" data-testid={`log-${kind}`}>
      <thead>
        <tr>
          <th scope="col">Method</th>
          <th scope="col">Path</th>
          <th scope="col" className="num" title="Requests (answered with 2xx)">
            Req. (ok)
          </th>
        </tr>
      </thead>
      <tbody>
        {paths.map((p) => (
          <tr
            key={`${p.method ?? ''} ${p.path ?? ''}`}
            data-testid="log-path"
            data-method={p.method ?? ''}
            data-path={p.path ?? ''}
            title={`${formatCount(p.clients)} client${p.clients === 1 ? '' : 's'}, ${formatDateTime(p.firstAt)} → ${formatDateTime(p.lastAt)}`}
          >
            <td className="mono">{p.method ?? '—'}</td>
            <td className="mono logs-paths__path">
              <bdi dir="ltr">{p.path ?? '—'}</bdi>
            </td>
            <td className="num" data-testid="log-path-requests">
              {formatCount(p.requests)} <span className="muted">({formatCount(p.succeeded)})</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
