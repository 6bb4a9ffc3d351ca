import type { ArtifactKind, ArtifactStatus, FolderSummary } from '../../shared/domain/artifact';
import type { StatRecord } from '../lib/file-times';
import type { HashedFile, MemberRecord } from '../model/inventory';
import type { Db, SqlValue } from './database';
import { clearAnalysis } from './analysis-repo';
import { clearLogRequests } from './log-repo';
import { clearSearch } from './search-repo';
import { prepared } from './statements';

/** One entry found by the folder walk (or the single file of a file source), before hashing. */
export interface ScannedEntry {
  parentId: number | null;
  path: string;
  name: string;
  kind: Extract<ArtifactKind, 'file' | 'directory' | 'symlink' | 'special'>;
  /** Null when even lstat failed (the entry vanished between listing and lstat). */
  stat: StatRecord | null;
  /** `pending` for files (hashed later); directories and links are complete when listed; special files `skipped`. */
  status: ArtifactStatus;
  error: string | null;
  symlinkTarget: string | null;
  rawName: string | null;
  nameEncoding: string | null;
}

export type ScanOutcome = 'new' | 'unchanged' | 'changed' | 'retried';

export interface ScanResult {
  id: number;
  outcome: ScanOutcome;
  /** The SHA-256 recorded before, when an already-hashed file changed on disk. */
  previousSha256: string | null;
}

/**
 * Removes what was derived from an artifact's content (extraction, timeline, document ids, full-text rows). Derived
 * rows are only ever written together with the extraction row, so an artifact without one has nothing to remove:
 * a first ingest pays one indexed delete per artifact, not five.
 */
export function clearDerived(db: Db, id: number, options: { keepText?: boolean } = {}): void {
  if (prepared(db, 'DELETE FROM extractions WHERE artifact_id = ?').run(id).changes === 0) return;
  prepared(db, 'DELETE FROM timestamps WHERE artifact_id = ?').run(id);
  prepared(db, 'DELETE FROM doc_ids WHERE artifact_id = ?').run(id);
  if (!options.keepText) prepared(db, 'DELETE FROM extraction_texts WHERE artifact_id = ?').run(id);
  clearSearch(db, id);
  clearAnalysis(db, id);
}

/**
 * Records one listed entry. Re-adding a source is idempotent: an entry already complete with the same kind, size
 * and mtime (to the nanosecond) is left exactly as it is, hashes included. A changed one is reset to be hashed
 * again and loses what was derived from its old content. Pending and failed entries are re-done.
 */
export function recordScanned(db: Db, sourceId: number, e: ScannedEntry): ScanResult {
  const st = e.stat;
  const fields: SqlValue[] = [
    e.parentId,
    e.name,
    e.kind,
    st?.size ?? null,
    st?.mtime ?? null,
    st?.ctime ?? null,
    st?.atime ?? null,
    st?.birthtime ?? null,
    st?.mode ?? null,
    e.status,
    e.error,
    e.symlinkTarget,
    e.rawName,
    e.nameEncoding,
  ];
  // Insert first: on a first ingest every path is new, and the lookup below is needed only when it is not.
  const info = prepared(
    db,
    `INSERT INTO artifacts (parent_id, name, kind, size, mtime, ctime, atime, birthtime, mode, status, error, symlink_target, raw_name,
       name_encoding, source_id, path, depth) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (source_id, path) DO NOTHING`,
  ).run(...fields, sourceId, e.path);
  if (info.changes > 0) return { id: Number(info.lastInsertRowid), outcome: 'new', previousSha256: null };
  const existing = prepared(db, 'SELECT id, kind, status, size, mtime, sha256 FROM artifacts WHERE source_id = ? AND path = ?').get(
    sourceId,
    e.path,
  ) as {
    id: number;
    kind: string;
    status: string;
    size: number | null;
    mtime: string | null;
    sha256: string | null;
  };
  const id = Number(existing.id);
  const complete = existing.status === 'ok' || existing.status === 'skipped';
  if (complete && st && existing.kind === e.kind && Number(existing.size) === st.size && existing.mtime === st.mtime) {
    return { id, outcome: 'unchanged', previousSha256: null };
  }
  prepared(
    db,
    `UPDATE artifacts SET parent_id = ?, name = ?, kind = ?, size = ?, mtime = ?, ctime = ?, atime = ?, birthtime = ?, mode = ?,
       status = ?, error = ?, symlink_target = ?, raw_name = ?, name_encoding = ?, sha256 = NULL, sha1 = NULL, md5 = NULL,
       mime = NULL, mismatch = 0 WHERE id = ?`,
  ).run(...fields, id);
  clearDerived(db, id);
  // Requests stored by a run that was killed before the log's extraction was saved have no extraction row to go with.
  clearLogRequests(db, id);
  return complete ? { id, outcome: 'changed', previousSha256: existing.sha256 } : { id, outcome: 'retried', previousSha256: null };
}

