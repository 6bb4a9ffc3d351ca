import path from 'node:path';
import type { ArtifactDetail, ArtifactSummary } from '../../../shared/domain/artifact';
import type { ArtifactReview } from '../../../shared/domain/review';
import { FILTER_BOOLEANS, FILTER_USAGE, parseFilters } from '../filters';
import type { IngestJob, IngestProgress } from '../../../shared/domain/ingest';
import { AppError } from '../../../shared/errors';
import { formatByteRate, formatBytes } from '../../../shared/format/bytes';
import { UsageError, requirePositional, wholeNumber, type ParsedArgs } from '../args';
import { printJson, type CliIo, type Command } from '../command';

const PLAIN_PROGRESS_MS = 5_000;
const LIST_PAGE = 100_000;

const number = new Intl.NumberFormat('en-US');

function duration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

const percent = (p: IngestProgress): number => {
  if (p.bytesTotal > 0) return Math.min(100, (100 * p.bytesDone) / p.bytesTotal);
  return p.filesTotal > 0 ? Math.min(100, (100 * p.filesDone) / p.filesTotal) : 0;
};

function progressFigures(p: IngestProgress): string {
  const eta = p.etaSeconds === null ? '' : `  ETA ${duration(p.etaSeconds)}`;
  const rate = p.phase === 'hashing' || p.phase === 'extracting' ? `  ${formatByteRate(p.bytesPerSecond)}` : '';
  return `${p.phase}  ${number.format(p.filesDone)}/${number.format(p.filesTotal)} files  ${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}${rate}${eta}`;
}

/** One line, redrawn in place (carriage return, clear line), cut to the terminal width. */
function barLine(p: IngestProgress, width: number): string {
  const pct = percent(p);
  const cells = 20;
  const full = Math.round((pct / 100) * cells);
  const head = `[${'#'.repeat(full)}${'.'.repeat(cells - full)}] ${pct.toFixed(0).padStart(3)}%  ${progressFigures(p)}`;
  const errors = p.errorCount ? `  ${p.errorCount} errors` : '';
  const line = `${head}${errors}${p.currentPath ? `  ${p.currentPath}` : ''}`;
  return `\r\x1b[2K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`;
}

function summaryLine(job: IngestJob): string {
  const seconds = job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000 : 0;
  const errors = job.errorCount ? `, ${number.format(job.errorCount)} with errors (see workbench list)` : '';
  return `Ingest ${job.status}: ${job.sourcePath}: ${number.format(job.filesTotal)} files, ${formatBytes(job.bytesTotal)} in ${seconds.toFixed(1)} s${errors} (job ${job.id})\n`;
}

/** Shows progress as the output mode asks: JSON lines, an in-place bar on a terminal, or a line now and then. */
function progressPrinter(io: CliIo, json: boolean): { show(p: IngestProgress): void; end(): void } {
  let lastPlain = 0;
  let lastPhase = '';
  let drawn = false;
  return {
    show(p) {
      if (json) return io.out(`${JSON.stringify({ type: 'progress', ...p })}\n`);
      if (io.isTty) {
        drawn = true;
        return io.out(barLine(p, process.stdout.columns ?? 100));
      }
      const now = Date.now();
      if (p.phase === lastPhase && now - lastPlain < PLAIN_PROGRESS_MS) return;
      lastPhase = p.phase;
      lastPlain = now;
      io.out(`${progressFigures(p)}  ${p.errorCount} errors\n`);
    },
    end() {
      if (drawn) io.out('\n');
    },
  };
}

/**
 * Starts a job and follows it to the end: progress as the output mode asks, Ctrl-C cancels (finished work is kept),
 * then the summary. Raises when the job did not finish.
 */
