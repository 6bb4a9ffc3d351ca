import type { ArtifactKind, ArtifactStatus } from '../../shared/domain/artifact';
import type { ManifestAnalysis, ManifestSource, ManifestSuggestion, ManifestTag, ManifestTranslation } from '../../shared/domain/bundle';
import type { LanguageLabel, TranslationFingerprint, WatchlistHit } from '../../shared/domain/analysis';
import type { Db, SqlValue } from './database';
import { prepared } from './statements';

/*
 * What a case bundle reads from a case and what importing one writes back. Reads run on a read-only snapshot
 * connection, so one export sees one consistent state however long it takes; writes keep every id, so review rows
 * that point at each other (annotations at tags, suggestions at tags, labels) still do after an import.
 */

export interface ArtifactRow {
  id: number;
  sourceId: number;
  parentId: number | null;
  path: string;
  name: string;
  kind: ArtifactKind;
  size: number | null;
  mtime: string | null;
  ctime: string | null;
  atime: string | null;
  birthtime: string | null;
  mode: number | null;
  sha256: string | null;
  sha1: string | null;
  md5: string | null;
  mime: string | null;
  mismatch: boolean;
  status: ArtifactStatus;
  error: string | null;
  symlinkTarget: string | null;
  rawName: string | null;
  nameEncoding: string | null;
  depth: number;
}

const str = (v: unknown): string | null => (v == null ? null : String(v));
const num = (v: unknown): number | null => (v == null ? null : Number(v));

const toArtifact = (r: Record<string, unknown>): ArtifactRow => ({
  id: Number(r.id),
  sourceId: Number(r.source_id),
  parentId: num(r.parent_id),
  path: String(r.path),
  name: String(r.name),
  kind: r.kind as ArtifactKind,
  size: num(r.size),
  mtime: str(r.mtime),
  ctime: str(r.ctime),
  atime: str(r.atime),
  birthtime: str(r.birthtime),
  mode: num(r.mode),
  sha256: str(r.sha256),
  sha1: str(r.sha1),
  md5: str(r.md5),
  mime: str(r.mime),
  mismatch: Number(r.mismatch) === 1,
  status: r.status as ArtifactStatus,
  error: str(r.error),
  symlinkTarget: str(r.symlink_target),
  rawName: str(r.raw_name),
  nameEncoding: str(r.name_encoding),
  depth: Number(r.depth),
});

/** Artifacts by id, in the order given (ids that do not exist are skipped). */
export function artifactRows(db: Db, ids: readonly number[]): ArtifactRow[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare('SELECT a.* FROM artifacts a JOIN json_each(?) j ON j.value = a.id ORDER BY j.key')
    .all(JSON.stringify(ids)) as Record<string, unknown>[];
  return rows.map(toArtifact);
}

export const allArtifactIds = (db: Db): number[] =>
  (db.prepare('SELECT id FROM artifacts ORDER BY id').all() as { id: number }[]).map((r) => Number(r.id));

/** The top-level artifact (the archive on disk) holding a member, found by the part of its path before the first `!/`. */
export function archiveIdOf(db: Db, sourceId: number, archivePath: string): number | null {
  const row = prepared(db, 'SELECT id FROM artifacts WHERE source_id = ? AND path = ? AND depth = 0').get(sourceId, archivePath) as
    { id: number } | undefined;
  return row ? Number(row.id) : null;
}

export function sourceRows(db: Db): ManifestSource[] {
  return (db.prepare('SELECT id, path, kind, added_at FROM sources ORDER BY id').all() as Record<string, unknown>[]).map((r) => ({
    id: Number(r.id),
    path: String(r.path),
    kind: r.kind as ManifestSource['kind'],
    addedAt: String(r.added_at),
  }));
}

/** Start of a source's first ingest job and end of its last finished one: the ingest as an investigative action. */
export function ingestSpans(db: Db): Map<number, { startedAt: string; finishedAt: string | null }> {
  const rows = db
    .prepare('SELECT source_id AS sourceId, MIN(started_at) AS startedAt, MAX(finished_at) AS finishedAt FROM jobs GROUP BY source_id')
    .all() as Record<string, unknown>[];
  return new Map(rows.map((r) => [Number(r.sourceId), { startedAt: String(r.startedAt), finishedAt: str(r.finishedAt) }]));
}

export function extractionRow(db: Db, artifactId: number): { versions: string; data: string } | null {
  const row = prepared(db, 'SELECT versions, data FROM extractions WHERE artifact_id = ?').get(artifactId) as
    { versions: string; data: string } | undefined;
  return row ? { versions: String(row.versions), data: String(row.data) } : null;
}

