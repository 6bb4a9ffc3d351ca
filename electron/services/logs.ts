import type {
  LogAnalysis,
  LogClientStat,
  LogNetworkStat,
  LogPlaceStat,
  LogRequestPage,
  LogRequestQuery,
  LogSummaryQuery,
} from '../../shared/domain/logs';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/database';
import { readExtraction } from '../db/extraction-repo';
import { logClientStats, logMethods, logPaths, logRequestPage } from '../db/log-repo';
import { prepared } from '../db/statements';
import { canonicalCaseDir, caseDb } from './case-store';

/** Entries per list of a log's analysis (clients, networks, places); uploads and downloads list this many paths each. */
const LIST_LIMIT = 1000;
const PATH_LIMIT = 500;
/** Analyses kept: a log's rows change only when it is extracted again, which the cache key notices. */
const CACHED = 16;

const cache = new Map<string, LogAnalysis>();

function artifactOf(db: Db, artifactId: number): { path: string; extractedAt: string | null } {
  const row = prepared(
    db,
    'SELECT a.path AS path, e.extracted_at AS extractedAt FROM artifacts a LEFT JOIN extractions e ON e.artifact_id = a.id WHERE a.id = ?',
  ).get(artifactId) as { path: string; extractedAt: string | null } | undefined;
  if (!row) throw new AppError('not_found', `artifact ${artifactId} is not in this case`);
  return row;
}

interface Group {
  clients: number;
  requests: number;
  firstAt: string | null;
  lastAt: string | null;
}

const earlier = (a: string | null, b: string | null): string | null => (a === null || (b !== null && b < a) ? b : a);
const later = (a: string | null, b: string | null): string | null => (a === null || (b !== null && b > a) ? b : a);
const byRequests = <T extends { requests: number }>(a: T, b: T): number => b.requests - a.requests;

/** Clients grouped by a key (a network, a place): how many, their requests, first and last; most requests first. */
function groupClients<K>(clients: readonly LogClientStat[], keyOf: (c: LogClientStat) => string, describe: (c: LogClientStat) => K) {
  const groups = new Map<string, Group & { key: K }>();
  for (const c of clients) {
    const id = keyOf(c);
    const g = groups.get(id);
    if (!g) groups.set(id, { key: describe(c), clients: 1, requests: c.requests, firstAt: c.firstAt, lastAt: c.lastAt });
    else {
      g.clients++;
      g.requests += c.requests;
      g.firstAt = earlier(g.firstAt, c.firstAt);
      g.lastAt = later(g.lastAt, c.lastAt);
    }
  }
  return [...groups.values()].sort(byRequests).slice(0, LIST_LIMIT);
}

function analyse(db: Db, artifactId: number, path: string): LogAnalysis {
  const extraction = readExtraction(db, artifactId);
  const summary = extraction?.logSummary;
  // One pass over the log's client index gives every client with its place; totals, networks and places follow.
  const clients = logClientStats(db, artifactId).sort((a, b) => byRequests(a, b) || (a.ip < b.ip ? -1 : 1));
  const totals = clients.reduce<Group>(
    (t, c) => ({
      clients: t.clients + 1,
      requests: t.requests + c.requests,
      firstAt: earlier(t.firstAt, c.firstAt),
      lastAt: later(t.lastAt, c.lastAt),
    }),
    { clients: 0, requests: 0, firstAt: null, lastAt: null },
  );
  if (!summary && totals.requests === 0) throw new AppError('not_found', `artifact ${artifactId} is not an access log`);
  const networks: LogNetworkStat[] = groupClients(
    clients,
    (c) => `${c.asn ?? ''}\n${c.network ?? ''}`,
    (c) => ({ asn: c.asn, network: c.network }),
  ).map(({ key, ...g }) => ({ ...key, ...g }));
  const places: LogPlaceStat[] = groupClients(
    clients,
    (c) => `${c.country ?? ''}\n${c.region ?? ''}`,
    (c) => ({ country: c.country, region: c.region }),
  ).map(({ key, ...g }) => ({ ...key, ...g }));
  return {
    artifactId,
    path,
    format: summary?.format ?? null,
    lines: summary?.lines ?? totals.requests,
    parsed: summary?.parsed ?? totals.requests,
    requests: totals.requests,
    clientCount: totals.clients,
    firstAt: totals.firstAt,
    lastAt: totals.lastAt,
    listLimit: LIST_LIMIT,
    clients: clients.slice(0, LIST_LIMIT),
    networks,
    places,
    methods: logMethods(db, artifactId),
    uploads: logPaths(db, artifactId, 'uploads', PATH_LIMIT),
    downloads: logPaths(db, artifactId, 'downloads', PATH_LIMIT),
    warnings: extraction?.warnings ?? [],
  };
}

/**
 * Who accessed the server, from where, for one access log: its clients, networks (AS), countries and regions,
 * methods, uploads (writes, WebDAV included) and downloads by path, with first and last request. Computed with SQL
 * over the log's stored requests (three passes over covering indexes, however the log is grouped) and kept until
 * the log is extracted again. Raises `not_found` when the artifact
 * is missing or is not an access log.
 */
export function logSummary(query: LogSummaryQuery): LogAnalysis {
  const db = caseDb(query.dir);
  const artifact = artifactOf(db, query.artifactId);
  const key = `${canonicalCaseDir(query.dir)}\n${query.artifactId}\n${artifact.extractedAt ?? ''}`;
  const cached = cache.get(key);
  if (cached) {
    // Most recently used last: the oldest entry is the first one dropped.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const analysis = analyse(db, query.artifactId, artifact.path);
  cache.set(key, analysis);
  if (cache.size > CACHED) cache.delete(cache.keys().next().value as string);
  return analysis;
}

/** A page of one log's requests in line order, narrowed to a client, network, place or method. Raises `not_found`. */
export function logRequests(query: LogRequestQuery & { offset: number; limit: number }): LogRequestPage {
  const db = caseDb(query.dir);
  artifactOf(db, query.artifactId);
  const { dir: _dir, artifactId, offset, limit, ...filter } = query;
  return logRequestPage(db, artifactId, filter, offset, limit);
}
