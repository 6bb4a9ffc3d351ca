import { createHash } from 'node:crypto';
import type { Db } from './database';

const GENESIS = '0'.repeat(64);

export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  details: string;
  prevHash: string;
  hash: string;
}

/** Hash chain: each event's hash covers its content and the previous hash, so editing or deleting one breaks every later link. */
const chainHash = (prevHash: string, at: string, actor: string, action: string, details: string): string =>
  createHash('sha256')
    .update(JSON.stringify([prevHash, at, actor, action, details]))
    .digest('hex');

export function appendAudit(db: Db, actor: string, action: string, details: Record<string, unknown>): AuditEvent {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const detailsJson = JSON.stringify(details);
  const hash = chainHash(prevHash, at, actor, action, detailsJson);
  const info = db
    .prepare('INSERT INTO audit_log (at, actor, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)')
    .run(at, actor, action, detailsJson, prevHash, hash);
  return { seq: Number(info.lastInsertRowid), at, actor, action, details: detailsJson, prevHash, hash };
}

/** Returns the sequence number of the first broken link, or null when the whole chain verifies. */
export function verifyAudit(db: Db): number | null {
  let prevHash = GENESIS;
  const rows = db
    .prepare('SELECT seq, at, actor, action, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq')
    .all() as unknown as AuditEvent[];
  for (const row of rows) {
    if (row.prevHash !== prevHash || chainHash(prevHash, row.at, row.actor, row.action, row.details) !== row.hash) return row.seq;
    prevHash = row.hash;
  }
  return null;
}
