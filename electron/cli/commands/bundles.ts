import path from 'node:path';
import { ArtifactFilters } from '../../../shared/domain/artifact';
import type { ExportJob, ExportProgress, ExportSelection } from '../../../shared/domain/bundle';
import { AppError } from '../../../shared/errors';
import { UsageError, requirePositional, type ParsedArgs } from '../args';
import { printJson, type CliIo, type Command } from '../command';

const PLAIN_PROGRESS_MS = 5_000;
const number = new Intl.NumberFormat('en-US');

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** `--production P`, `--query Q` (search text, or a JSON object of the list's filters) or `--saved NAME`; at most one. */
function selectionOf(args: ParsedArgs): ExportSelection {
  const given = (['production', 'query', 'saved'] as const).filter((f) => typeof args.flags.get(f) === 'string');
  if (given.length > 1) throw new UsageError(`--${given.join(', --')} exclude each other`);
  const value = (flag: string): string => String(args.flags.get(flag));
  switch (given[0]) {
    case 'production':
      return { kind: 'production', productionId: value('production') };
    case 'saved':
      return { kind: 'saved', name: value('saved') };
    case 'query': {
      const raw = value('query').trim();
      if (!raw.startsWith('{')) return { kind: 'filter', filters: { search: raw } };
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new UsageError('--query that starts with { must be a JSON object of filters');
      }
      const filters = ArtifactFilters.safeParse(json);
      if (!filters.success) throw new UsageError(`--query is not a filter: ${filters.error.issues[0]?.message ?? 'invalid'}`);
      return { kind: 'filter', filters: filters.data };
    }
    default:
      return { kind: 'case' };
  }
}

function bar(p: ExportProgress, width: number): string {
  const pct = p.bytesTotal > 0 ? (100 * p.bytesDone) / p.bytesTotal : p.filesTotal > 0 ? (100 * p.filesDone) / p.filesTotal : 0;
  const full = Math.round((Math.min(100, pct) / 100) * 20);
  const bytes = p.bytesTotal > 0 ? `  ${megabytes(p.bytesDone)}/${megabytes(p.bytesTotal)}` : '';
  const line = `[${'#'.repeat(full)}${'.'.repeat(20 - full)}] ${pct.toFixed(0).padStart(3)}%  ${p.phase}  ${number.format(p.filesDone)}/${number.format(p.filesTotal)}${bytes}${p.currentPath ? `  ${p.currentPath}` : ''}`;
  return `\r\x1b[2K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`;
}

