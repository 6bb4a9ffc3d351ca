import type { LocateQuery, SearchHit, SearchQuery, TextMatches, TextRange, TimelineEvent, TimelineQuery } from '../../shared/domain/search';
import { AppError } from '../../shared/errors';
import type { Db, SqlValue } from '../db/database';
import { foldText, foldWithOffsets } from '../analysis/fold';
import { readExtraction } from '../db/extraction-repo';
import { matchArtifactsSql } from '../db/search-repo';
import { caseDb } from './case-store';

type Parsed<T> = T & { limit: number };

const SNIPPET_RADIUS = 60;
/** Folded a window at a time when looking for the first match in a long text: most matches are near its start. */
const LOCATE_WINDOW = 64 * 1024;

/** Every occurrence of the folded terms in a text, as ranges of the original text (folding may change lengths). */
function matchesIn(text: string, terms: readonly string[]): TextRange[] {
  const folded = foldWithOffsets(text, false);
  const ranges: TextRange[] = [];
  for (const term of terms) {
    for (let i = folded.text.indexOf(term); i >= 0; i = folded.text.indexOf(term, i + term.length)) {
      ranges.push({ start: folded.origStart[i] as number, end: folded.origEnd[i + term.length - 1] as number });
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}

/** Where the first folded term occurs in a text, folding it a window at a time; -1 when none does. */
function locate(content: string, terms: readonly string[]): number {
  const longest = Math.max(...terms.map((t) => t.length));
  for (let at = 0; at < content.length; at += LOCATE_WINDOW) {
    const found = matchesIn(content.slice(at, at + LOCATE_WINDOW + longest), terms)[0];
    if (found) return at + found.start;
  }
  return -1;
}

function snippetAround(content: string, at: number, terms: readonly string[]): { snippet: string; highlights: TextRange[] } {
  const start = Math.max(0, at - SNIPPET_RADIUS);
  const end = Math.min(content.length, Math.max(at, 0) + SNIPPET_RADIUS * 2);
  const lead = start > 0 ? '…' : '';
  // Each whitespace character becomes one space: offsets within the snippet still line up with the evidence text.
  const body = content.slice(start, end).replace(/\s/g, ' ');
  const highlights = matchesIn(body, terms).map((r) => ({ start: lead.length + r.start, end: lead.length + r.end }));
  return { snippet: `${lead}${body}${end < content.length ? '…' : ''}`, highlights };
}

/**
 * Full-text search over paths, metadata values and extracted text, case-, width- and variant-insensitive.
 * Whitespace-separated terms must all match the same artifact, in any of its fields (each term a literal phrase,
 * never FTS syntax). One hit per artifact, in case order (artifact id), so the first page of a common term costs
 * no more than a rare one.
 */
export function searchCase(query: Parsed<SearchQuery>): SearchHit[] {
  const db: Db = caseDb(query.dir);
  const terms = [...new Set(foldText(query.query).split(/\s+/).filter(Boolean))];
  if (terms.length === 0) return [];
  const match = matchArtifactsSql(terms);
  const matches = db.prepare(`SELECT rowid AS id FROM (${match.sql}) ORDER BY rowid LIMIT ?`).all(...match.params, query.limit) as {
    id: number;
  }[];
  if (matches.length === 0) return [];
  const docs = db.prepare(
    `SELECT d.field AS field, d.content AS content, a.path AS path, a.mime AS mime
     FROM search_docs d JOIN artifacts a ON a.id = d.artifact_id WHERE d.artifact_id = ? ORDER BY d.id`,
  );
  const hits: SearchHit[] = [];
  for (const { id } of matches) {
    const fields = docs.all(id) as { field: string; content: string; path: string; mime: string | null }[];
    // The snippet comes from the first field holding a query term (path, then metadata, then text).
    let shown = fields[0];
    let at = -1;
    for (const f of fields) {
      at = locate(f.content, terms);
      if (at >= 0) {
        shown = f;
        break;
      }
    }
    if (!shown) continue;
    hits.push({
      artifactId: Number(id),
      path: shown.path,
      mime: shown.mime,
      field: shown.field,
      ...snippetAround(shown.content, at, terms),
    });
  }
  return hits;
}

/** Ranges listed per text at most: enough to step through, not a megabyte of offsets for a common letter. */
const LOCATE_MAX = 500;

/**
 * Where the query's terms occur in an artifact's extracted text and in each page's text, folded as search folds, so
 * the text view highlights 原畫 for a search of 原画. Raises `not_found`.
 */
export function locateMatches(query: LocateQuery & { query: string }): TextMatches {
  const db = caseDb(query.dir);
  if (!db.prepare('SELECT 1 FROM artifacts WHERE id = ?').get(query.id))
    throw new AppError('not_found', `no artifact ${query.id} in this case`);
  const terms = [...new Set(foldText(query.query).split(/\s+/).filter(Boolean))];
  const extraction = readExtraction(db, query.id);
  let capped = false;
  const find = (text: string | undefined): TextRange[] => {
    if (!text || terms.length === 0) return [];
    const all = matchesIn(text, terms);
    if (all.length > LOCATE_MAX) capped = true;
    return all.slice(0, LOCATE_MAX);
  };
  const text = find(extraction?.text);
  const pages = (extraction?.pages ?? []).map((p) => ({ page: p.page, ranges: find(p.text) })).filter((p) => p.ranges.length > 0);
  return { text, pages, capped };
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