export async function followJob(io: CliIo, dir: string, json: boolean, start: () => Promise<IngestJob>): Promise<IngestJob> {
  const printer = progressPrinter(io, json);
  // This process runs only this command's job, so every progress event belongs to it (some arrive before its id).
  const unsubscribeProgress = io.on('ingest.progress', (p) => printer.show(p));
  // Listening before the start: a job can end before `start` resolves, and its one `ingest.finished` must not be missed.
  const ended = new Map<number, IngestJob>();
  let onEnded: ((job: IngestJob) => void) | null = null;
  const unsubscribeFinished = io.on('ingest.finished', (job) => {
    ended.set(job.id, job);
    onEnded?.(job);
  });
  const unsubscribe = (): void => {
    unsubscribeProgress();
    unsubscribeFinished();
  };
  const started = await start().catch((e: unknown) => {
    unsubscribe();
    throw e;
  });
  const finished = new Promise<IngestJob>((resolve) => {
    const mine = ended.get(started.id);
    if (mine) return resolve(mine);
    onEnded = (job) => {
      if (job.id === started.id) resolve(job);
    };
  });
  const onInterrupt = (): void => {
    io.err('\ncancelling… (finished work is kept; run the same command again to resume)\n');
    void io.call('ingest.cancel', { dir, jobId: started.id });
  };
  process.once('SIGINT', onInterrupt);
  let job: IngestJob;
  try {
    job = await finished;
  } finally {
    process.off('SIGINT', onInterrupt);
    unsubscribe();
    printer.end();
  }
  if (json) io.out(`${JSON.stringify({ type: 'summary', ...job })}\n`);
  else io.out(summaryLine(job));
  if (job.status !== 'done')
    throw new AppError(job.status === 'cancelled' ? 'cancelled' : 'io', `ingest ${job.status}${job.message ? `: ${job.message}` : ''}`);
  return job;
}

async function ingest(args: ParsedArgs, io: CliIo): Promise<void> {
  const dir = path.resolve(requirePositional(args, 0, 'case folder <caseDir>'));
  const evidence = path.resolve(requirePositional(args, 1, 'evidence <path>'));
  await followJob(io, dir, args.flags.has('json'), () =>
    io.call('ingest.start', { dir, path: evidence, extract: !args.flags.has('no-extract') }),
  );
}

/** The listing shape scripts get: every summary field, plus the source path. */
const listRow = (a: ArtifactSummary, source: string | undefined): Record<string, unknown> => ({
  id: a.id,
  source: source ?? null,
  sourceId: a.sourceId,
  path: a.path,
  name: a.name,
  kind: a.kind,
  size: a.size,
  mtime: a.mtime,
  ctime: a.ctime,
  atime: a.atime,
  birthtime: a.birthtime,
  mode: a.mode,
  sha256: a.sha256,
  sha1: a.sha1,
  md5: a.md5,
  mime: a.mime,
  mismatch: a.mismatch,
  duplicateOf: a.duplicateOf,
  duplicateCount: a.duplicateCount,
  status: a.status,
  error: a.error,
  symlinkTarget: a.symlinkTarget,
  parentId: a.parentId,
  rawName: a.rawName,
  nameEncoding: a.nameEncoding,
  language: a.language,
  variant: a.variant,
  nkScore: a.nkScore,
  stage: a.stage,
  starred: a.starred,
  tags: a.tags,
  labelIds: a.labelIds,
  noteCount: a.noteCount,
  openSuggestions: a.openSuggestions,
});

