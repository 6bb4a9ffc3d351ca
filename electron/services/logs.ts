import type { LogAnalysis, LogRequestPage, LogRequestQuery, LogSummaryQuery } from '../../shared/domain/logs';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/database';
import { readExtraction } from '../db/extraction-repo';
import { logClients, logMethods, logNetworks, logPaths, logPlaces, logRequestPage, logTotals } from '../db/log-repo';
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

function analyse(db: Db, artifactId: number, path: string): LogAnalysis {
  const extraction = readExtraction(db, artifactId);
  const summary = extraction?.logSummary;
  const totals = logTotals(db, artifactId);
  if (!summary && totals.requests === 0) throw new AppError('not_found', `artifact ${artifactId} is not an access log`);
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
    clients: logClients(db, artifactId, LIST_LIMIT),
    networks: logNetworks(db, artifactId, LIST_LIMIT),
    places: logPlaces(db, artifactId, LIST_LIMIT),
    methods: logMethods(db, artifactId),
    uploads: logPaths(db, artifactId, 'uploads', PATH_LIMIT),
    downloads: logPaths(db, artifactId, 'downloads', PATH_LIMIT),
    warnings: extraction?.warnings ?? [],
  };
}

/**
 * Who accessed the server, from where, for one access log: its clients, networks (AS), countries and regions,
 * methods, uploads (writes, WebDAV included) and downloads by path, with first and last request. Computed with SQL
 * over the log's stored requests and kept until the log is extracted again. Raises `not_found` when the artifact
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