/** Top-level entries of a source recorded earlier and not seen by this walk: kept, with the fact noted. */
export function markMissing(db: Db, sourceId: number, seen: ReadonlySet<number>, note: string): number {
  const rows = db.prepare('SELECT id FROM artifacts WHERE source_id = ? AND depth = 0').all(sourceId) as { id: number }[];
  let missing = 0;
  for (const { id } of rows) {
    if (seen.has(Number(id))) continue;
    markFailed(db, Number(id), note);
    missing++;
  }
  return missing;
}

/** Ids of the top-level entries below a folder, e.g. to keep them when the folder cannot be listed this time. */
export function idsUnder(db: Db, sourceId: number, folderPath: string): number[] {
  const rows = prepared(db, 'SELECT id FROM artifacts WHERE source_id = ? AND depth = 0 AND instr(path, ?) = 1').all(
    sourceId,
    `${folderPath}/`,
  ) as { id: number }[];
  return rows.map((r) => Number(r.id));
}

/** Marks an artifact failed (a folder that could not be listed), keeping what is known about it. */
export function markFailed(db: Db, id: number, message: string): void {
  prepared(db, "UPDATE artifacts SET status = 'error', error = ? WHERE id = ?").run(message, id);
}

export interface PathLink {
  parentId: number | null;
  name: string;
  rawName: string | null;
}

export interface PendingFile extends PathLink {
  id: number;
  path: string;
  size: number;
}

export function pendingFiles(db: Db, sourceId: number, afterId: number, limit: number): PendingFile[] {
  const rows = prepared(
    db,
    "SELECT id, path, name, size, parent_id AS parentId, raw_name AS rawName FROM artifacts WHERE source_id = ? AND status = 'pending' AND depth = 0 AND id > ? ORDER BY id LIMIT ?",
  ).all(sourceId, afterId, limit) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: Number(r.id),
    path: String(r.path),
    name: String(r.name),
    size: Number(r.size ?? 0),
    parentId: r.parentId == null ? null : Number(r.parentId),
    rawName: r.rawName == null ? null : String(r.rawName),
  }));
}

export function pathLink(db: Db, id: number): PathLink | null {
  const r = prepared(db, 'SELECT parent_id AS parentId, name, raw_name AS rawName FROM artifacts WHERE id = ?').get(id) as
    Record<string, unknown> | undefined;
  return r
    ? {
        parentId: r.parentId == null ? null : Number(r.parentId),
        name: String(r.name),
        rawName: r.rawName == null ? null : String(r.rawName),
      }
    : null;
}

