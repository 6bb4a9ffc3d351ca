import path from 'node:path';
import type { OcrJob, OcrProgress } from '../../../shared/domain/visual';
import { AppError } from '../../../shared/errors';
import { UsageError, requirePositional, wholeNumber, type ParsedArgs } from '../args';
import { printJson, type CliIo, type Command } from '../command';

/** Progress goes to stderr, so that stdout holds only the result (a script pipes it, a person still sees the count). */
function showProgress(io: CliIo, json: boolean, p: OcrProgress): void {
  if (json) return io.err(`${JSON.stringify({ type: 'progress', ...p })}\n`);
  const read = p.done + p.failed;
  const eta = p.etaSeconds === null ? '' : `  ETA ${Math.round(p.etaSeconds)} s`;
  const line = `OCR ${read + p.skipped}/${p.total}  ${p.failed} failed  ${p.skipped} done before${eta}${p.currentPath ? `  ${p.currentPath}` : ''}`;
  io.err(io.isTty ? `\r\x1b[2K${line}` : `${line}\n`);
}

function artifactIds(args: ParsedArgs): number[] {
  return args.positional.slice(1).map((raw) => {
    const id = wholeNumber(raw, 'artifact id');
    if (id === 0) throw new UsageError('artifact ids start at 1');
    return id;
  });
}

async function ocr(args: ParsedArgs, io: CliIo): Promise<void> {
  const dir = path.resolve(requirePositional(args, 0, 'case folder <caseDir>'));
  const json = args.flags.has('json');
  const ids = artifactIds(args);
  const all = args.flags.has('all');
  if (ids.length > 0 === all) throw new UsageError('give artifact ids or --all');
  const timeout = args.flags.get('timeout');
  const timeoutSeconds = typeof timeout === 'string' ? wholeNumber(timeout, '--timeout') : undefined;
  // Listening before the start: a short job can end before `visual.ocr.start` answers.
  const ended = new Map<number, OcrJob>();
  let onEnded: ((job: OcrJob) => void) | null = null;
  const offProgress = io.on('visual.ocr.progress', (p) => showProgress(io, json, p));
  const offFinished = io.on('visual.ocr.finished', (job) => {
    ended.set(job.id, job);
    onEnded?.(job);
  });
  let job: OcrJob;
  try {
    const started = await io.call('visual.ocr.start', all ? { dir, all, timeoutSeconds } : { dir, ids, timeoutSeconds });
    const onInterrupt = (): void => {
      io.err('\ncancelling… (what was read is kept; run the same command again to resume)\n');
      void io.call('visual.ocr.cancel', { dir, jobId: started.id });
    };
    process.once('SIGINT', onInterrupt);
    try {
      job = await new Promise<OcrJob>((resolve) => {
        const mine = ended.get(started.id);
        if (mine) return resolve(mine);
        onEnded = (j) => {
          if (j.id === started.id) resolve(j);
        };
      });
    } finally {
      process.off('SIGINT', onInterrupt);
    }
  } finally {
    offProgress();
    offFinished();
  }
  if (!json && io.isTty) io.err('\n');
  if (json) io.out(`${JSON.stringify({ type: 'summary', ...job })}\n`);
  else io.out(`OCR ${job.status}: ${job.done} read, ${job.failed} failed, ${job.skipped} read before (job ${job.id})\n`);
  if (job.status !== 'done')
    throw new AppError(job.status === 'cancelled' ? 'cancelled' : 'io', `OCR ${job.status}${job.message ? `: ${job.message}` : ''}`);
}

async function similar(args: ParsedArgs, io: CliIo): Promise<void> {
  const dir = path.resolve(requirePositional(args, 0, 'case folder <caseDir>'));
  const artifactId = wholeNumber(requirePositional(args, 1, 'artifact <id>'), '<id>');
  if (artifactId === 0) throw new UsageError('artifact ids start at 1');
  const limit = args.flags.get('limit');
  const found = await io.call('visual.similar', {
    dir,
    artifactId,
    ...(typeof limit === 'string' ? { limit: Math.max(1, wholeNumber(limit, '--limit')) } : {}),
  });
  if (args.flags.has('json')) return printJson(io, found);
  if (found.length === 0) return io.out('no similar pictures\n');
  for (const s of found) io.out(`${s.score.toFixed(3)}  ${String(s.distance).padStart(2)} bits  ${s.artifactId}  ${s.path}\n`);
}

async function clusters(args: ParsedArgs, io: CliIo): Promise<void> {
  const dir = path.resolve(requirePositional(args, 0, 'case folder <caseDir>'));
  const raw = args.flags.get('threshold');
  const found = await io.call('visual.clusters', {
    dir,
    ...(typeof raw === 'string' ? { threshold: wholeNumber(raw, '--threshold') } : {}),
  });
  if (args.flags.has('json')) return printJson(io, found);
  if (found.length === 0) return io.out('no near-duplicate pictures\n');
  found.forEach((c, i) => {
    io.out(`cluster ${i + 1} (${c.members.length} pictures)\n`);
    for (const m of c.members) io.out(`  ${m.artifactId}  ${m.path}\n`);
  });
}

export const visualCommands: Command[] = [
  {
    path: ['ocr'],
    usage: 'workbench ocr <caseDir> [artifactId…|--all] [--timeout SECONDS] [--json]',
    summary: 'read the text in images and text-less PDFs (progress on stderr; resumes where a cancelled run stopped)',
    booleanFlags: ['json', 'all'],
    run: ocr,
  },
  {
    path: ['similar'],
    usage: 'workbench similar <caseDir> <artifactId> [--limit N] [--json]',
    summary: 'pictures that look like an artifact, most similar first',
    booleanFlags: ['json'],
    run: similar,
  },
  {
    path: ['clusters'],
    usage: 'workbench clusters <caseDir> [--threshold BITS] [--json]',
    summary: 'groups of near-duplicate pictures (re-saved, resized, recompressed, slightly cropped)',
    booleanFlags: ['json'],
    run: clusters,
  },
];