/** The analysis columns of an artifact (its full stored result is read apart, by analysisResult, when needed). */
export function analysisRow(db: Db, artifactId: number): ManifestAnalysis | null {
  const r = prepared(
    db,
    'SELECT version, language, languages, variant, nk_score, nk_verdict, bilingual, stage, fingerprint FROM analyses WHERE artifact_id = ?',
  ).get(artifactId) as Record<string, unknown> | undefined;
  if (!r) return null;
  return {
    version: String(r.version),
    language: str(r.language) as LanguageLabel | null,
    languages: String(r.languages ?? '')
      .split(',')
      .filter(Boolean) as LanguageLabel[],
    variant: str(r.variant),
    nkScore: Number(r.nk_score),
    nkVerdict: str(r.nk_verdict),
    bilingual: Number(r.bilingual) === 1,
    stage: str(r.stage),
    fingerprint: r.fingerprint == null ? null : (JSON.parse(String(r.fingerprint)) as TranslationFingerprint),
  };
}

/** The stored analysis result as its JSON text (copied into a bundle as it is). */
export function analysisResult(db: Db, artifactId: number): string | null {
  const r = prepared(db, 'SELECT data FROM analyses WHERE artifact_id = ?').get(artifactId) as { data: string } | undefined;
  return r ? String(r.data) : null;
}

/** The analysis columns the filters use, without parsing the stored result. */
export function analysisColumns(
  db: Db,
  artifactId: number,
): { language: string | null; variant: string | null; nkScore: number; stage: string | null } | null {
  const r = prepared(db, 'SELECT language, variant, nk_score, stage FROM analyses WHERE artifact_id = ?').get(artifactId) as
    Record<string, unknown> | undefined;
  return r ? { language: str(r.language), variant: str(r.variant), nkScore: Number(r.nk_score), stage: str(r.stage) } : null;
}

const hitsOf = (json: unknown): WatchlistHit[] | null => (typeof json === 'string' ? (JSON.parse(json) as WatchlistHit[]) : null);

/** Every suggestion of an artifact for a production still on the watchlist, decided or not, in id order. */
export function suggestionRows(db: Db, artifactId: number): ManifestSuggestion[] {
  const rows = prepared(
    db,
    `SELECT g.* FROM suggestions g JOIN productions p ON p.id = g.production_id AND p.removed_at IS NULL
     WHERE g.artifact_id = ? ORDER BY g.id`,
  ).all(artifactId) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: Number(r.id),
    productionId: String(r.production_id),
    score: Number(r.score),
    hits: hitsOf(r.hits) ?? [],
    status: r.status as ManifestSuggestion['status'],
    decidedBy: str(r.decided_by),
    decidedAt: str(r.decided_at),
    tagId: num(r.tag_id),
    stale: Number(r.stale) === 1,
  }));
}

export function tagRows(db: Db, artifactId: number): ManifestTag[] {
  const rows = prepared(
    db,
    `SELECT t.*, COALESCE(p.title, t.production_id) AS title FROM tags t LEFT JOIN productions p ON p.id = t.production_id
     WHERE t.artifact_id = ? AND t.removed_at IS NULL ORDER BY t.id`,
  ).all(artifactId) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: Number(r.id),
    productionId: String(r.production_id),
    productionTitle: String(r.title),
    status: r.status as ManifestTag['status'],
    confidence: r.confidence as ManifestTag['confidence'],
    rationale: String(r.rationale),
    evidence: hitsOf(r.evidence),
    suggestionId: num(r.suggestion_id),
    examiner: String(r.examiner),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  }));
}

export function appliedLabels(db: Db, artifactId: number): { labelId: number; examiner: string; at: string }[] {
  return (
    prepared(
      db,
      `SELECT a.label_id, a.examiner, a.created_at FROM artifact_labels a JOIN labels l ON l.id = a.label_id AND l.removed_at IS NULL
       WHERE a.artifact_id = ? AND a.removed_at IS NULL ORDER BY a.label_id`,
    ).all(artifactId) as Record<string, unknown>[]
  ).map((r) => ({ labelId: Number(r.label_id), examiner: String(r.examiner), at: String(r.created_at) }));
}

export function starOf(db: Db, artifactId: number): { examiner: string; at: string } | null {
  const r = prepared(db, 'SELECT examiner, created_at FROM stars WHERE artifact_id = ? AND removed_at IS NULL').get(artifactId) as
    Record<string, unknown> | undefined;
  return r ? { examiner: String(r.examiner), at: String(r.created_at) } : null;
}

export function liveLabels(db: Db): { id: number; name: string; color: string }[] {
  return (db.prepare('SELECT id, name, color FROM labels WHERE removed_at IS NULL ORDER BY id').all() as Record<string, unknown>[]).map(
    (r) => ({ id: Number(r.id), name: String(r.name), color: String(r.color) }),
  );
}

