import type { AuditEvent, AuditPage, AuditVerification } from '../../shared/domain/review';
import { verifyAuditTrail } from '../db/audit-repo';
import type { SqlValue } from '../db/database';
import { caseDb } from './case-store';

/** An event's artifacts: review events list them (or, for a large change, the first ones and a count). */
function artifactIdsOf(details: Record<string, unknown>): number[] {
  const ids = details.artifactIds;
  if (Array.isArray(ids)) return ids.filter((n): n is number => typeof n === 'number');
  if (ids && typeof ids === 'object' && Array.isArray((ids as { first?: unknown }).first)) return (ids as { first: number[] }).first;
  if (typeof details.artifactId === 'number') return [details.artifactId];
  return [];
}

/** The audit trail, newest first, filtered by examiner, action (prefix: `tag` matches `tag.set`) and artifact. */
export function listAudit(q: {
  dir: string;
  examiner?: string;
  action?: string;
  artifactId?: number;
  offset: number;
  limit: number;
}): AuditPage {
  const db = caseDb(q.dir);
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (q.examiner) {
    where.push('actor = ?');
    params.push(q.examiner);
  }
  if (q.action) {
    where.push('(action = ? OR action LIKE ?)');
    params.push(q.action, `${q.action}.%`);
  }
  if (q.artifactId !== undefined) {
    where.push(
      `(EXISTS (SELECT 1 FROM json_each(details, '$.artifactIds') WHERE value = ?) OR EXISTS (SELECT 1 FROM json_each(details, '$.artifactIds.first') WHERE value = ?) OR json_extract(details, '$.artifactId') = ?)`,
    );
    params.push(q.artifactId, q.artifactId, q.artifactId);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number((db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${clause}`).get(...params) as { n: number }).n);
  const rows = db
    .prepare(`SELECT seq, at, actor, action, details, hash FROM audit_log ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as { seq: number; at: string; actor: string; action: string; details: string; hash: string }[];
  const items: AuditEvent[] = rows.map((r) => {
    const details = JSON.parse(r.details) as Record<string, unknown>;
    return {
      seq: Number(r.seq),
      at: r.at,
      examiner: r.actor,
      action: r.action,
      artifactIds: artifactIdsOf(details),
      details,
      hash: r.hash,
    };
  });
  return { total, items };
}

/** Checks the audit trail's hash chain and names every event that was edited, removed, inserted or moved. */
export const verifyAudit = (dir: string): AuditVerification => verifyAuditTrail(caseDb(dir));
