import type { IngestJob, JobStatus } from '../../shared/domain/ingest';
import type { SourceCounts } from './artifact-repo';
import type { Db } from './database';

export interface JobRow {
  id: number;
  sourceId: number;
  sourcePath: string;
  status: JobStatus;
  startedAt: string;
  finishedAt: string | null;
  filesTotal: number;
  filesDone: number;
  bytesTotal: number;
  bytesDone: number;
  errorCount: number;
  message: string | null;
  ownerPid: number | null;
  heartbeatAt: string | null;
}

const SELECT = `SELECT j.id AS id, j.source_id AS sourceId, s.path AS sourcePath, j.status AS status, j.started_at AS startedAt,
  j.finished_at AS finishedAt, j.files_total AS filesTotal, j.files_done AS filesDone, j.bytes_total AS bytesTotal,
  j.bytes_done AS bytesDone, j.error_count AS errorCount, j.message AS message, j.owner_pid AS ownerPid, j.heartbeat_at AS heartbeatAt
  FROM jobs j JOIN sources s ON s.id = j.source_id`;

const toRow = (r: Record<string, unknown>): JobRow => ({
  id: Number(r.id),
  sourceId: Number(r.sourceId),
  sourcePath: String(r.sourcePath),
  status: r.status as JobStatus,
  startedAt: String(r.startedAt),
  finishedAt: r.finishedAt == null ? null : String(r.finishedAt),
  filesTotal: Number(r.filesTotal),
  filesDone: Number(r.filesDone),
  bytesTotal: Number(r.bytesTotal),
  bytesDone: Number(r.bytesDone),
  errorCount: Number(r.errorCount),
  message: r.message == null ? null : String(r.message),
  ownerPid: r.ownerPid == null ? null : Number(r.ownerPid),
  heartbeatAt: r.heartbeatAt == null ? null : String(r.heartbeatAt),
});

export function insertJob(db: Db, sourceId: number, startedAt: string, ownerPid: number): number {
  const info = db
    .prepare("INSERT INTO jobs (source_id, kind, status, started_at, owner_pid, heartbeat_at) VALUES (?, 'ingest', 'running', ?, ?, ?)")
    .run(sourceId, startedAt, ownerPid, startedAt);
  return Number(info.lastInsertRowid);
}

export function getJob(db: Db, id: number): JobRow | null {
  const row = db.prepare(`${SELECT} WHERE j.id = ?`).get(id) as Record<string, unknown> | undefined;
  return row ? toRow(row) : null;
}

export function listJobRows(db: Db): JobRow[] {
  return (db.prepare(`${SELECT} ORDER BY j.id DESC`).all() as Record<string, unknown>[]).map(toRow);
}

export function runningJobRows(db: Db): JobRow[] {
  return (db.prepare(`${SELECT} WHERE j.status = 'running' ORDER BY j.id`).all() as Record<string, unknown>[]).map(toRow);
}

/** Progress counters and a heartbeat: written with every batch, so other processes see a live job and its progress. */
export function updateJobCounts(db: Db, id: number, counts: SourceCounts, heartbeatAt: string): void {
  db.prepare(
    'UPDATE jobs SET files_total = ?, files_done = ?, bytes_total = ?, bytes_done = ?, error_count = ?, heartbeat_at = ? WHERE id = ?',
  ).run(counts.filesTotal, counts.filesDone, counts.bytesTotal, counts.bytesDone, counts.errorCount, heartbeatAt, id);
}

export function finishJob(db: Db, id: number, status: JobStatus, finishedAt: string | null, message: string | null): void {
  db.prepare('UPDATE jobs SET status = ?, finished_at = ?, message = ? WHERE id = ?').run(status, finishedAt, message, id);
}

export const toIngestJob = (row: JobRow, caseDir: string): IngestJob => ({
  id: row.id,
  caseDir,
  sourceId: row.sourceId,
  sourcePath: row.sourcePath,
  status: row.status,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
  filesTotal: row.filesTotal,
  filesDone: row.filesDone,
  bytesTotal: row.bytesTotal,
  bytesDone: row.bytesDone,
  errorCount: row.errorCount,
  message: row.message,
});
