import type { ArtifactFacts } from './manifest';

/*
 * artifacts.csv: one row per artifact for spreadsheets. UTF-8 with a byte-order mark (without it Excel reads UTF-8
 * as the local code page and Chinese and Korean turn to mojibake), CRLF rows and RFC 4180 quoting. Evidence is
 * hostile: a file name such as `=HYPERLINK(…)` must stay text, so a cell starting with = + - @ (or a tab or carriage
 * return, which some spreadsheets skip before reading a formula) gets a leading apostrophe.
 */

export const CSV_BOM = '\ufeff';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, defused against formula injection and quoted when it holds a quote, comma or line break. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: readonly (string | number | boolean | null)[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export const CSV_HEADER = [
  'id',
  'path',
  'archive',
  'name',
  'kind',
  'size',
  'modified',
  'changed',
  'accessed',
  'created',
  'sha256',
  'sha1',
  'md5',
  'type',
  'extension_mismatch',
  'status',
  'problem',
  'language',
  'chinese_variant',
  'north_korean_markers',
  'stage',
  'tags',
  'labels',
  'starred',
  'notes',
  'suggestions',
  'original',
] as const;

/** The row of one artifact; label names come from the bundle's label list. */
export function artifactCsvRow(f: ArtifactFacts, labelNames: ReadonlyMap<number, string>): string {
  const a = f.row;
  const tags = f.tags.map((t) => `${t.productionTitle} (${t.status}, ${t.confidence})`).join('; ');
  const suggestions = f.suggestions.map((s) => `${s.productionId} ${s.score.toFixed(2)} ${s.status}`).join('; ');
  const original = f.original === null ? '' : 'file' in f.original ? f.original.file : `omitted: ${f.original.omitted}`;
  return csvRow([
    a.id,
    a.path,
    a.path.includes('!/') ? a.path.slice(0, a.path.indexOf('!/')) : '',
    a.name,
    a.kind,
    a.size,
    a.mtime,
    a.ctime,
    a.atime,
    a.birthtime,
    a.sha256,
    a.sha1,
    a.md5,
    a.mime,
    a.mismatch ? 'yes' : 'no',
    a.status,
    a.error,
    f.language,
    f.variant,
    f.nkScore > 0 ? f.nkScore.toFixed(2) : '',
    f.stage,
    tags,
    f.labels.map((l) => labelNames.get(l.labelId) ?? String(l.labelId)).join('; '),
    f.star ? 'yes' : 'no',
    f.notes.map((n) => n.body).join('\n---\n'),
    suggestions,
    original,
  ]);
}
