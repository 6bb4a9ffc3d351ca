import type { ArtifactFilters, ArtifactKind, ArtifactSortKey, ArtifactStatus, ArtifactSummary } from '../../shared/domain/artifact';
import type { LanguageLabel } from '../../shared/domain/analysis';
import type { Db, SqlValue } from './database';
import { matchArtifactsSql } from './search-repo';
import { prepared } from './statements';

/*
 * The artifact list: one page of a case's artifacts, filtered and sorted, each with what the analysis and the review
 * say about it. Per-row facts (duplicates, tags, labels, counts) are correlated subqueries over indexed columns, so a
 * page costs the same at offset 0 and deep in a 100,000-artifact case: nothing is grouped over the whole table.
 */

const COLUMNS = `a.id AS id, a.source_id AS sourceId, a.parent_id AS parentId, a.path AS path, a.name AS name, a.kind AS kind,
  a.size AS size, a.mtime AS mtime, a.ctime AS ctime, a.atime AS atime, a.birthtime AS birthtime, a.mode AS mode, a.sha256 AS sha256,
  a.sha1 AS sha1, a.md5 AS md5, a.mime AS mime, a.mismatch AS mismatch, a.status AS status, a.error AS error,
  a.symlink_target AS symlinkTarget, a.raw_name AS rawName, a.name_encoding AS nameEncoding,
  (SELECT MIN(d.id) FROM artifacts d WHERE d.sha256 = a.sha256) AS firstCopy,
  (SELECT COUNT(*) FROM artifacts d WHERE d.sha256 = a.sha256) AS copies,
  an.language AS language, an.variant AS variant, COALESCE(an.nk_score, 0) AS nkScore, an.stage AS stage,
  EXISTS (SELECT 1 FROM stars s WHERE s.artifact_id = a.id AND s.removed_at IS NULL) AS starred,
  (SELECT group_concat(t.production_id || '|' || t.status, char(10)) FROM tags t WHERE t.artifact_id = a.id AND t.removed_at IS NULL) AS tagList,
  (SELECT group_concat(l.label_id) FROM artifact_labels l WHERE l.artifact_id = a.id AND l.removed_at IS NULL) AS labelList,
  (SELECT COUNT(*) FROM notes n WHERE n.artifact_id = a.id AND n.removed_at IS NULL) AS noteCount,
  (SELECT COUNT(*) FROM suggestions g WHERE g.artifact_id = a.id AND g.status = 'open') AS openSuggestions`;

const FROM = 'FROM artifacts a LEFT JOIN analyses an ON an.artifact_id = a.id';

const nullableNumber = (v: unknown): number | null => (v == null ? null : Number(v));
const nullableString = (v: unknown): string | null => (v == null ? null : String(v));
type TagState = ArtifactSummary['tags'][number]['status'];

function toSummary(r: Record<string, unknown>): ArtifactSummary {
  const id = Number(r.id);
  const copies = Number(r.copies ?? 0);
  const firstCopy = nullableNumber(r.firstCopy);
  return {
    id,
    sourceId: Number(r.sourceId),
    parentId: nullableNumber(r.parentId),
    path: String(r.path),
    name: String(r.name),
    kind: r.kind as ArtifactKind,
    size: nullableNumber(r.size),
    mtime: nullableString(r.mtime),
    ctime: nullableString(r.ctime),
    atime: nullableString(r.atime),
    birthtime: nullableString(r.birthtime),
    mode: nullableNumber(r.mode),
    sha256: nullableString(r.sha256),
    sha1: nullableString(r.sha1),
    md5: nullableString(r.md5),
    mime: nullableString(r.mime),
    mismatch: Number(r.mismatch) === 1,
    // The lowest id holding a SHA-256 is the original; the others are its duplicates.
    duplicateOf: firstCopy !== null && firstCopy !== id ? firstCopy : null,
    duplicateCount: Math.max(0, copies - 1),
    status: r.status as ArtifactStatus,
    error: nullableString(r.error),
    symlinkTarget: nullableString(r.symlinkTarget),
    rawName: nullableString(r.rawName),
    nameEncoding: nullableString(r.nameEncoding),
    language: nullableString(r.language) as LanguageLabel | null,
    variant: nullableString(r.variant),
    nkScore: Number(r.nkScore ?? 0),
    stage: nullableString(r.stage),
    starred: Number(r.starred) === 1,
    tags: r.tagList
      ? String(r.tagList)
          .split('\n')
          .map((t) => {
            const bar = t.lastIndexOf('|');
            return { productionId: t.slice(0, bar), status: t.slice(bar + 1) as TagState };
          })
      : [],
    labelIds: r.labelList ? String(r.labelList).split(',').map(Number) : [],
    noteCount: Number(r.noteCount ?? 0),
    openSuggestions: Number(r.openSuggestions ?? 0),
  };
}

