import { useEffect, useMemo } from 'react';
import type { LogSummary } from '../../../shared/domain/extraction';
import type { LogAnalysis, LogFilter } from '../../../shared/domain/logs';
import { ErrorMessage } from '../../components/error-message';
import { formatCount, formatDateTimeFull } from '../../lib/format';
import { describeLogFilter, networkLabel, placeLabel } from '../../lib/log-filter';
import { useAppStore, useShallow } from '../../store';
import { selectLogActions, selectLogView } from '../../store/selectors';
import type { LogRequestFilter } from '../../store/slices/logs';
import '../logs/logs.css';
import { ClientTable } from '../logs/client-table';
import { PathTable } from '../logs/path-table';
import { RequestList } from '../logs/request-list';
import { StatList, type StatRow } from '../logs/stat-list';

interface Props {
  artifactId: number;
  /** The extraction's summary: shown at once, while the analysis of the stored requests loads. */
  summary: LogSummary;
}

// Keys of the group rows: the filter each row stands for, so a pick needs no lookup.
const placeKey = (country: string | null, region: string | null): string =>
  JSON.stringify({ country: country ?? '', region: region ?? '' });
const networkKey = (asn: number | null): string => JSON.stringify({ asn: asn ?? 0 });
const clientKey = (ip: string): string => JSON.stringify({ ip });
const filterKey = (f: LogRequestFilter): string | null => {
  if (f.ip !== undefined) return clientKey(f.ip);
  if (f.asn !== undefined) return networkKey(f.asn);
  if (f.country !== undefined) return placeKey(f.country, f.region ?? '');
  return null;
};

function placeRows(a: LogAnalysis): StatRow[] {
  return a.places.map((p) => ({
    key: placeKey(p.country, p.region),
    label: p.country === null ? 'Unknown place' : p.region === null ? `${p.country} · region unknown` : placeLabel(p.country, p.region),
    clients: p.clients,
    requests: p.requests,
    firstAt: p.firstAt,
    lastAt: p.lastAt,
    data: { country: p.country ?? '', region: p.region ?? '' },
  }));
}

function networkRows(a: LogAnalysis): StatRow[] {
  return a.networks.map((n) => ({
    key: networkKey(n.asn),
    label: networkLabel(n.asn, n.network),
    clients: n.clients,
    requests: n.requests,
    firstAt: n.firstAt,
    lastAt: n.lastAt,
    data: { asn: String(n.asn ?? 0) },
  }));
}

/**
 * Who accessed the server, from where: one access log by place (country and province), network, method and path,
 * its clients, and its requests. Picking a client, network or place narrows the request list and shows the same
 * requests on the timeline.
 */
export function LogSummaryView({ artifactId, summary }: Props) {
  const view = useAppStore(selectLogView);
  const actions = useAppStore(useShallow(selectLogActions));
  const current = view?.artifactId === artifactId ? view : null;
  const analysis = current?.analysis ?? null;
  const activeKey = current ? filterKey(current.filter) : null;
  const paths = useMemo(() => new Map(summary.clients.map((c) => [c.ip, c.topPaths])), [summary]);

  // A new summary object means the log was extracted again: its rows, and so its analysis, changed with it.
  useEffect(() => {
    void actions.loadLogAnalysis(artifactId, true);
  }, [artifactId, summary, actions]);

  const handlePick = (key: string): void => actions.showLogFilter(JSON.parse(key) as LogFilter);
  const handleMethod = (method: string | null): void => {
    if (!current || method === null) return;
    const { method: shown, ...rest } = current.filter;
    actions.filterLogRequests(shown === method ? rest : { ...rest, method });
  };
  const filterLabel = current ? describeLogFilter(current.filter) : '';
  const shownMethod = current?.filter.method;

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
        {analysis ? (
          <div className="facts__row">
            <dt>Clients</dt>
            <dd data-testid="log-totals">
              {formatCount(analysis.clientCount)} clients · {formatCount(analysis.requests)} requests stored
            </dd>
          </div>
        ) : null}
      </dl>
      <ErrorMessage error={current?.request.error} testId="log-error" />
      {!analysis ? (
        <p className="muted">{current?.request.status === 'error' ? '' : 'Analysing the requests…'}</p>
      ) : (
        <>
          <h4 className="logs-heading">Places</h4>
          <StatList rows={placeRows(analysis)} name="Places" testId="log-place" activeKey={activeKey} onPick={handlePick} />
          <h4 className="logs-heading">Networks</h4>
          <StatList rows={networkRows(analysis)} name="Networks" testId="log-network" activeKey={activeKey} onPick={handlePick} />
          <h4 className="logs-heading">Methods</h4>
          <div className="logs-methods" data-testid="log-methods">
            {analysis.methods.map((m) => (
              <button
                key={m.method ?? ''}
                type="button"
                className={`badge logs-method${m.isWrite ? ' badge--warn' : ''}${shownMethod === m.method ? ' logs-method--active' : ''}`}
                aria-pressed={shownMethod === m.method}
                title={`${formatCount(m.clients)} clients${m.isWrite ? '; writes to the server' : ''}. Show these requests below`}
                onClick={() => handleMethod(m.method)}
                data-testid="log-method"
                data-method={m.method ?? ''}
              >
                {m.method ?? '—'} {formatCount(m.requests)}
              </button>
            ))}
          </div>
          {analysis.uploads.length > 0 ? (
            <>
              <h4 className="logs-heading">Uploads and other writes</h4>
              <PathTable paths={analysis.uploads} kind="uploads" />
            </>
          ) : null}
          {analysis.downloads.length > 0 ? (
            <>
              <h4 className="logs-heading">Downloads</h4>
              <PathTable paths={analysis.downloads.slice(0, 20)} kind="downloads" />
            </>
          ) : null}
          <h4 className="logs-heading">Clients</h4>
          <ClientTable
            clients={analysis.clients}
            paths={paths}
            activeIp={current?.filter.ip ?? null}
            onPick={(ip) => handlePick(clientKey(ip))}
          />
        </>
      )}
      {current ? (
        <>
          <h4 className="logs-heading">
            Requests{' '}
            <span className="muted" data-testid="log-request-count">
              {formatCount(current.requestTotal)}
              {filterLabel || shownMethod ? ` from ${[filterLabel, shownMethod].filter(Boolean).join(', ')}` : ''}
            </span>
            {filterLabel || shownMethod ? (
              <button
                type="button"
                className="btn btn--tiny logs-clear"
                onClick={() => actions.filterLogRequests({})}
                data-testid="log-filter-clear"
              >
                Show all
              </button>
            ) : null}
          </h4>
          <ErrorMessage error={current.requestsRequest.error} testId="log-requests-error" />
          <RequestList requests={current.requests} total={current.requestTotal} onNeedMore={actions.loadMoreLogRequests} />
        </>
      ) : null}
      {/* DB-IP's licence (CC BY 4.0) asks for this link wherever its results are shown. */}
      <p className="logs-attribution muted">
        Provinces and cities:{' '}
        <a href="https://db-ip.com" target="_blank" rel="noreferrer">
          IP Geolocation by DB-IP
        </a>{' '}
        (CC BY 4.0)
      </p>
    </div>
  );
}