/** Saves a hashing outcome; stats are replaced only by those taken from the open file. */
export function saveHashed(db: Db, id: number, h: HashedFile): void {
  const { stat: s, content: c } = h;
  const content: SqlValue[] = [
    c?.sha256 ?? null,
    c?.sha1 ?? null,
    c?.md5 ?? null,
    c?.mime ?? null,
    c?.mismatch ? 1 : 0,
    h.status,
    h.error,
    id,
  ];
  if (!s) {
    prepared(db, 'UPDATE artifacts SET sha256 = ?, sha1 = ?, md5 = ?, mime = ?, mismatch = ?, status = ?, error = ? WHERE id = ?').run(
      ...content,
    );
    return;
  }
  prepared(
    db,
    `UPDATE artifacts SET size = ?, mtime = ?, ctime = ?, atime = ?, birthtime = ?, mode = ?,
       sha256 = ?, sha1 = ?, md5 = ?, mime = ?, mismatch = ?, status = ?, error = ? WHERE id = ?`,
  ).run(s.size, s.mtime, s.ctime, s.atime, s.birthtime, s.mode, ...content);
}

/**
 * Writes a hashed archive and its members in slices, so that an archive of 100,000 members never holds the
 * database (and the host's event loop) for seconds. The archive itself is marked hashed only by `finish`, in the
 * last slice: a crash before that leaves it pending, and the next pass updates the members already written (matched
 * by path, keeping their ids) and removes those no longer in it. A member whose path is already taken by a real
 * file of the source gets ` [archive member]` appended.
 */
export class ArchiveWriter {
  private readonly existing: Map<string, { id: number; sha256: string | null; depth: number }>;
  private readonly ids: Map<string, number>;
  /** Parents first: a nested archive's record arrives after its own members. */
  readonly members: readonly MemberRecord[];

  constructor(
    private readonly db: Db,
    private readonly sourceId: number,
    private readonly archive: { id: number; path: string },
    members: readonly MemberRecord[],
  ) {
    this.existing = new Map(
      (
        db
          .prepare('SELECT id, path, sha256, depth FROM artifacts WHERE source_id = ? AND depth > 0 AND instr(path, ?) = 1')
          .all(sourceId, `${archive.path}!/`) as { id: number; path: string; sha256: string | null; depth: number }[]
      ).map((r) => [r.path, { id: Number(r.id), sha256: r.sha256, depth: Number(r.depth) }]),
    );
    this.ids = new Map([[archive.path, archive.id]]);
    this.members = [...members].sort((x, y) => x.depth - y.depth);
  }

  /** Writes members `from` to `to` (exclusive) of `members`. Call inside a transaction. */
  write(from: number, to: number): void {
    const { db, sourceId, existing, ids } = this;
    const insert = prepared(
      db,
      `INSERT INTO artifacts (source_id, parent_id, path, name, kind, size, mtime, ctime, atime, birthtime, mode, sha256, sha1, md5, mime,
         mismatch, status, error, raw_name, name_encoding, depth) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id, path) DO NOTHING`,
    );
    const update = prepared(
      db,
      `UPDATE artifacts SET parent_id = ?, name = ?, kind = ?, size = ?, mtime = ?, atime = ?, birthtime = ?, mode = ?, sha256 = ?, sha1 = ?,
         md5 = ?, mime = ?, mismatch = ?, status = ?, error = ?, raw_name = ?, name_encoding = ?, depth = ? WHERE id = ?`,
    );
    for (const m of this.members.slice(from, to)) {
      const parentId = ids.get(m.parentPath) ?? this.archive.id;
      const fields: SqlValue[] = [
        m.name,
        m.kind,
        m.size,
        m.mtime,
        m.atime,
        m.birthtime,
        m.mode,
        m.sha256,
        m.sha1,
        m.md5,
        m.mime,
        m.mismatch ? 1 : 0,
        m.status,
        m.error,
        m.rawName,
        m.nameEncoding,
        m.depth,
      ];
      const old = existing.get(m.path);
      if (old) {
        existing.delete(m.path);
        update.run(parentId, ...fields, old.id);
        if (old.sha256 !== m.sha256) clearDerived(db, old.id);
        ids.set(m.path, old.id);
        continue;
      }
      let info = insert.run(sourceId, parentId, m.path, ...fields);
      for (let n = 1; info.changes === 0; n++)
        info = insert.run(sourceId, parentId, `${m.path} [archive member${n > 1 ? ` ${n}` : ''}]`, ...fields);
      ids.set(m.path, Number(info.lastInsertRowid));
    }
  }

