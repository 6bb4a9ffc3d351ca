import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IngestJob, StartIngest } from '../../../shared/domain/ingest';
import type { Source, SourceKind } from '../../../shared/domain/source';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../db/audit-repo';
import { readCaseInfo } from '../../db/case-repo';
import { transaction, type Db } from '../../db/database';
import { finishJob, getJob, insertJob, listJobRows, runningJobRows, toIngestJob, type JobRow } from '../../db/job-repo';
import { findSourceByPath, insertSource, listSourceRows, updateSource } from '../../db/source-repo';
import { openEvidence } from '../../lib/evidence-file';
import { detectMime, SNIFF_BYTES, ZIP_MIME } from '../../formats/file-kind';
import { describeFsError, errnoCode } from '../../lib/fs-errors';
import { isInside } from '../../lib/paths';
import { canonicalCaseDir, caseDb, readOnlyReason, writableCaseDb } from '../case-store';
import type { Ctx } from '../context';
import { IngestRun } from './ingest-run';
import { closeIngestPool } from './worker-pool';

/** Jobs running in this process, by canonical case folder: one per case. */
const active = new Map<string, IngestRun>();

/** A job's owner that has not written for this long is presumed dead even if its pid exists (pid reuse). */
const STALE_HEARTBEAT_MS = 2 * 60_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM';
  }
}

function isLive(row: JobRow): boolean {
  if (row.ownerPid === process.pid) return [...active.values()].some((run) => run.jobId === row.id);
  if (row.ownerPid === null || !processAlive(row.ownerPid)) return false;
  const beat = row.heartbeatAt ? Date.parse(row.heartbeatAt) : 0;
  return Date.now() - beat < STALE_HEARTBEAT_MS;
}

const INTERRUPTED = 'the process running this job stopped before it finished; add the same source again to resume';

/**
 * Jobs left 'running' by a process that is gone (crash, kill -9) become 'interrupted'; their sources too. A case
 * open read-only is not written: its dead jobs are only shown as interrupted (see `asSettled`).
 */
function settleDeadJobs(db: Db, dir: string): JobRow[] {
  const live: JobRow[] = [];
  const writable = readOnlyReason(dir) === null;
  for (const row of runningJobRows(db)) {
    if (isLive(row)) {
      live.push(row);
      continue;
    }
    if (!writable) continue;
    transaction(db, () => {
      finishJob(db, row.id, 'interrupted', null, INTERRUPTED);
      updateSource(db, row.sourceId, { status: 'interrupted' });
    });
  }
  return live;
}

/** A job row as settling would leave it: what a read-only case shows for a job whose process is gone. */
const asSettled = (row: JobRow): JobRow =>
  row.status === 'running' && !isLive(row) ? { ...row, status: 'interrupted', message: INTERRUPTED } : row;

