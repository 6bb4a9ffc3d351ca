import { createHash } from 'node:crypto';
import type { AuditProblem, AuditVerification } from '../../shared/domain/review';
import type { Db } from './database';
import { prepared } from './statements';

const GENESIS = '0'.repeat(64);
/** Version 2 hashes the event's sequence number with its content; version 1 (cases made before) did not. */
const CURRENT_VERSION = 2;

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  details: string;
  prevHash: string;
  hash: string;
  version: number;
}

/**
 * Hash chain: each event's hash covers its content, its place (version 2) and the previous event's hash, so editing,
 * deleting, inserting or moving one breaks the chain at that point.
 */
function chainHash(version: number, seq: number, prevHash: string, at: string, actor: string, action: string, details: string): string {
  const fields = version >= 2 ? [seq, prevHash, at, actor, action, details] : [prevHash, at, actor, action, details];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Appends one event to the case's audit trail. Call inside the transaction that makes the change it records. */
export function appendAudit(db: Db, actor: string, action: string, details: Record<string, unknown>): AuditRow {
  const last = prepared(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const seq = Number(last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const detailsJson = JSON.stringify(details);
  const hash = chainHash(CURRENT_VERSION, seq, prevHash, at, actor, action, detailsJson);
  prepared(db, 'INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    seq,
    at,
    actor,
    action,
    detailsJson,
    prevHash,
    hash,
    CURRENT_VERSION,
  );
  return { seq, at, actor, action, details: detailsJson, prevHash, hash, version: CURRENT_VERSION };
}

export function auditRows(db: Db): AuditRow[] {
  return (
    db
      .prepare('SELECT seq, at, actor, action, details, prev_hash AS prevHash, hash, version FROM audit_log ORDER BY seq')
      .all() as unknown as AuditRow[]
  ).map((r) => ({ ...r, seq: Number(r.seq), version: Number(r.version) }));
}

const selfConsistent = (r: AuditRow, seq: number): boolean =>
  chainHash(r.version, seq, r.prevHash, r.at, r.actor, r.action, r.details) === r.hash;

/**
 * Checks the whole chain and names every event that differs from what was written, and how:
 * - `edited`: its content no longer matches its own hash;
 * - `reordered`: its content matches its hash only at another position (rows swapped);
 * - `removed`: a sequence number is missing (the event after it names a predecessor that is not there);
 * - `inserted`: an event that is not part of the chain (its neighbours link to each other past it, or its hash is
 *   forged and the next event's link breaks).
 * An event appended with a correctly recomputed hash cannot be told locally: compare `head` with a copy kept elsewhere.
 */
export function verifyAuditTrail(db: Db): AuditVerification {
  const rows = auditRows(db);
  const problems: AuditProblem[] = [];
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  const maxSeq = rows.at(-1)?.seq ?? 0;
  const ownHashes = new Map(rows.map((r) => [r.hash, r.seq]));
  for (let seq = 1; seq <= maxSeq; seq++) {
    if (!bySeq.has(seq)) problems.push({ seq, kind: 'removed', message: `event ${seq} is missing from the trail` });
  }
  // Content first: an event that no longer hashes to itself was edited, moved or forged.
  const flagged = new Set<number>();
  rows.forEach((row, i) => {
    if (selfConsistent(row, row.seq)) return;
    flagged.add(row.seq);
    const previous = rows[i - 1];
    const movedFrom = row.version >= 2 ? rows.find((other) => other.seq !== row.seq && selfConsistent(row, other.seq))?.seq : undefined;
    if (movedFrom !== undefined) {
      problems.push({ seq: row.seq, kind: 'reordered', message: `event ${row.seq} holds the content written as event ${movedFrom}` });
    } else if (previous && rows[i + 1]?.prevHash === previous.hash) {
      problems.push({
        seq: row.seq,
        kind: 'inserted',
        message: `event ${row.seq} was not written in the chain: its neighbours link past it`,
      });
    } else {
      problems.push({ seq: row.seq, kind: 'edited', message: `event ${row.seq} (${row.action}) was changed after it was written` });
    }
  });
  // Then links, skipping breaks that follow from a problem already named (after a moved, edited or missing event).
  const flaggedHashes = new Set(rows.filter((r) => flagged.has(r.seq)).map((r) => r.hash));
  rows.forEach((row, i) => {
    const previous = rows[i - 1];
    if (flagged.has(row.seq) || row.prevHash === (previous?.hash ?? GENESIS)) return;
    if ((previous && flagged.has(previous.seq)) || flaggedHashes.has(row.prevHash) || !bySeq.has(row.seq - 1)) return;
    const namedSeq = ownHashes.get(row.prevHash);
    if (namedSeq !== undefined) {
      problems.push({
        seq: row.seq,
        kind: 'reordered',
        message: `event ${row.seq} follows event ${namedSeq}, not event ${previous?.seq ?? 0}`,
      });
    } else {
      problems.push({
        seq: row.seq,
        kind: 'inserted',
        message: `event ${row.seq} does not follow event ${previous?.seq ?? 0} in the chain`,
      });
    }
  });
  problems.sort((a, b) => a.seq - b.seq);
  return { ok: problems.length === 0, events: rows.length, head: rows.at(-1)?.hash ?? GENESIS, problems };
}

/** The sequence number of the first problem, or null when the whole chain verifies. */
export function verifyAudit(db: Db): number | null {
  return verifyAuditTrail(db).problems[0]?.seq ?? null;
}