const SORT_COLUMNS: Record<ArtifactSortKey, string> = {
  path: 'a.path',
  mime: 'a.mime',
  size: 'a.size',
  mtime: 'a.mtime',
  sha256: 'a.sha256',
  status: 'a.status',
  duplicates: '(SELECT COUNT(*) FROM artifacts d WHERE d.sha256 = a.sha256)',
  id: 'a.id',
};

/** Escapes LIKE wildcards so user text matches literally (with `ESCAPE '\\'`). */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A bare date bound covers its whole day: `to: 2024-03-15` keeps 2024-03-15T23:59:59.999999999Z. */
const upperBound = (to: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T99` : to);

export interface ArtifactListQuery extends Omit<ArtifactFilters, 'search'> {
  sort: ArtifactSortKey;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
  /** The full-text terms, already folded by the caller (the analysis layer's folding). */
  searchTerms?: readonly string[];
}

/** The WHERE clause of a filtered list (also used to select what a bulk action or an export covers). */
export function filterClause(q: Omit<ArtifactListQuery, 'sort' | 'order' | 'offset' | 'limit'>): { sql: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (sql: string, ...values: SqlValue[]): void => {
    where.push(sql);
    params.push(...values);
  };
  if (q.sourceId !== undefined) add('a.source_id = ?', q.sourceId);
  if (q.pathPrefix) add('instr(a.path, ?) = 1', q.pathPrefix);
  const filter = q.filter?.trim();
  if (filter) {
    const like = `%${escapeLike(filter)}%`;
    const prefix = `${escapeLike(filter.toLowerCase())}%`;
    add(
      "(a.path LIKE ? ESCAPE '\\' OR a.mime LIKE ? ESCAPE '\\' OR a.error LIKE ? ESCAPE '\\' OR a.sha256 LIKE ? ESCAPE '\\' OR a.sha1 LIKE ? ESCAPE '\\' OR a.md5 LIKE ? ESCAPE '\\')",
      like,
      like,
      like,
      prefix,
      prefix,
      prefix,
    );
  }
  if (q.searchTerms && q.searchTerms.length > 0) {
    const match = matchArtifactsSql(q.searchTerms);
    add(`a.id IN (${match.sql})`, ...match.params);
  }
  if (q.type) {
    if (['file', 'member', 'directory', 'symlink', 'special'].includes(q.type)) add('a.kind = ?', q.type);
    else add("a.mime LIKE ? ESCAPE '\\'", `${escapeLike(q.type)}%`);
  }
  if (q.language) add('an.languages LIKE ?', `%,${q.language},%`);
  if (q.variant) add('an.variant = ?', q.variant);
  if (q.nkMin !== undefined) add('an.nk_score >= ?', q.nkMin);
  if (q.stage) add('an.stage = ?', q.stage);
  if (q.production && q.tagStatus && q.tagStatus !== 'untagged')
    add(
      'EXISTS (SELECT 1 FROM tags t WHERE t.artifact_id = a.id AND t.removed_at IS NULL AND t.production_id = ? AND t.status = ?)',
      q.production,
      q.tagStatus,
    );
  else if (q.production)
    add('EXISTS (SELECT 1 FROM tags t WHERE t.artifact_id = a.id AND t.removed_at IS NULL AND t.production_id = ?)', q.production);
  else if (q.tagStatus === 'untagged') add('NOT EXISTS (SELECT 1 FROM tags t WHERE t.artifact_id = a.id AND t.removed_at IS NULL)');
  else if (q.tagStatus)
    add('EXISTS (SELECT 1 FROM tags t WHERE t.artifact_id = a.id AND t.removed_at IS NULL AND t.status = ?)', q.tagStatus);
  if (q.suggested)
    add("EXISTS (SELECT 1 FROM suggestions g WHERE g.artifact_id = a.id AND g.status = 'open' AND g.production_id = ?)", q.suggested);
  if (q.labelId !== undefined)
    add('EXISTS (SELECT 1 FROM artifact_labels l WHERE l.artifact_id = a.id AND l.removed_at IS NULL AND l.label_id = ?)', q.labelId);
  if (q.starred !== undefined)
    add(`${q.starred ? '' : 'NOT '}EXISTS (SELECT 1 FROM stars s WHERE s.artifact_id = a.id AND s.removed_at IS NULL)`);
  if (q.hasNotes !== undefined)
    add(`${q.hasNotes ? '' : 'NOT '}EXISTS (SELECT 1 FROM notes n WHERE n.artifact_id = a.id AND n.removed_at IS NULL)`);
  if (q.hasErrors !== undefined)
    add(q.hasErrors ? "(a.error IS NOT NULL AND a.status <> 'skipped')" : "(a.error IS NULL OR a.status = 'skipped')");
  if (q.duplicates !== undefined)
    add(
      `a.sha256 IS NOT NULL AND ${q.duplicates ? '' : 'NOT '}EXISTS (SELECT 1 FROM artifacts d WHERE d.sha256 = a.sha256 AND d.id <> a.id)`,
    );
  if (q.mismatch !== undefined) add('a.mismatch = ?', q.mismatch ? 1 : 0);
  if (q.from) add('a.mtime >= ?', q.from);
  if (q.to) add('a.mtime <= ?', upperBound(q.to));
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/**
 * What a count or a selection reads: the artifacts alone when no analysis column is filtered (joining 145,000 wide
 * analyses rows for nothing cost 300 ms), else the analyses first, through their filter index. Every analysis
 * predicate is false on a missing analyses row, so the inner join selects the same artifacts as the list's left join.
 */
const selectionFrom = (q: Pick<ArtifactListQuery, 'language' | 'variant' | 'nkMin' | 'stage'>): string =>
  q.language || q.variant || q.nkMin !== undefined || q.stage
    ? 'FROM analyses an JOIN artifacts a ON a.id = an.artifact_id'
    : 'FROM artifacts a';

/** The total and the ids of one page of a filtered list. */
function pageIds(db: Db, q: ArtifactListQuery): { total: number; ids: number[] } {
  const { sql: clause, params } = filterClause(q);
  const from = selectionFrom(q);
  const direction = q.order === 'desc' ? 'DESC' : 'ASC';
  const count = (): number => Number((db.prepare(`SELECT COUNT(*) AS n ${from} ${clause}`).get(...params) as { n: number }).n);
  if (q.searchTerms && q.searchTerms.length > 0) {
    // The full-text match is evaluated once for the count and the page: as two statements it ran twice, half the
    // time of a search list on a 145,000-artifact case. Without a search, an index gives the page in order at once.
    const rows = db
      .prepare(
        `WITH m AS MATERIALIZED (SELECT a.id AS id, ${SORT_COLUMNS[q.sort]} AS k ${from} ${clause})
         SELECT (SELECT COUNT(*) FROM m) AS total, id FROM m ORDER BY k ${direction}, id ${direction} LIMIT ? OFFSET ?`,
      )
      .all(...params, q.limit, q.offset) as { total: number; id: number }[];
    return { total: rows.length > 0 ? Number(rows[0]?.total) : count(), ids: rows.map((r) => Number(r.id)) };
  }
  // The page's ids first, its rows after: sorting with every per-row fact computed before the sort took 100-200 ms.
  const ids = db
    .prepare(`SELECT a.id AS id ${from} ${clause} ORDER BY ${SORT_COLUMNS[q.sort]} ${direction}, a.id ${direction} LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as { id: number }[];
  return { total: count(), ids: ids.map((r) => Number(r.id)) };
}