/** Links where this artifact is the Chinese side, to Korean artifacts among `inBundle`. */
export function translationRows(db: Db, artifactId: number, inBundle: ReadonlySet<number>): ManifestTranslation[] {
  const rows = prepared(db, 'SELECT a_id, b_id, score, evidence FROM translation_links WHERE a_id = ? ORDER BY b_id').all(
    artifactId,
  ) as Record<string, unknown>[];
  return rows
    .filter((r) => inBundle.has(Number(r.b_id)))
    .map((r) => ({
      zhId: Number(r.a_id),
      koId: Number(r.b_id),
      score: Number(r.score),
      evidence: JSON.parse(String(r.evidence)) as Record<string, unknown>,
    }));
}

export const LOG_REQUEST_COLUMNS = [
  'line',
  'at',
  'ip',
  'method',
  'path',
  'status',
  'bytes',
  'referer',
  'user_agent',
  'country',
  'region',
  'city',
  'asn',
  'network',
] as const;
export type LogRequestRow = Record<(typeof LOG_REQUEST_COLUMNS)[number], SqlValue>;

/** Artifacts with parsed access-log requests, and how many each. */
export function logRequestCounts(db: Db): Map<number, number> {
  const rows = db.prepare('SELECT artifact_id AS id, COUNT(*) AS n FROM log_requests GROUP BY artifact_id').all() as {
    id: number;
    n: number;
  }[];
  return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
}

/**
 * An artifact's parsed requests, one JSON object per line with LOG_REQUEST_COLUMNS as keys, in line order. Built by
 * SQLite's json_object: the columns are integers and text, which it writes exactly as JSON.stringify would.
 */
export function* logRequestLines(db: Db, artifactId: number): Generator<string> {
  const fields = LOG_REQUEST_COLUMNS.map((c) => `'${c}', ${c}`).join(', ');
  const query = prepared(db, `SELECT json_object(${fields}) || char(10) AS json FROM log_requests WHERE artifact_id = ? ORDER BY line, id`);
  for (const r of query.iterate(artifactId) as Iterable<{ json: string }>) yield r.json;
}

/** Requests per UTC day and country over the given artifacts: the server-log activity of the report's timeline. */
export function logActivity(db: Db, artifactIds: readonly number[]): { day: string; country: string; requests: number; ips: number }[] {
  return (
    db
      .prepare(
        `SELECT substr(at, 1, 10) AS day, COALESCE(country, '??') AS country, COUNT(*) AS requests, COUNT(DISTINCT ip) AS ips
         FROM log_requests WHERE at IS NOT NULL AND artifact_id IN (SELECT value FROM json_each(?))
         GROUP BY day, country ORDER BY day, requests DESC`,
      )
      .all(JSON.stringify(artifactIds)) as Record<string, unknown>[]
  ).map((r) => ({ day: String(r.day), country: String(r.country), requests: Number(r.requests), ips: Number(r.ips) }));
}

// ---- import ----

export function insertSourceRow(db: Db, s: ManifestSource): void {
  prepared(db, "INSERT INTO sources (id, path, kind, added_at, status) VALUES (?, ?, ?, ?, 'ready')").run(s.id, s.path, s.kind, s.addedAt);
}