function table(items: readonly ArtifactSummary[]): string {
  const rows = items.map((a) => [
    String(a.id),
    a.status,
    a.kind,
    a.size === null ? '' : number.format(a.size),
    `${a.mime ?? ''}${a.mismatch ? ' (!ext)' : ''}`,
    a.sha256 ? a.sha256.slice(0, 16) : '',
    a.duplicateOf === null ? '' : `=${a.duplicateOf}`,
    `${a.path}${a.symlinkTarget ? ` -> ${a.symlinkTarget}` : ''}${a.error ? `  [${a.error}]` : ''}`,
  ]);
  const header = ['ID', 'STATUS', 'KIND', 'SIZE', 'MIME', 'SHA-256', 'DUP', 'PATH'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (r: string[]): string =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : i === 0 || i === 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ');
  return [format(header), ...rows.map(format)].join('\n');
}

async function list(args: ParsedArgs, io: CliIo): Promise<void> {
  const dir = path.resolve(requirePositional(args, 0, 'case folder <caseDir>'));
  const sources = new Map((await io.call('sources.list', { dir })).map((s) => [s.id, s.path]));
  const json = args.flags.has('json');
  const filters = await parseFilters(args, io, dir);
  const limitFlag = args.flags.get('limit');
  const offsetFlag = args.flags.get('offset');
  const wanted = typeof limitFlag === 'string' ? wholeNumber(limitFlag, '--limit') : Number.POSITIVE_INFINITY;
  const base = { dir, sort: 'id' as const, ...filters };
  let offset = typeof offsetFlag === 'string' ? wholeNumber(offsetFlag, '--offset') : 0;
  let listed = 0;
  let first = true;
  if (json) io.out('[');
  for (;;) {
    const limit = Math.min(LIST_PAGE, wanted - listed);
    if (limit <= 0) break;
    const page = await io.call('artifacts.list', { ...base, offset, limit });
    if (json) {
      // Streamed one object a line, so a case of any size lists without building one huge string.
      for (const a of page.items) {
        io.out(`${first ? '\n' : ',\n'}${JSON.stringify(listRow(a, sources.get(a.sourceId)))}`);
        first = false;
      }
    } else if (page.items.length > 0) {
      io.out(`${table(page.items)}\n`);
    }
    offset += page.items.length;
    listed += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }
  if (json) io.out(first ? ']\n' : '\n]\n');
  else io.out(`${number.format(listed)} artifacts\n`);
}

function describeDetail(a: ArtifactDetail, review: ArtifactReview): string {
  const lines = [
    `Artifact   ${a.id}  (${a.kind}, ${a.status})`,
    `Path       ${a.path}`,
    `Size       ${a.size === null ? '' : `${number.format(a.size)} bytes`}`,
    `Type       ${a.mime ?? ''}${a.mismatch ? '  (extension contradicts content)' : ''}`,
    `SHA-256    ${a.sha256 ?? ''}`,
    `SHA-1      ${a.sha1 ?? ''}`,
    `MD5        ${a.md5 ?? ''}`,
    `Modified   ${a.mtime ?? ''}`,
    `Changed    ${a.ctime ?? ''}`,
    `Accessed   ${a.atime ?? ''}`,
    `Created    ${a.birthtime ?? ''}`,
  ];
  if (a.symlinkTarget) lines.push(`Link to    ${a.symlinkTarget}`);
  if (a.rawName) lines.push(`Raw name   ${a.rawName} (${a.nameEncoding ?? 'unknown'})`);
  if (a.duplicateOf !== null) lines.push(`Duplicate  of ${a.duplicateOf} (${a.duplicateCount} other copies)`);
  if (a.error) lines.push(`Problem    ${a.error}`);
  if (a.children) lines.push(`Children   ${a.children}`);
  for (const link of a.links) lines.push(`Link       ${link.relation} ${link.artifactId} ${link.path} (${link.via})`);
  if (a.language)
    lines.push(
      `Language   ${a.language}${a.variant ? ` (${a.variant})` : ''}${a.nkScore > 0 ? `  North Korean markers ${a.nkScore.toFixed(2)}` : ''}`,
    );
  if (a.analysis?.stage.stage) lines.push(`Stage      ${a.analysis.stage.stage} (${a.analysis.stage.reason})`);
  for (const t of review.tags)
    lines.push(`Tag        ${t.productionTitle}: ${t.status}, ${t.confidence} (${t.examiner})${t.rationale ? ` — ${t.rationale}` : ''}`);
  for (const s of review.suggestions)
    lines.push(
      `Suggests   ${s.productionTitle} ${s.score.toFixed(2)} [${s.status}]: ${s.hits.map((h) => `${h.field} "${h.text}"`).join(', ')}`,
    );
  if (review.starred) lines.push('Starred');
  for (const l of review.labels) lines.push(`Label      ${l.name}`);
  for (const n of review.notes) lines.push(`Note       ${n.body.split('\n')[0]} (${n.examiner})`);
  for (const t of review.translations) lines.push(`Translates ${t.artifactId} ${t.path} (${t.score.toFixed(2)}: ${t.reason})`);
  for (const [group, tags] of Object.entries(a.extraction?.metadata ?? {})) {
    for (const [tag, v] of Object.entries(tags))
      lines.push(`${group}:${tag}  ${typeof v.value === 'string' ? v.value : JSON.stringify(v.value)}`);
  }
  const text = a.extraction?.text;
  if (text) lines.push('', text.length > 2000 ? `${text.slice(0, 2000)}…` : text);
  for (const page of a.ocr)
    lines.push(
      '',
      `OCR ${page.page === 0 ? 'of the image' : `of page ${page.page}`} (${page.engine || page.status}):`,
      page.error ?? page.text,
    );
  return `${lines.join('\n')}\n`;
}

/** Characters asked for per call when a text is read in pieces: each reply of the contract stays small. */
const TEXT_PIECE = 1_000_000;

/** The extracted text from `offset` up to `end` (exclusive; characters), fetched a piece at a time. */
async function* textPieces(io: CliIo, dir: string, id: number, offset: number, end: number): AsyncGenerator<string> {
  while (offset < end) {
    const window = await io.call('artifacts.text', { dir, id, offset, length: Math.min(TEXT_PIECE, end - offset) });
    yield window.text;
    if (window.text.length === 0) return;
    offset += Math.min(TEXT_PIECE, end - offset);
    if (offset >= window.total) return;
  }
}

/** `--text-range 1000:5000` (characters, end exclusive; an open end means to the end). */
async function printTextRange(io: CliIo, dir: string, id: number, raw: string): Promise<void> {
  const match = /^(\d+):(\d*)$/.exec(raw);
  if (!match) throw new UsageError(`--text-range takes START:END in characters, e.g. 0:5000, got "${raw}"`);
  const offset = Number(match[1]);
  const end = match[2] ? Number(match[2]) : Number.POSITIVE_INFINITY;
  if (end <= offset) throw new UsageError('--text-range END must be after START');
  for await (const piece of textPieces(io, dir, id, offset, end)) io.out(piece);
}

/** The whole extracted text: a script reading `artifact --json` gets all of it, not the window the detail pane starts with. */
async function wholeText(io: CliIo, dir: string, id: number): Promise<string> {
  const parts: string[] = [];
  for await (const piece of textPieces(io, dir, id, 0, Number.POSITIVE_INFINITY)) parts.push(piece);
  return parts.join('');
}

async function artifact(args: ParsedArgs, io: CliIo): Promise<void> {
  const dir = path.resolve(requirePositional(args, 0, 'case folder <caseDir>'));
  const id = wholeNumber(requirePositional(args, 1, 'artifact <id>'), '<id>');
  const range = args.flags.get('text-range');
  if (typeof range === 'string') return printTextRange(io, dir, id, range);
  const detail = await io.call('artifacts.get', { dir, id });
  const review = await io.call('review.get', { dir, artifactId: id });
  if (!args.flags.has('json')) return io.out(describeDetail(detail, review));
  const x = detail.extraction;
  const analysis = detail.analysis;
  const windowed = x?.text !== undefined && x.textLength !== undefined && x.textLength > [...x.text].length;
  // The extraction's and the analysis's main parts are repeated at the top level for scripts; every field stays.
  printJson(io, {
    ...detail,
    metadata: x?.metadata ?? {},
    text: windowed ? await wholeText(io, dir, id) : (x?.text ?? null),
    // What OCR read in the artifact's pictures (`ocr` holds the pages with word boxes).
    ocrText: detail.ocr.length > 0 ? detail.ocr.map((p) => p.text).join('\n') : null,
    encoding: x?.encoding?.name ?? null,
    pages: x?.pages ?? null,
    timestamps: x?.timestamps ?? [],
    links: detail.links,
    languages:
      analysis?.fields.map((f) => ({
        field: f.field,
        label: f.language.label,
        confidence: f.language.confidence,
        shares: f.language.shares,
      })) ?? [],
    markers: analysis?.fields.flatMap((f) => (f.korean ? [{ field: f.field, ...f.korean }] : [])) ?? [],
    chineseVariants: analysis?.fields.flatMap((f) => (f.chinese ? [{ field: f.field, ...f.chinese }] : [])) ?? [],
    stageGuess: analysis?.stage ?? null,
    suggestions: review.suggestions,
    review,
  });
}

export const ingestCommands: Command[] = [
  {
    path: ['ingest'],
    usage: 'workbench ingest <caseDir> <path> [--json] [--no-extract]',
    summary: 'add an evidence folder, file or zip (read-only): hash, type and list every file, then extract metadata; run again to resume',
    booleanFlags: ['json', 'no-extract'],
    run: ingest,
  },
  {
    path: ['list'],
    usage: `workbench list <caseDir> ${FILTER_USAGE} [--limit N] [--offset N] [--json]`,
    summary: 'list the artifacts of a case with hashes, types, times, languages, tags and problems',
    booleanFlags: ['json', ...FILTER_BOOLEANS],
    run: list,
  },
  {
    path: ['artifact'],
    usage: 'workbench artifact <caseDir> <id> [--json] [--text-range START:END]',
    summary: 'show one artifact: hashes, times, metadata, text (all of it with --json), links',
    booleanFlags: ['json'],
    run: artifact,
  },
];