export function queryArtifacts(db: Db, q: ArtifactListQuery): { total: number; items: ArtifactSummary[] } {
  const { total, ids } = pageIds(db, q);
  if (ids.length === 0) return { total, items: [] };
  const rows = prepared(db, `SELECT ${COLUMNS} ${FROM} WHERE a.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Record<
    string,
    unknown
  >[];
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return { total, items: ids.flatMap((id) => (byId.has(id) ? [toSummary(byId.get(id) as Record<string, unknown>)] : [])) };
}

/** Ids of every artifact a filter selects (bulk actions on "all matching the current filter"), capped. */
export function filteredIds(db: Db, q: Omit<ArtifactListQuery, 'sort' | 'order' | 'offset' | 'limit'>, cap: number): number[] {
  const { sql: clause, params } = filterClause(q);
  return (db.prepare(`SELECT a.id AS id ${selectionFrom(q)} ${clause} ORDER BY a.id LIMIT ?`).all(...params, cap) as { id: number }[]).map(
    (r) => Number(r.id),
  );
}

export function getArtifactSummary(db: Db, id: number): ArtifactSummary | null {
  const row = prepared(db, `SELECT ${COLUMNS} ${FROM} WHERE a.id = ?`).get(id) as Record<string, unknown> | undefined;
  return row ? toSummary(row) : null;
}
