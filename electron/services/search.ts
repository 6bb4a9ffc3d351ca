import type { SearchHit, SearchQuery, TimelineEvent, TimelineQuery } from '../../shared/domain/search';
import { escapeLike } from '../db/artifact-repo';
import type { Db, SqlValue } from '../db/database';
import { caseDb } from './case-store';

type Parsed<T> = T & { limit: number };

const SNIPPET_RADIUS = 60;

/** FTS5's trigram tokenizer cannot match terms shorter than three characters (two-syllable Korean, two-character Chinese words). */
const isShortTerm = (term: string): boolean => [...term].length < 3;
const ftsPhrase = (term: string): string => `"${term.replaceAll('"', '""')}"`;

function snippetAround(content: string, terms: string[]): string {
  const lower = content.toLowerCase();
  const at =
    terms
      .map((t) => lower.indexOf(t.toLowerCase()))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, at - SNIPPET_RADIUS);
  const end = Math.min(content.length, at + SNIPPET_RADIUS * 2);
  let text = content.slice(start, end).replace(/\s+/g, ' ');
  for (const term of terms) {
    text = text.replace(new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), (m) => `[${m}]`);
  }
  return `${start > 0 ? '…' : ''}${text}${end < content.length ? '…' : ''}`;
}

/**
 * Full-text search over paths, metadata values and extracted text. Whitespace-separated terms must all match
 * (each as a literal phrase, never as FTS syntax); short terms fall back to a substring scan.
 */
export function searchCase(query: Parsed<SearchQuery>): SearchHit[] {
  const db = caseDb(query.dir);
  const terms = query.query.split(/\s+/).filter(Boolean);
  const longTerms = terms.filter((t) => !isShortTerm(t));
  const shortTerms = terms.filter(isShortTerm);
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (longTerms.length) {
    where.push('search_index MATCH ?');
    params.push(longTerms.map(ftsPhrase).join(' AND '));
  }
  for (const term of shortTerms) {
    where.push("s.content LIKE ? ESCAPE '\\'");
    params.push(`%${escapeLike(term)}%`);
  }
  const rows = db
    .prepare(
      `SELECT s.artifact_id AS artifactId, s.field AS field, s.content AS content, a.path AS path, a.mime AS mime
       FROM search_index s JOIN artifacts a ON a.id = s.artifact_id
       WHERE ${where.join(' AND ')} ORDER BY a.path, s.field LIMIT ?`,
    )
    .all(...params, query.limit) as { artifactId: number; field: string; content: string; path: string; mime: string | null }[];
  return rows.map((r) => ({
    artifactId: Number(r.artifactId),
    path: r.path,
    mime: r.mime,
    field: r.field,
    snippet: snippetAround(r.content, terms),
  }));
}

const FS_TIMES: readonly [column: string, field: string][] = [
  ['mtime', 'File:FileModifyDate'],
  ['ctime', 'File:FileInodeChangeDate'],
  ['atime', 'File:FileAccessDate'],
  ['birthtime', 'File:FileCreateDate'],
];

/**
 * Every date of the case (or of one source, folder or artifact) on one axis: extracted timestamps plus file-system
 * times. Entries with a known instant sort by it; wall-clock times with no offset sort by their literal value and
 * say so (`hasOffset: false`).
 */
export function timeline(query: Parsed<TimelineQuery> & { offset: number }): TimelineEvent[] {
  const db: Db = caseDb(query.dir);
  const fsSelects = FS_TIMES.map(
    ([column, field]) =>
      `SELECT id AS artifactId, source_id AS sourceId, path, '${field}' AS field, ${column} AS value, 1 AS hasOffset, ${column} AS utc, NULL AS label
       FROM artifacts WHERE ${column} IS NOT NULL`,
  );
  const union = [
    `SELECT t.artifact_id AS artifactId, a.source_id AS sourceId, a.path AS path, t.field AS field, t.value AS value, t.has_offset AS hasOffset, t.utc AS utc, t.label AS label
     FROM timestamps t JOIN artifacts a ON a.id = t.artifact_id`,
    ...fsSelects,
  ].join(' UNION ALL ');
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.artifactId !== undefined) {
    where.push('artifactId = ?');
    params.push(query.artifactId);
  }
  if (query.sourceId !== undefined) {
    where.push('sourceId = ?');
    params.push(query.sourceId);
  }
  if (query.pathPrefix) {
    where.push('instr(path, ?) = 1');
    params.push(query.pathPrefix);
  }
  if (query.from) {
    where.push('COALESCE(utc, value) >= ?');
    params.push(query.from);
  }
  if (query.to) {
    where.push('COALESCE(utc, value) <= ?');
    params.push(query.to);
  }
  const rows = db
    .prepare(
      `SELECT * FROM (${union}) ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY COALESCE(utc, value), path, field LIMIT ? OFFSET ?`,
    )
    .all(...params, query.limit, query.offset) as {
    artifactId: number;
    path: string;
    field: string;
    value: string;
    hasOffset: number;
    utc: string | null;
    label: string | null;
  }[];
  return rows.map((r) => ({
    artifactId: Number(r.artifactId),
    path: r.path,
    field: r.field,
    value: r.value,
    hasOffset: Boolean(r.hasOffset),
    utc: r.utc,
    label: r.label,
  }));
}
