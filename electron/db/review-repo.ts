import type { WatchlistHit } from '../../shared/domain/analysis';
import type { Annotation, Label, Note, SavedSearch, Suggestion, Tag, TranslationLink } from '../../shared/domain/review';
import type { Db, SqlValue } from './database';
import { prepared } from './statements';

/*
 * Review rows: tags, labels and their application, stars, notes, annotations, saved searches and the decisions on
 * suggestions. Rows are never deleted; `removed_at` retires them. Every change goes through `snapshot` and
 * `restore`, so one change log serves the audit trail, undo and redo.
 */

export const REVIEW_TABLES = [
  'tags',
  'labels',
  'artifact_labels',
  'stars',
  'notes',
  'annotations',
  'saved_searches',
  'suggestions',
  'productions',
] as const;
export type ReviewTable = (typeof REVIEW_TABLES)[number];

export type Row = Record<string, SqlValue>;

/** One row before and after a change; `before` null when the change created the row. */
export interface Change {
  table: ReviewTable;
  key: string | number;
  before: Row | null;
  after: Row | null;
}

export function snapshot(db: Db, table: ReviewTable, key: string | number): Row | null {
  const row = prepared(db, `SELECT * FROM ${table} WHERE id = ?`).get(key) as Row | undefined;
  return row ? { ...row } : null;
}

/**
 * Puts a row back as a snapshot describes it; a null snapshot (the row did not exist) retires it instead, since
 * review rows are never deleted.
 */
export function restore(db: Db, table: ReviewTable, key: string | number, to: Row | null, now: string): void {
  if (to === null) {
    prepared(db, `UPDATE ${table} SET removed_at = ? WHERE id = ?`).run(now, key);
    return;
  }
  const columns = Object.keys(to).filter((c) => c !== 'id');
  prepared(db, `UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
    ...columns.map((c) => to[c] ?? null),
    key,
  );
}

// ---- reads ----

const parseHits = (json: unknown): WatchlistHit[] | null => (typeof json === 'string' ? (JSON.parse(json) as WatchlistHit[]) : null);

export function tagsOf(db: Db, artifactId: number): Tag[] {
  const rows = prepared(
    db,
    `SELECT t.*, COALESCE(p.title, t.production_id) AS title FROM tags t LEFT JOIN productions p ON p.id = t.production_id
     WHERE t.artifact_id = ? AND t.removed_at IS NULL ORDER BY t.id`,
  ).all(artifactId) as Row[];
  return rows.map(toTag);
}

export function tagById(db: Db, id: number): Tag | null {
  const row = prepared(
    db,
    'SELECT t.*, COALESCE(p.title, t.production_id) AS title FROM tags t LEFT JOIN productions p ON p.id = t.production_id WHERE t.id = ?',
  ).get(id) as Row | undefined;
  return row ? toTag(row) : null;
}

const toTag = (r: Row): Tag => ({
  id: Number(r.id),
  artifactId: Number(r.artifact_id),
  productionId: String(r.production_id),
  productionTitle: String(r.title),
  status: r.status as Tag['status'],
  confidence: r.confidence as Tag['confidence'],
  rationale: String(r.rationale),
  evidence: parseHits(r.evidence),
  suggestionId: r.suggestion_id == null ? null : Number(r.suggestion_id),
  examiner: String(r.examiner),
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
});

/** The live tag of an artifact for a production, if any. */
export function liveTagId(db: Db, artifactId: number, productionId: string): number | null {
  const row = prepared(db, 'SELECT id FROM tags WHERE artifact_id = ? AND production_id = ? AND removed_at IS NULL').get(
    artifactId,
    productionId,
  ) as { id: number } | undefined;
  return row ? Number(row.id) : null;
}

export function insertTag(db: Db, t: Omit<Tag, 'id' | 'productionTitle' | 'updatedAt'>): number {
  return Number(
    prepared(
      db,
      `INSERT INTO tags (artifact_id, production_id, status, confidence, rationale, evidence, suggestion_id, examiner, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      t.artifactId,
      t.productionId,
      t.status,
      t.confidence,
      t.rationale,
      t.evidence ? JSON.stringify(t.evidence) : null,
      t.suggestionId,
      t.examiner,
      t.createdAt,
      t.createdAt,
    ).lastInsertRowid,
  );
}

export function labels(db: Db): Label[] {
  return (
    db
      .prepare(
        `SELECT l.id, l.name, l.color, (SELECT COUNT(*) FROM artifact_labels a WHERE a.label_id = l.id AND a.removed_at IS NULL) AS count
         FROM labels l WHERE l.removed_at IS NULL ORDER BY l.name`,
      )
      .all() as Row[]
  ).map((r) => ({ id: Number(r.id), name: String(r.name), color: String(r.color), count: Number(r.count) }));
}