  /** Removes members no longer in the archive and marks the archive hashed. Call inside a transaction. */
  finish(h: HashedFile): void {
    const gone = [...this.existing.values()].sort((x, y) => y.depth - x.depth);
    for (const g of gone) {
      clearDerived(this.db, g.id);
      prepared(this.db, 'DELETE FROM artifacts WHERE id = ?').run(g.id);
    }
    saveHashed(this.db, this.archive.id, h);
  }
}

export interface ExtractionCandidate extends PathLink {
  id: number;
  path: string;
  kind: 'file' | 'member';
  size: number;
  mime: string | null;
  sha256: string;
  /** As recorded at hashing (ISO, nanoseconds): checked again around the extraction of files too large to re-hash. */
  mtime: string | null;
}

/** Readable files and members of a source that have no extraction yet. */
export function extractionCandidates(db: Db, sourceId: number, afterId: number, limit: number): ExtractionCandidate[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.path, a.name, a.kind, a.size, a.mime, a.sha256, a.mtime, a.parent_id AS parentId, a.raw_name AS rawName FROM artifacts a
       WHERE a.source_id = ? AND a.id > ? AND a.status = 'ok' AND a.kind IN ('file', 'member') AND a.sha256 IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM extractions e WHERE e.artifact_id = a.id)
       ORDER BY a.id LIMIT ?`,
    )
    .all(sourceId, afterId, limit) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: Number(r.id),
    path: String(r.path),
    name: String(r.name),
    kind: r.kind as 'file' | 'member',
    size: Number(r.size ?? 0),
    mime: r.mime == null ? null : String(r.mime),
    sha256: String(r.sha256),
    mtime: r.mtime == null ? null : String(r.mtime),
    parentId: r.parentId == null ? null : Number(r.parentId),
    rawName: r.rawName == null ? null : String(r.rawName),
  }));
}

export function depthOf(db: Db, id: number): { depth: number; parentId: number | null; path: string } | null {
  const r = prepared(db, 'SELECT depth, parent_id AS parentId, path FROM artifacts WHERE id = ?').get(id) as
    Record<string, unknown> | undefined;
  return r ? { depth: Number(r.depth), parentId: r.parentId == null ? null : Number(r.parentId), path: String(r.path) } : null;
}

/** Notes a problem on an artifact whose content was read fine (a failed extraction), keeping its status. */
export function noteProblem(db: Db, id: number, message: string): void {
  prepared(db, 'UPDATE artifacts SET error = ? WHERE id = ?').run(message, id);
}

/** What the extraction phase of a source has left to do. */
export function extractionTotals(db: Db, sourceId: number): { files: number; bytes: number } {
  const r = db
    .prepare(
      `SELECT COUNT(*) AS files, COALESCE(SUM(a.size), 0) AS bytes FROM artifacts a
       WHERE a.source_id = ? AND a.status = 'ok' AND a.kind IN ('file', 'member') AND a.sha256 IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM extractions e WHERE e.artifact_id = a.id)`,
    )
    .get(sourceId) as { files: number; bytes: number };
  return { files: Number(r.files), bytes: Number(r.bytes) };
}

export interface SourceCounts {
  filesTotal: number;
  filesDone: number;
  bytesTotal: number;
  bytesDone: number;
  errorCount: number;
}

/** Inventory progress of a source: everything but folders counts as a file. */
export function sourceCounts(db: Db, sourceId: number): SourceCounts {
  const r = db
    .prepare(
      `SELECT COUNT(*) AS filesTotal, COALESCE(SUM(status <> 'pending'), 0) AS filesDone,
         COALESCE(SUM(CASE WHEN kind IN ('file', 'member') THEN size END), 0) AS bytesTotal,
         COALESCE(SUM(CASE WHEN kind IN ('file', 'member') AND status <> 'pending' THEN size END), 0) AS bytesDone,
         COALESCE(SUM(error IS NOT NULL AND status <> 'skipped'), 0) AS errorCount
       FROM artifacts WHERE source_id = ? AND kind <> 'directory'`,
    )
    .get(sourceId) as Record<string, unknown>;
  return {
    filesTotal: Number(r.filesTotal),
    filesDone: Number(r.filesDone),
    bytesTotal: Number(r.bytesTotal),
    bytesDone: Number(r.bytesDone),
    errorCount: Number(r.errorCount),
  };
}

export function childCount(db: Db, id: number): number {
  return Number((db.prepare('SELECT COUNT(*) AS n FROM artifacts WHERE parent_id = ?').get(id) as { n: number }).n);
}

/**
 * The direct sub-folders of `parent` (a prefix ending in `/`, or `''` for the source root), grouped in one pass over
 * the paths below it. A folder is a recorded directory or any first path segment with artifacts below it, which is
 * how archives (`pack.zip!/…`) and zip entries without directory records appear. Unsorted.
 */
export function childFolders(db: Db, sourceId: number, parent: string): FolderSummary[] {
  // Every prefix ends with '/', and '0' is the next code point: the half-open range [parent, parent-with-'0') holds
  // exactly the paths below it, and reads them through the (source_id, path) index.
  const range = parent ? 'AND path >= ? AND path < ?' : '';
  const bounds: SqlValue[] = parent ? [parent, `${parent.slice(0, -1)}0`] : [];
  // Members of an archive sit one level deeper than the archive itself: a folder whose every artifact is deeper than
  // its parent's level is an archive's member tree, whatever its name.
  const level = parent.split('!/').length - 1;
  const rows = db
    .prepare(
      `WITH below AS (
         SELECT substr(path, length(?) + 1) AS rest, kind, status, error, depth FROM artifacts WHERE source_id = ? ${range}
       ), split AS (
         SELECT rest, kind, status, error, depth, instr(rest, '/') AS slash FROM below
       ), grouped AS (
         SELECT CASE WHEN slash > 0 THEN substr(rest, 1, slash - 1) ELSE rest END AS segment,
           CASE WHEN slash > 0 THEN substr(rest, slash + 1) END AS inner, kind, status, error, depth FROM split
       )
       SELECT segment,
         COALESCE(SUM(inner IS NOT NULL AND kind <> 'directory'), 0) AS artifactCount,
         COALESCE(SUM(error IS NOT NULL AND status <> 'skipped'), 0) AS errorCount,
         MAX(inner IS NOT NULL AND (kind = 'directory' OR instr(inner, '/') > 0)) AS hasSubfolders,
         MIN(CASE WHEN inner IS NOT NULL THEN depth END) AS innerDepth
       FROM grouped GROUP BY segment
       HAVING MAX(inner IS NOT NULL) = 1 OR MAX(inner IS NULL AND kind = 'directory') = 1`,
    )
    .all(parent, sourceId, ...bounds) as {
    segment: string;
    artifactCount: number;
    errorCount: number;
    hasSubfolders: number;
    innerDepth: number | null;
  }[];
  return rows.map((r) => {
    const isArchive = r.innerDepth !== null && Number(r.innerDepth) > level;
    const segment = String(r.segment);
    return {
      path: `${parent}${segment}/`,
      name: isArchive && segment.endsWith('!') ? segment.slice(0, -1) : segment,
      isArchive,
      artifactCount: Number(r.artifactCount),
      errorCount: Number(r.errorCount),
      hasSubfolders: Number(r.hasSubfolders) === 1,
    };
  });
}