/** A positive whole number from the environment (the tests' pause point), else undefined. */
function wholeNumberFromEnv(name: string): number | undefined {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

interface Evidence {
  path: string;
  kind: SourceKind;
}

/**
 * The canonical evidence path and its kind, decided by content for files: a zip by magic number, whatever its
 * name. The root itself is resolved through symlinks (the analyst chose it); nothing below it ever is.
 */
async function resolveEvidence(input: string, caseDir: string): Promise<Evidence> {
  const abs = path.resolve(input.trim());
  let canonical: string;
  try {
    canonical = await realpath(abs);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') throw new AppError('not_found', `evidence path does not exist: ${abs}`);
    throw new AppError('io', describeFsError(e, abs));
  }
  if (isInside(canonical, caseDir)) {
    throw new AppError(
      'invalid_input',
      `the case folder ${caseDir} is inside the evidence ${canonical}; keep case folders outside the evidence`,
    );
  }
  const st = await stat(canonical).catch((e: unknown) => {
    throw new AppError('io', describeFsError(e, canonical));
  });
  if (st.isDirectory()) return { path: canonical, kind: 'folder' };
  if (!st.isFile()) throw new AppError('invalid_input', `not a file or folder: ${canonical}`);
  // Evidence integrity: read-only open (see openEvidence) of the first bytes, only to tell a zip from other files.
  let head: Uint8Array;
  try {
    const handle = await openEvidence(canonical);
    try {
      const buf = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw new AppError('io', describeFsError(e, canonical));
  }
  return { path: canonical, kind: (await detectMime(head, st.size)) === ZIP_MIME ? 'zip' : 'file' };
}

/**
 * Adds an evidence folder, file or zip to a case (or resumes it: the same path is the same source) and starts
 * ingesting it in the background; returns the running job at once. Raises `not_found` (no case, no evidence),
 * `invalid_input` (a case inside the evidence, not a file or folder), `conflict` (a job already runs in the case),
 * `io` (unreadable evidence root), `read_only` (the case is open read-only).
 */
export async function startIngest(input: StartIngest, ctx: Ctx): Promise<IngestJob> {
  const db = writableCaseDb(input.dir, 'adding evidence');
  const caseDir = canonicalCaseDir(input.dir);
  const evidence = await resolveEvidence(input.path, caseDir);
  const busy = active.get(caseDir);
  if (busy) throw new AppError('conflict', `an ingest job is already running in this case (job ${busy.jobId}); wait for it or cancel it`);
  const actor = readCaseInfo(db)?.examiner ?? 'workbench';
  // BEGIN IMMEDIATE serialises this check-then-insert with any other process opening the same case.
  const { source, jobId } = transaction(db, () => {
    const running = settleDeadJobs(db, caseDir)[0];
    if (running)
      throw new AppError('conflict', `an ingest job is already running in this case (job ${running.id}, process ${running.ownerPid})`);
    const now = new Date().toISOString();
    let found = findSourceByPath(db, evidence.path);
    if (!found) {
      const id = insertSource(db, evidence.path, evidence.kind, now);
      appendAudit(db, actor, 'source.added', { sourceId: id, path: evidence.path, kind: evidence.kind, host: ctx.host });
      found = { id, path: evidence.path, kind: evidence.kind, addedAt: now, status: 'pending' };
    } else if (found.kind !== evidence.kind) {
      updateSource(db, found.id, { kind: evidence.kind });
      found = { ...found, kind: evidence.kind };
    }
    updateSource(db, found.id, { status: 'ingesting' });
    return { source: found, jobId: insertJob(db, found.id, now, process.pid) };
  });
  const run = new IngestRun({
    db,
    caseDir,
    ctx,
    source,
    jobId,
    extract: input.extract ?? true,
    actor,
    pauseAfterFiles: wholeNumberFromEnv('WORKBENCH_TEST_PAUSE_AFTER'),
  });
  active.set(caseDir, run);
  void run.done
    .catch(() => undefined)
    .finally(() => {
      if (active.get(caseDir) === run) active.delete(caseDir);
    });
  return run.snapshot();
}

function jobIn(db: Db, caseDir: string, jobId: number): JobRow {
  const row = getJob(db, jobId);
  if (!row) throw new AppError('not_found', `no ingest job ${jobId} in ${caseDir}`);
  return row;
}

/**
 * Cancels a running job and resolves once it has stopped (work done so far is kept). A job that already ended is
 * returned as it is. Raises `not_found`, or `conflict` when the job runs in another process.
 */
export async function cancelIngest(dir: string, jobId: number): Promise<IngestJob> {
  const db = caseDb(dir);
  const caseDir = canonicalCaseDir(dir);
  const run = active.get(caseDir);
  if (run?.jobId === jobId) return run.cancel();
  settleDeadJobs(db, caseDir);
  const row = asSettled(jobIn(db, caseDir, jobId));
  if (row.status === 'running') throw new AppError('conflict', `job ${jobId} runs in another process (${row.ownerPid}); cancel it there`);
  return toIngestJob(row, caseDir);
}

/** Resolves when the job has ended (at once if it already has). Raises `not_found`. */
export async function waitForJob(dir: string, jobId: number): Promise<IngestJob> {
  const db = caseDb(dir);
  const caseDir = canonicalCaseDir(dir);
  const run = active.get(caseDir);
  if (run?.jobId === jobId) return run.done;
  settleDeadJobs(db, caseDir);
  return toIngestJob(asSettled(jobIn(db, caseDir, jobId)), caseDir);
}

/** Cancels every job this process runs, waits for them to stop (finished work is kept), then stops the workers. */
export async function stopAllJobs(): Promise<void> {
  await Promise.all([...active.values()].map((run) => run.cancel()));
  await closeIngestPool();
}

/** Every ingest job of a case, newest first; running jobs with live counters. Raises `not_found`. */
export function listJobs(dir: string): IngestJob[] {
  const db = caseDb(dir);
  const caseDir = canonicalCaseDir(dir);
  settleDeadJobs(db, caseDir);
  const run = active.get(caseDir);
  return listJobRows(db).map((row) => (run?.jobId === row.id ? run.snapshot() : toIngestJob(asSettled(row), caseDir)));
}

/** Every source of a case with artifact, byte and error counts. Raises `not_found`. */
export function listSources(dir: string): Source[] {
  const db = caseDb(dir);
  settleDeadJobs(db, dir);
  return listSourceRows(db);
}