async function exportCommand(args: ParsedArgs, io: CliIo): Promise<void> {
  const dir = path.resolve(requirePositional(args, 0, 'case folder <caseDir>'));
  const target = path.resolve(requirePositional(args, 1, 'bundle <out.zip>'));
  const json = args.flags.has('json');
  const selection = selectionOf(args);
  let drawn = false;
  let lastPlain = 0;
  let lastPhase = '';
  const ended = new Map<string, ExportJob>();
  let onEnded: ((job: ExportJob) => void) | null = null;
  // Listening before the start: a small export can end before the start call returns.
  const offProgress = io.on('exports.progress', (p) => {
    if (json) return io.out(`${JSON.stringify({ type: 'progress', ...p })}\n`);
    if (io.isTty) {
      drawn = true;
      return io.out(bar(p, process.stdout.columns ?? 100));
    }
    if (p.phase === lastPhase && Date.now() - lastPlain < PLAIN_PROGRESS_MS) return;
    lastPhase = p.phase;
    lastPlain = Date.now();
    io.out(`${p.phase}  ${number.format(p.filesDone)}/${number.format(p.filesTotal)}\n`);
  });
  const offFinished = io.on('exports.finished', (job) => {
    ended.set(job.id, job);
    onEnded?.(job);
  });
  let job: ExportJob;
  const onInterrupt = (): void => {
    io.err('\ncancelling… (nothing is left at the target)\n');
    if (started) void io.call('exports.cancel', { jobId: started.id });
  };
  let started: ExportJob | null = null;
  process.once('SIGINT', onInterrupt);
  try {
    started = await io.call('exports.start', {
      dir,
      target,
      selection,
      originals: args.flags.has('originals'),
      force: args.flags.has('force'),
      ...(typeof args.flags.get('examiner') === 'string' ? { examiner: String(args.flags.get('examiner')) } : {}),
    });
    const id = started.id;
    job = await new Promise<ExportJob>((resolve) => {
      const mine = ended.get(id);
      if (mine) return resolve(mine);
      onEnded = (j) => {
        if (j.id === id) resolve(j);
      };
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    offProgress();
    offFinished();
    if (drawn) io.out('\n');
  }
  if (json) io.out(`${JSON.stringify({ type: 'summary', ...job })}\n`);
  else if (job.status === 'done')
    io.out(
      `Exported ${number.format(job.artifacts)} artifacts to ${job.target} (${megabytes(job.bundleBytes ?? 0)})\nFingerprint (SHA-256 of SHA256SUMS): ${job.fingerprint}\n`,
    );
  if (job.status !== 'done')
    throw new AppError(job.status === 'cancelled' ? 'cancelled' : 'io', `export ${job.status}: ${job.message ?? ''}`);
}

export const bundleCommands: Command[] = [
  {
    path: ['export'],
    usage:
      'workbench export <caseDir> <out.zip> [--production P | --query Q | --saved NAME] [--originals] [--force] [--examiner E] [--json]',
    summary: 'write a case bundle: manifest, report, CSV, CASE/UCO, audit trail, optionally the evidence files, and SHA256SUMS',
    booleanFlags: ['json', 'originals', 'force'],
    run: exportCommand,
  },
  {
    path: ['verify'],
    usage: 'workbench verify <bundle.zip> [--json]',
    summary:
      'check a case bundle: every file against SHA256SUMS, the manifest schema, the originals and the audit chain; exits 1 naming what differs',
    booleanFlags: ['json'],
    async run(args, io) {
      const bundle = path.resolve(requirePositional(args, 0, 'bundle <bundle.zip>'));
      const result = await io.call('bundles.verify', { bundle });
      const failed = result.checks.filter((c) => !c.ok);
      if (args.flags.has('json')) printJson(io, result);
      else {
        for (const c of failed) io.out(`FAILED  ${c.subject}: ${c.message}\n`);
        io.out(
          `${result.ok ? 'verified' : 'does not verify'}: ${result.caseName ?? '?'}, ${number.format(result.artifacts)} artifacts, ${number.format(result.files)} files, ${result.checks.length} checks${failed.length ? `, ${failed.length} failed` : ''}\nFingerprint (SHA-256 of SHA256SUMS): ${result.fingerprint ?? 'none'}\n`,
        );
      }
      if (!result.ok)
        throw new AppError(
          'conflict',
          `the bundle does not verify: ${failed.length} check${failed.length === 1 ? '' : 's'} failed (${[...new Set(failed.map((c) => c.subject))].slice(0, 5).join(', ')})`,
        );
    },
  },
  {
    path: ['import'],
    usage: 'workbench import <bundle.zip> <caseDir> [--examiner E] [--json]',
    summary: 'open a verified case bundle as a new case (the evidence files stay where they are; the case records where it came from)',
    booleanFlags: ['json'],
    async run(args, io) {
      const bundle = path.resolve(requirePositional(args, 0, 'bundle <bundle.zip>'));
      const dir = path.resolve(requirePositional(args, 1, 'case folder <caseDir>'));
      const examiner = args.flags.get('examiner');
      const summary = await io.call('bundles.import', { bundle, dir, ...(typeof examiner === 'string' ? { examiner } : {}) });
      if (args.flags.has('json')) printJson(io, summary);
      else io.out(`Imported ${summary.name}: ${number.format(summary.artifactCount)} artifacts into ${summary.dir}\n`);
    },
  },
];