export function labelsOf(db: Db, artifactId: number): Omit<Label, 'count'>[] {
  return (
    prepared(
      db,
      `SELECT l.id, l.name, l.color FROM artifact_labels a JOIN labels l ON l.id = a.label_id
       WHERE a.artifact_id = ? AND a.removed_at IS NULL AND l.removed_at IS NULL ORDER BY l.name`,
    ).all(artifactId) as Row[]
  ).map((r) => ({ id: Number(r.id), name: String(r.name), color: String(r.color) }));
}

export const liveRowId = (db: Db, table: 'artifact_labels' | 'stars', where: string, ...params: SqlValue[]): number | null => {
  const row = prepared(db, `SELECT id FROM ${table} WHERE ${where} AND removed_at IS NULL`).get(...params) as { id: number } | undefined;
  return row ? Number(row.id) : null;
};

const toNote = (r: Row): Note => ({
  id: Number(r.id),
  artifactId: r.artifact_id == null ? null : Number(r.artifact_id),
  body: String(r.body),
  examiner: String(r.examiner),
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
});

export function notesOf(db: Db, artifactId: number | null): Note[] {
  const rows = (
    artifactId === null
      ? prepared(db, 'SELECT * FROM notes WHERE artifact_id IS NULL AND removed_at IS NULL ORDER BY id').all()
      : prepared(db, 'SELECT * FROM notes WHERE artifact_id = ? AND removed_at IS NULL ORDER BY id').all(artifactId)
  ) as Row[];
  return rows.map(toNote);
}

export function noteById(db: Db, id: number): Note | null {
  const row = prepared(db, 'SELECT * FROM notes WHERE id = ? AND removed_at IS NULL').get(id) as Row | undefined;
  return row ? toNote(row) : null;
}

const toAnnotation = (r: Row): Annotation => ({
  id: Number(r.id),
  artifactId: Number(r.artifact_id),
  page: r.page == null ? null : Number(r.page),
  x: Number(r.x),
  y: Number(r.y),
  width: Number(r.width),
  height: Number(r.height),
  note: String(r.note),
  tagId: r.tag_id == null ? null : Number(r.tag_id),
  examiner: String(r.examiner),
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
});

export function annotationsOf(db: Db, artifactId: number): Annotation[] {
  return (
    prepared(db, 'SELECT * FROM annotations WHERE artifact_id = ? AND removed_at IS NULL ORDER BY page, id').all(artifactId) as Row[]
  ).map(toAnnotation);
}

export function annotationById(db: Db, id: number): Annotation | null {
  const row = prepared(db, 'SELECT * FROM annotations WHERE id = ? AND removed_at IS NULL').get(id) as Row | undefined;
  return row ? toAnnotation(row) : null;
}

const SUGGESTION_SELECT = `SELECT g.id, g.artifact_id, g.production_id, g.score, g.hits, g.status, g.decided_by, g.decided_at, g.tag_id, g.stale,
  a.path AS path, COALESCE(p.title, g.production_id) AS title
  FROM suggestions g JOIN artifacts a ON a.id = g.artifact_id LEFT JOIN productions p ON p.id = g.production_id`;

const toSuggestion = (r: Row): Suggestion => ({
  id: Number(r.id),
  artifactId: Number(r.artifact_id),
  path: String(r.path),
  productionId: String(r.production_id),
  productionTitle: String(r.title),
  score: Number(r.score),
  hits: parseHits(r.hits) ?? [],
  status: r.status as Suggestion['status'],
  decidedBy: r.decided_by == null ? null : String(r.decided_by),
  decidedAt: r.decided_at == null ? null : String(r.decided_at),
  tagId: r.tag_id == null ? null : Number(r.tag_id),
  stale: Number(r.stale) === 1,
});

export function suggestionById(db: Db, id: number): Suggestion | null {
  const row = prepared(db, `${SUGGESTION_SELECT} WHERE g.id = ?`).get(id) as Row | undefined;
  return row ? toSuggestion(row) : null;
}

