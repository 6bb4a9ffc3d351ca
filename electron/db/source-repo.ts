import type { Source, SourceKind } from '../../shared/domain/source';
import type { Db } from './database';

export type SourceStatus = Source['status'];

export interface SourceRow {
  id: number;
  path: string;
  kind: SourceKind;
  addedAt: string;
  status: SourceStatus;
}

const toRow = (r: Record<string, unknown>): SourceRow => ({
  id: Number(r.id),
  path: String(r.path),
  kind: r.kind as SourceKind,
  addedAt: String(r.addedAt),
  status: r.status as SourceStatus,
});

export function findSourceByPath(db: Db, path: string): SourceRow | null {
  const row = db.prepare('SELECT id, path, kind, added_at AS addedAt, status FROM sources WHERE path = ?').get(path) as
    Record<string, unknown> | undefined;
  return row ? toRow(row) : null;
}

export function findSourceById(db: Db, id: number): SourceRow | null {
  const row = db.prepare('SELECT id, path, kind, added_at AS addedAt, status FROM sources WHERE id = ?').get(id) as
    Record<string, unknown> | undefined;
  return row ? toRow(row) : null;
}

export function insertSource(db: Db, path: string, kind: SourceKind, addedAt: string): number {
  return Number(
    db.prepare("INSERT INTO sources (path, kind, added_at, status) VALUES (?, ?, ?, 'pending')").run(path, kind, addedAt).lastInsertRowid,
  );
}

export function updateSource(db: Db, id: number, fields: { kind?: SourceKind; status?: SourceStatus }): void {
  if (fields.kind) db.prepare('UPDATE sources SET kind = ? WHERE id = ?').run(fields.kind, id);
  if (fields.status) db.prepare('UPDATE sources SET status = ? WHERE id = ?').run(fields.status, id);
}

/**
 * Every source with its counts. Errors are artifacts with status `error` plus readable ones carrying a problem note
 * (a failed extraction); skipped special files are not errors.
 */
export function listSourceRows(db: Db): Source[] {
  const rows = db
    .prepare(
      `SELECT s.id AS id, s.path AS path, s.kind AS kind, s.added_at AS addedAt, s.status AS status,
         (SELECT COUNT(*) FROM artifacts a WHERE a.source_id = s.id) AS artifactCount,
         (SELECT COALESCE(SUM(a.size), 0) FROM artifacts a WHERE a.source_id = s.id AND a.kind IN ('file', 'member')) AS totalBytes,
         (SELECT COUNT(*) FROM artifacts a WHERE a.source_id = s.id AND a.error IS NOT NULL AND a.status <> 'skipped') AS errorCount
       FROM sources s ORDER BY s.id`,
    )
    .all() as Record<string, unknown>[];
  return rows.map((r) => ({
    ...toRow(r),
    artifactCount: Number(r.artifactCount),
    totalBytes: Number(r.totalBytes),
    errorCount: Number(r.errorCount),
  }));
}
