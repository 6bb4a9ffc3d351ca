import {
  READ_METHODS,
  WRITE_METHODS,
  type LogClientStat,
  type LogFilter,
  type LogMethodStat,
  type LogPathStat,
  type LogRequest,
} from '../../shared/domain/logs';
import type { LogRequestRecord } from '../model/log-requests';
import type { Db, SqlValue } from './database';
import { prepared } from './statements';

/** Where a client is, as the lookup data answered when its requests were stored. */
export interface ClientPlace {
  country: string | null;
  region: string | null;
  city: string | null;
  asn: number | null;
  network: string | null;
}

/** Removes a log's requests (its content changed, or its extraction runs again). */
export function clearLogRequests(db: Db, artifactId: number): void {
  prepared(db, 'DELETE FROM log_requests WHERE artifact_id = ?').run(artifactId);
}

/** Stores requests of one log with where each client is. Call inside a transaction. */
export function insertLogRequests(
  db: Db,
  artifactId: number,
  rows: readonly LogRequestRecord[],
  placeOf: (ip: string) => ClientPlace,
): void {
  const insert = prepared(
    db,
    `INSERT INTO log_requests (artifact_id, line, at, utc, ip, method, path, status, bytes, referer, user_agent, country, region, city, asn, network)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    const p = placeOf(r.ip);
    insert.run(
      artifactId,
      r.line,
      r.at,
      r.utc,
      r.ip,
      r.method,
      r.path,
      r.status,
      r.bytes,
      r.referer,
      r.userAgent,
      p.country,
      p.region,
      p.city,
      p.asn,
      p.network,
    );
  }
}

/** Requests per country and region of one log (known countries; region null when unknown), most first. */
export function placeCounts(db: Db, artifactId: number): { country: string; region: string | null; requests: number }[] {
  const rows = prepared(
    db,
    `SELECT country, region, count(*) AS requests FROM log_requests INDEXED BY log_requests_place
     WHERE artifact_id = ? AND country IS NOT NULL GROUP BY country, region ORDER BY requests DESC, country, region`,
  ).all(artifactId) as { country: string; region: string | null; requests: number }[];
  return rows.map((r) => ({ ...r, requests: Number(r.requests) }));
}

/**
 * SQL conditions for a filter. `asn: 0`, `country: ''` and `region: ''` stand for "unknown" and match NULL.
 * Columns are named with `prefix` (a table alias and dot, or nothing).
 */
export function logFilterSql(filter: LogFilter, prefix = ''): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const eqOrNull = (column: string, value: string | number, unknown: string | number): void => {
    if (value === unknown) where.push(`${prefix}${column} IS NULL`);
    else {
      where.push(`${prefix}${column} = ?`);
      params.push(value);
    }
  };
  if (filter.ip !== undefined) eqOrNull('ip', filter.ip, '');
  if (filter.asn !== undefined) eqOrNull('asn', filter.asn, 0);
  if (filter.country !== undefined) eqOrNull('country', filter.country, '');
  if (filter.region !== undefined) eqOrNull('region', filter.region, '');
  return { where, params };
}

interface Span {
  requests: number;
  firstAt: string | null;
  lastAt: string | null;
}
const span = (r: Span): Span => ({ requests: Number(r.requests), firstAt: r.firstAt, lastAt: r.lastAt });

/**
 * Every client of one log with its requests, first and last instant, and where it is: one pass over the client
 * index (which holds each row id, so the earliest row of each client is known without the table), then one row
 * read per client for the place stored with its requests (every request of a client has the same place).
 */
export function logClientStats(db: Db, artifactId: number): LogClientStat[] {
  const rows = prepared(
    db,
    `SELECT c.ip AS ip, c.requests AS requests, c.firstAt AS firstAt, c.lastAt AS lastAt,
       r.country AS country, r.region AS region, r.city AS city, r.asn AS asn, r.network AS network
     FROM (SELECT ip, count(*) AS requests, min(utc) AS firstAt, max(utc) AS lastAt, min(id) AS first
           FROM log_requests INDEXED BY log_requests_client WHERE artifact_id = ? GROUP BY ip) c
     JOIN log_requests r ON r.id = c.first`,
  ).all(artifactId) as unknown as (Span & ClientPlace & { ip: string })[];
  return rows.map((r) => ({ ...r, asn: r.asn === null ? null : Number(r.asn), ...span(r) }));
}

const writeSet = new Set(WRITE_METHODS);

/** Requests and clients per method of one log. */
export function logMethods(db: Db, artifactId: number): LogMethodStat[] {
  const rows = prepared(
    db,
    `SELECT method, count(*) AS requests, count(DISTINCT ip) AS clients FROM log_requests INDEXED BY log_requests_method
     WHERE artifact_id = ? GROUP BY method ORDER BY requests DESC, method`,
  ).all(artifactId) as { method: string | null; requests: number; clients: number }[];
  return rows.map((r) => ({
    method: r.method,
    requests: Number(r.requests),
    clients: Number(r.clients),
    isWrite: r.method !== null && writeSet.has(r.method),
  }));
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** Requests per method and path of one log, for the given methods (uploads: the writes; downloads: GET). */
export function logPaths(db: Db, artifactId: number, kind: 'uploads' | 'downloads', limit: number): LogPathStat[] {
  const methods = kind === 'uploads' ? WRITE_METHODS : READ_METHODS;
  const rows = prepared(
    db,
    `SELECT method, path, count(*) AS requests, sum(status BETWEEN 200 AND 299) AS succeeded, count(DISTINCT ip) AS clients,
       min(utc) AS firstAt, max(utc) AS lastAt
     FROM log_requests INDEXED BY log_requests_method WHERE artifact_id = ? AND method IN (${placeholders(methods.length)})
     GROUP BY method, path ORDER BY requests DESC, path LIMIT ?`,
  ).all(artifactId, ...methods, limit) as (Span & {
    method: string | null;
    path: string | null;
    succeeded: number | null;
    clients: number;
  })[];
  return rows.map((r) => ({
    method: r.method,
    path: r.path,
    succeeded: Number(r.succeeded ?? 0),
    clients: Number(r.clients),
    ...span(r),
  }));
}

interface RequestRow extends LogRequestRecord {
  id: number;
  country: string | null;
  region: string | null;
  city: string | null;
  asn: number | null;
  network: string | null;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

/** One page of a log's requests in line order, narrowed by a filter and a method, and how many match in all. */
export function logRequestPage(
  db: Db,
  artifactId: number,
  filter: LogFilter & { method?: string },
  offset: number,
  limit: number,
): { total: number; items: LogRequest[] } {
  const f = logFilterSql(filter);
  if (filter.method !== undefined) {
    f.where.push('method = ?');
    f.params.push(filter.method);
  }
  const where = ['artifact_id = ?', ...f.where].join(' AND ');
  const total = db.prepare(`SELECT count(*) AS n FROM log_requests WHERE ${where}`).get(artifactId, ...f.params) as { n: number };
  const rows = db
    .prepare(
      `SELECT id, line, at, utc, ip, method, path, status, bytes, referer, user_agent AS userAgent, country, region, city, asn, network
       FROM log_requests WHERE ${where} ORDER BY line LIMIT ? OFFSET ?`,
    )
    .all(artifactId, ...f.params, limit, offset) as unknown as RequestRow[];
  return {
    total: Number(total.n),
    items: rows.map((r) => ({ ...r, id: Number(r.id), line: Number(r.line), status: num(r.status), bytes: num(r.bytes), asn: num(r.asn) })),
  };
}
