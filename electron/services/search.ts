import type {
  LocateQuery,
  SearchHit,
  SearchQuery,
  TextMatches,
  TextRange,
  TimelineCursor,
  TimelinePage,
  TimelineQuery,
} from '../../shared/domain/search';
import { AppError } from '../../shared/errors';
import type { Db, SqlValue } from '../db/database';
import { foldText, foldWithOffsets } from '../analysis/fold';
import { filteredIds } from '../db/artifact-query';
import { readExtraction } from '../db/extraction-repo';
import { logFilterSql } from '../db/log-repo';
import { firstMatchingIds, searchDocsOf } from '../db/search-repo';
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
  // Control characters separate terms like white space: the contract refuses them, and the builder must never pass one
  // to FTS5, where NUL ends the query string early ("unterminated string") or matches everything.
  const terms = [
    ...new Set(
      foldText(query.query)
        .split(/[\s\p{Cc}]+/u)
        .filter(Boolean),
    ),
  ];
  if (terms.length === 0) return [];
  const { dir: _dir, query: _text, limit, ...filters } = query;
  const unfiltered = Object.values(filters).every((v) => v === undefined);
  const ids =
    terms.length === 1 && unfiltered
      ? firstMatchingIds(db, terms[0] as string, limit)
      : filteredIds(db, { ...filters, searchTerms: terms }, limit);
  const matches = ids.map((id) => ({ id }));
  if (matches.length === 0) return [];
  const artifact = db.prepare('SELECT path, mime FROM artifacts WHERE id = ?');
  const hits: SearchHit[] = [];
  for (const { id } of matches) {
    const fields = searchDocsOf(db, id);
    const a = artifact.get(id) as { path: string; mime: string | null } | undefined;
    if (!a) continue;
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
      path: a.path,
      mime: a.mime,
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

const LOG_FIELD = 'AccessLog:Request';

/**
 * One source of timeline events as SQL. `key` is the sort key expression, written exactly as its index is, so that
 * SQLite walks that index from the cursor; `id` is unique within the source. The columns every source yields are
 * named by `columns`; log requests add what their label is made of.
 */
interface TimelineSource {
  from: string;
  key: string;
  id: string;
  field: string;
  columns: string;
  /** Columns holding the artifact id, source id and path, for the scope filters. */
  artifact: string;
  where: string[];
}

const NO_REQUEST =
  'NULL AS ip, NULL AS method, NULL AS reqPath, NULL AS status, NULL AS country, NULL AS region, NULL AS asn, NULL AS network';

function timelineSources(): TimelineSource[] {
  return [
    {
      from: 'timestamps t JOIN artifacts a ON a.id = t.artifact_id',
      key: 'COALESCE(t.utc, t.value)',
      id: "printf('t%012d', t.id)",
      field: 't.field',
      columns: `t.value AS value, t.has_offset AS hasOffset, t.utc AS utc, t.label AS label, ${NO_REQUEST}`,
      artifact: 't.artifact_id',
      where: [],
    },
    ...FS_TIMES.map(([column, field]) => ({
      from: 'artifacts a',
      key: `a.${column}`,
      id: "printf('f%012d', a.id)",
      field: `'${field}'`,
      columns: `a.${column} AS value, 1 AS hasOffset, a.${column} AS utc, NULL AS label, ${NO_REQUEST}`,
      artifact: 'a.id',
      where: [`a.${column} IS NOT NULL`],
    })),
    {
      from: 'log_requests r JOIN artifacts a ON a.id = r.artifact_id',
      key: 'r.utc',
      id: "printf('r%012d', r.id)",
      field: `'${LOG_FIELD}'`,
      columns:
        'COALESCE(r.at, r.utc) AS value, 1 AS hasOffset, r.utc AS utc, NULL AS label, r.ip AS ip, r.method AS method, r.path AS reqPath, r.status AS status, r.country AS country, r.region AS region, r.asn AS asn, r.network AS network',
      artifact: 'r.artifact_id',
      where: ['r.utc IS NOT NULL'],
    },
  ];
}

interface TimelineRow {
  key: string;
  id: string;
  artifactId: number;
  path: string;
  field: string;
  value: string;
  hasOffset: number;
  utc: string | null;
  label: string | null;
  ip: string | null;
  method: string | null;
  reqPath: string | null;
  status: number | null;
  country: string | null;
  region: string | null;
  asn: number | null;
  network: string | null;
}

/** `GET /works/a.psd 200 from 175.167.13.9 (CN · Liaoning, AS4837 CHINA UNICOM China169 Backbone)` */
function requestLabel(r: TimelineRow): string {
  const place = [r.country, r.region].filter(Boolean).join(' · ');
  const network = r.asn !== null ? `AS${r.asn}${r.network ? ` ${r.network}` : ''}` : r.network;
  const where = [place, network].filter(Boolean).join(', ');
  const request = [r.method, r.reqPath ?? '-', r.status].filter((p) => p !== null && p !== undefined).join(' ');
  return `${request} from ${r.ip ?? '?'}${where ? ` (${where})` : ''}`;
}

/**
 * Every date of the case (or of one source, folder or artifact) on one axis: extracted timestamps, file-system
 * times and access-log requests, ordered by the UTC instant (wall-clock times with no offset sort by their literal
 * value and say so: `hasOffset: false`), then path, field and id. A page starts after the previous page's last
 * event (`after`): each source reads at most one page from its sort-key index, beginning at that key, and the pages
 * are merged, so a deep page costs what the first one does. A client, network or place filter leaves only requests.
 */
export function timeline(query: Parsed<TimelineQuery>): TimelinePage {
  const db: Db = caseDb(query.dir);
  const logFilter = logFilterSql(query, 'r.');
  const onlyRequests = logFilter.where.length > 0;
  const sources = timelineSources().filter((src) => !onlyRequests || src.key === 'r.utc');
  const parts: string[] = [];
  const params: SqlValue[] = [];
  for (const src of sources) {
    const where = [...src.where];
    const add = (condition: string, ...values: SqlValue[]): void => {
      where.push(condition);
      params.push(...values);
    };
    if (query.artifactId !== undefined) add(`${src.artifact} = ?`, query.artifactId);
    if (query.sourceId !== undefined) add('a.source_id = ?', query.sourceId);
    if (query.pathPrefix) add('instr(a.path, ?) = 1', query.pathPrefix);
    if (query.from) add(`${src.key} >= ?`, query.from);
    if (query.to) add(`${src.key} <= ?`, query.to);
    if (src.key === 'r.utc') {
      where.push(...logFilter.where);
      params.push(...logFilter.params);
    }
    const after: TimelineCursor | undefined = query.after;
    if (after) {
      // The plain bound lets SQLite start its index walk at the key; the row value settles ties on that key.
      add(`${src.key} >= ?`, after.key);
      add(`(${src.key}, a.path, ${src.field}, ${src.id}) > (?, ?, ?, ?)`, after.key, after.path, after.field, after.id);
    }
    parts.push(
      `SELECT * FROM (SELECT ${src.key} AS key, ${src.id} AS id, ${src.artifact} AS artifactId, a.path AS path, ${src.field} AS field, ${src.columns}
       FROM ${src.from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${src.key}, a.path, ${src.field}, ${src.id} LIMIT ?)`,
    );
    params.push(query.limit);
  }
  const rows = db
    .prepare(`${parts.join(' UNION ALL ')} ORDER BY key, path, field, id LIMIT ?`)
    .all(...params, query.limit) as unknown as TimelineRow[];
  const events = rows.map((r) => ({
    artifactId: Number(r.artifactId),
    path: r.path,
    field: r.field,
    value: r.value,
    hasOffset: Boolean(r.hasOffset),
    utc: r.utc,
    label: r.field === LOG_FIELD && r.ip !== null ? requestLabel({ ...r, asn: r.asn === null ? null : Number(r.asn) }) : r.label,
  }));
  const last = rows.length === query.limit ? rows[rows.length - 1] : undefined;
  return { events, next: last ? { key: last.key, path: last.path, field: last.field, id: last.id } : null };
}