export function insertArtifactRow(db: Db, a: ArtifactRow): void {
  prepared(
    db,
    `INSERT INTO artifacts (id, source_id, parent_id, path, name, kind, size, mtime, ctime, atime, birthtime, mode, sha256, sha1, md5, mime,
       mismatch, status, error, symlink_target, raw_name, name_encoding, depth) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    a.id,
    a.sourceId,
    a.parentId,
    a.path,
    a.name,
    a.kind,
    a.size,
    a.mtime,
    a.ctime,
    a.atime,
    a.birthtime,
    a.mode,
    a.sha256,
    a.sha1,
    a.md5,
    a.mime,
    a.mismatch ? 1 : 0,
    a.status,
    a.error,
    a.symlinkTarget,
    a.rawName,
    a.nameEncoding,
    a.depth,
  );
}

export function insertAnalysisRow(db: Db, artifactId: number, a: ManifestAnalysis, result: string): void {
  prepared(
    db,
    `INSERT INTO analyses (artifact_id, version, language, languages, variant, nk_score, nk_verdict, bilingual, stage, fingerprint, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    artifactId,
    a.version,
    a.language,
    a.languages.length ? `,${a.languages.join(',')},` : '',
    a.variant,
    a.nkScore,
    a.nkVerdict,
    a.bilingual ? 1 : 0,
    a.stage,
    a.fingerprint ? JSON.stringify(a.fingerprint) : null,
    result,
  );
}

export function insertSuggestionRow(db: Db, artifactId: number, s: ManifestSuggestion): void {
  prepared(
    db,
    `INSERT INTO suggestions (id, artifact_id, production_id, score, hits, status, decided_by, decided_at, tag_id, stale)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.id, artifactId, s.productionId, s.score, JSON.stringify(s.hits), s.status, s.decidedBy, s.decidedAt, s.tagId, s.stale ? 1 : 0);
}

export function insertTagRow(db: Db, artifactId: number, t: ManifestTag): void {
  prepared(
    db,
    `INSERT INTO tags (id, artifact_id, production_id, status, confidence, rationale, evidence, suggestion_id, examiner, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    t.id,
    artifactId,
    t.productionId,
    t.status,
    t.confidence,
    t.rationale,
    t.evidence ? JSON.stringify(t.evidence) : null,
    t.suggestionId,
    t.examiner,
    t.createdAt,
    t.updatedAt,
  );
}

export function insertLabelRow(db: Db, l: { id: number; name: string; color: string }, createdAt: string): void {
  prepared(db, 'INSERT INTO labels (id, name, color, created_at) VALUES (?, ?, ?, ?)').run(l.id, l.name, l.color, createdAt);
}

export function insertAppliedLabel(db: Db, artifactId: number, l: { labelId: number; examiner: string; at: string }): void {
  prepared(db, 'INSERT INTO artifact_labels (artifact_id, label_id, examiner, created_at) VALUES (?, ?, ?, ?)').run(
    artifactId,
    l.labelId,
    l.examiner,
    l.at,
  );
}

export function insertStar(db: Db, artifactId: number, s: { examiner: string; at: string }): void {
  prepared(db, 'INSERT INTO stars (artifact_id, examiner, created_at) VALUES (?, ?, ?)').run(artifactId, s.examiner, s.at);
}

export function insertNoteRow(
  db: Db,
  n: { id: number; artifactId: number | null; body: string; examiner: string; createdAt: string; updatedAt: string },
): void {
  prepared(db, 'INSERT INTO notes (id, artifact_id, body, examiner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    n.id,
    n.artifactId,
    n.body,
    n.examiner,
    n.createdAt,
    n.updatedAt,
  );
}

export function insertAnnotationRow(
  db: Db,
  a: {
    id: number;
    artifactId: number;
    page: number | null;
    x: number;
    y: number;
    width: number;
    height: number;
    note: string;
    tagId: number | null;
    examiner: string;
    createdAt: string;
    updatedAt: string;
  },
): void {
  prepared(
    db,
    `INSERT INTO annotations (id, artifact_id, page, x, y, width, height, note, tag_id, examiner, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.id, a.artifactId, a.page, a.x, a.y, a.width, a.height, a.note, a.tagId, a.examiner, a.createdAt, a.updatedAt);
}

export function insertSavedSearchRow(
  db: Db,
  s: { id: number; name: string; query: Record<string, unknown>; examiner: string; createdAt: string },
): void {
  prepared(db, 'INSERT INTO saved_searches (id, name, query, examiner, created_at) VALUES (?, ?, ?, ?, ?)').run(
    s.id,
    s.name,
    JSON.stringify(s.query),
    s.examiner,
    s.createdAt,
  );
}

export function insertTranslationRow(db: Db, t: ManifestTranslation): void {
  prepared(db, 'INSERT INTO translation_links (a_id, b_id, score, evidence) VALUES (?, ?, ?, ?)').run(
    t.zhId,
    t.koId,
    t.score,
    JSON.stringify(t.evidence),
  );
}

export function insertLogRequest(db: Db, artifactId: number, r: LogRequestRow): void {
  prepared(
    db,
    `INSERT INTO log_requests (artifact_id, ${LOG_REQUEST_COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(LOG_REQUEST_COLUMNS.length)})`,
  ).run(artifactId, ...LOG_REQUEST_COLUMNS.map((c) => r[c] ?? null));
}

/** An audit event copied verbatim (its own hashes kept), so the imported trail verifies as the exported one did. */
export function insertAuditRow(
  db: Db,
  e: { seq: number; at: string; actor: string; action: string; details: string; prevHash: string; hash: string; version: number },
): void {
  prepared(db, 'INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    e.seq,
    e.at,
    e.actor,
    e.action,
    e.details,
    e.prevHash,
    e.hash,
    e.version,
  );
}

export function setCaseInfoValue(db: Db, key: string, value: string): void {
  prepared(db, 'INSERT INTO case_info (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function caseInfoValue(db: Db, key: string): string | null {
  const row = prepared(db, 'SELECT value FROM case_info WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? String(row.value) : null;
}