/** Suggestions of productions still on the watchlist, strongest first. */
export function querySuggestions(
  db: Db,
  q: { artifactId?: number; productionId?: string; status?: string; offset: number; limit: number },
): { total: number; items: Suggestion[] } {
  const where = ['p.removed_at IS NULL'];
  const params: SqlValue[] = [];
  if (q.artifactId !== undefined) {
    where.push('g.artifact_id = ?');
    params.push(q.artifactId);
  }
  if (q.productionId) {
    where.push('g.production_id = ?');
    params.push(q.productionId);
  }
  if (q.status) {
    where.push('g.status = ?');
    params.push(q.status);
  }
  const clause = `WHERE ${where.join(' AND ')}`;
  const total = Number(
    (
      db.prepare(`SELECT COUNT(*) AS n FROM suggestions g JOIN productions p ON p.id = g.production_id ${clause}`).get(...params) as {
        n: number;
      }
    ).n,
  );
  const rows = db
    .prepare(`${SUGGESTION_SELECT} ${clause} ORDER BY g.score DESC, g.id LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as Row[];
  return { total, items: rows.map(toSuggestion) };
}

export function translationsOf(db: Db, artifactId: number): TranslationLink[] {
  const rows = prepared(
    db,
    `SELECT CASE WHEN t.a_id = ? THEN t.b_id ELSE t.a_id END AS other, CASE WHEN t.a_id = ? THEN 'ko' ELSE 'zh' END AS language,
       t.score AS score, t.evidence AS evidence, a.path AS path
     FROM translation_links t JOIN artifacts a ON a.id = CASE WHEN t.a_id = ? THEN t.b_id ELSE t.a_id END
     WHERE t.a_id = ? OR t.b_id = ? ORDER BY t.score DESC LIMIT 20`,
  ).all(artifactId, artifactId, artifactId, artifactId, artifactId) as Row[];
  return rows.map((r) => {
    const evidence = JSON.parse(String(r.evidence)) as { reason: string; sharedNumbers: string[]; sharedTerms: string[] };
    return {
      artifactId: Number(r.other),
      path: String(r.path),
      language: r.language as 'zh' | 'ko',
      score: Number(r.score),
      reason: evidence.reason,
      sharedNumbers: evidence.sharedNumbers,
      sharedTerms: evidence.sharedTerms,
    };
  });
}

export function savedSearches(db: Db): SavedSearch[] {
  return (db.prepare('SELECT * FROM saved_searches WHERE removed_at IS NULL ORDER BY name').all() as Row[]).map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    query: JSON.parse(String(r.query)) as Record<string, unknown>,
    examiner: String(r.examiner),
    createdAt: String(r.created_at),
  }));
}

// ---- the change log behind undo and redo ----

export interface Op {
  id: number;
  kind: string;
  changes: Change[];
  undoes: number | null;
  undoneBy: number | null;
}

export function insertOp(
  db: Db,
  auditSeq: number,
  examiner: string,
  kind: string,
  changes: readonly Change[],
  undoes: number | null,
): number {
  return Number(
    prepared(db, 'INSERT INTO review_ops (audit_seq, examiner, kind, changes, undoes) VALUES (?, ?, ?, ?, ?)').run(
      auditSeq,
      examiner,
      kind,
      JSON.stringify(changes),
      undoes,
    ).lastInsertRowid,
  );
}

export const markUndone = (db: Db, opId: number, by: number): void =>
  void prepared(db, 'UPDATE review_ops SET undone_by = ? WHERE id = ?').run(by, opId);

const toOp = (r: Row): Op => ({
  id: Number(r.id),
  kind: String(r.kind),
  changes: JSON.parse(String(r.changes)) as Change[],
  undoes: r.undoes == null ? null : Number(r.undoes),
  undoneBy: r.undone_by == null ? null : Number(r.undone_by),
});

/** The examiner's latest change that is not an undo and has not been undone: what undo reverts next. */
export function undoable(db: Db, examiner: string): Op | null {
  const row = prepared(
    db,
    "SELECT * FROM review_ops WHERE examiner = ? AND kind <> 'review.undo' AND undone_by IS NULL ORDER BY id DESC LIMIT 1",
  ).get(examiner) as Row | undefined;
  return row ? toOp(row) : null;
}

/** The undo that redo re-applies next: the latest not yet redone, with no new change by the examiner since it. */
export function redoable(db: Db, examiner: string): Op | null {
  const row = prepared(
    db,
    `SELECT * FROM review_ops u WHERE u.examiner = ? AND u.kind = 'review.undo' AND u.undone_by IS NULL
       AND NOT EXISTS (SELECT 1 FROM review_ops n WHERE n.examiner = u.examiner AND n.id > u.id AND n.kind NOT IN ('review.undo', 'review.redo'))
     ORDER BY u.id DESC LIMIT 1`,
  ).get(examiner) as Row | undefined;
  return row ? toOp(row) : null;
}

export function opById(db: Db, id: number): Op | null {
  const row = prepared(db, 'SELECT * FROM review_ops WHERE id = ?').get(id) as Row | undefined;
  return row ? toOp(row) : null;
}
