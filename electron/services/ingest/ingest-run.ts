import type { Production } from '../../../shared/domain/analysis';
import type { Extraction, PageText } from '../../../shared/domain/extraction';
import type { IngestJob, IngestProgress, JobStatus } from '../../../shared/domain/ingest';
import { AppError } from '../../../shared/errors';
import {
  depthOf,
  extractionCandidates,
  extractionTotals,
  idsUnder,
  markFailed,
  markMissing,
  noteProblem,
  pendingFiles,
  recordScanned,
  ArchiveWriter,
  saveHashed,
  sourceCounts,
  type ExtractionCandidate,
  type PendingFile,
  type SourceCounts,
} from '../../db/artifact-repo';
import { appendAudit } from '../../db/audit-repo';
import { transaction, type Db } from '../../db/database';
import { listProductions, saveAnalysis } from '../../db/analysis-repo';
import { ocrText } from '../../db/visual-repo';
import { saveExtraction, saveTextChunk, textChunks } from '../../db/extraction-repo';
import { clearLogRequests } from '../../db/log-repo';
import { finishJob, getJob, toIngestJob, updateJobCounts } from '../../db/job-repo';
import { updateSource, type SourceRow, type SourceStatus } from '../../db/source-repo';
import { describeFsError, errnoCode } from '../../lib/fs-errors';
import { logError } from '../../lib/log';
import { newLogFlow, tookLogChunk, type LogRequestsProgress } from '../../workers/log-flow';
import { TaskError } from '../../workers/pool';
import type { Extracted, HashOutcome, InventoryTask, WantedMember } from '../../workers/protocol';
import { ZIP_LIMITS, type HashedFile, type MemberRecord, type WalkEvent } from '../../model/inventory';
import { buildSearchDocs } from '../../analysis/search-docs';
import type { Ctx } from '../context';
import { pairTranslations } from '../watchlist';
import { EtaEstimator } from './eta';
import { EvidencePaths } from './evidence-paths';
import { acquireIngestPool, releaseIngestPool, type IngestPool } from './worker-pool';
import { completeLogExtraction, LOG_ROW_CHARS, writeLogChunk } from './log-rows';

const MIB = 1024 * 1024;

/** Characters of the page texts and annotations a stored extraction holds (its weight in a write batch). */
const pageChars = (pages: readonly PageText[]): number =>
  pages.reduce((n, p) => n + p.text.length + (p.annotations ?? []).reduce((m, a) => m + a.contents.length, 0), 0);

/**
 * Characters an extraction result holds until its batch is written: text and pages, its full-text rows (each text
 * again, folded, and its grams) and its analysis record, which is the largest part (half of what the workers send).
 */
const heldChars = ({ extraction, docs, analysis }: Extracted): number =>
  (extraction.text?.length ?? 0) +
  pageChars(extraction.pages ?? []) +
  docs.reduce((n, d) => n + d.content.length + d.folded.length + d.grams.length, 0) +
  analysis.analysisJson.length;

/** Longest a walking or hashing worker may stay silent (no batch listed, no 32 MiB read): a hung disk or share. */
const INVENTORY_SILENCE_MS = 120_000;
/** Per file, or per archive member, for the extractors. */
const EXTRACT_TIMEOUT_MS = 120_000;
/** Small files travel to the workers in batches; a batch that stalls or crashes a worker is retried file by file. */
const HASH_BATCH_FILES = 64;
const HASH_BATCH_BYTES = 16 * MIB;
const HASH_BATCHES_PER_WORKER = 4;
/** With extraction in the same pass a batch holds up to this many files' results in memory at once. */
const EXTRACT_BATCH_FILES = 16;
const BATCH_ROWS = 2000;
const BATCH_MS = 1000;
/**
 * Results waiting for their batch outlive the main thread's young-generation collections and are promoted, and V8
 * lets the old generation fill with them to several times the live data before collecting. Weighing texts only, with
 * up to a second of results held, the main thread's heap reached 243 MB (60–90 MB after each collection) while the
 * 44,000 zip members of the 100,000-file trove were extracted. Weighing whole results and writing every 4 Mi
 * characters it stays under 140 MB, and that ingest's peak RSS fell from 1,080–1,098 to 1,003 MiB in the same time
 * (374 s); 10,000 files: −40 MB, same time, and hash-only ingests (no results to weigh) are unchanged.
 */
const BATCH_CHARS = 4 * MIB;
/** Longest one write transaction may hold the thread (and the host's requests behind it). */
const WRITE_SLICE_MS = 40;
/** Members of one archive written per transaction. */
const ARCHIVE_SLICE = 250;
const PROGRESS_MS = 250;
const HEARTBEAT_MS = 5_000;
const PAGE = 1000;
const AUDIT_CHANGED_LIMIT = 1000;

type Phase = IngestProgress['phase'];

interface Tally {
  filesTotal: number;
  filesDone: number;
  bytesTotal: number;
  bytesDone: number;
}

export interface RunSetup {
  db: Db;
  caseDir: string;
  ctx: Ctx;
  source: SourceRow;
  jobId: number;
  extract: boolean;
  /** Who the audit trail names: the case examiner. */
  actor: string;
  /**
   * Test hook (`WORKBENCH_TEST_PAUSE_AFTER`): once this many files are hashed and committed, no more work is handed
   * out and the job waits, so a test can kill the process at a known point instead of racing it.
   */
  pauseAfterFiles?: number;
}

const sourceStatusOf: Record<JobStatus, SourceStatus> = {
  queued: 'pending',
  running: 'ingesting',
  done: 'ready',
  cancelled: 'cancelled',
  failed: 'failed',
  interrupted: 'interrupted',
};

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';

const failedExtraction = (message: string): Extraction => ({
  metadata: {},
  timestamps: [],
  warnings: [],
  extractors: [{ name: 'ingest', version: 0, error: message }],
});

const skippedExtraction = (reason: string): Extraction => ({ metadata: {}, timestamps: [], warnings: [reason], extractors: [] });

/**
 * Rows read a page at a time in id order, each page starting after the last id seen: rows the caller updates
 * meanwhile (hashed, extracted) drop out of later pages without shifting an offset.
 */
function* byId<T extends { id: number }>(page: (afterId: number) => T[]): Generator<T> {
  for (let after = 0; ;) {
    const rows = page(after);
    if (rows.length === 0) return;
    yield* rows;
    after = (rows[rows.length - 1] as T).id;
  }
}

/**
 * One ingest job: scan (every path recorded as pending, in batches), hash (workers; results written in batched
 * transactions), extract (workers), then finish. Everything committed stays committed, so a job stopped at any
 * point (cancel, crash, kill -9) resumes by running the same source again.
 */
export class IngestRun {
  readonly done: Promise<IngestJob>;
  private readonly paths: EvidencePaths;
  private readonly started = performance.now();
  /** The shared worker pool while the job runs; every task it sends carries the job as its group. */
  private pool: IngestPool | null = null;
  private cancelled = false;
  private fatal: unknown = null;
  private phase: Phase = 'scanning';
  private inventory: SourceCounts = { filesTotal: 0, filesDone: 0, bytesTotal: 0, bytesDone: 0, errorCount: 0 };
  /** What the progress bar shows: the inventory while scanning and hashing, the extraction work while extracting. */
  private shown: Tally = this.inventory;
  private phaseStart = { at: performance.now(), files: 0, bytes: 0 };
  private readonly eta = new EtaEstimator();
  /** Bytes read so far of files still being hashed (big files report as they go). */
  private partialBytes = 0;
  private current: string | null = null;
  private writes: (() => void)[] = [];
  private draining = false;
  private bufferedChars = 0;
  private lastFlush = performance.now();
  private changed: { path: string; previousSha256: string | null }[] = [];
  private changedCount = 0;
  private missingCount = 0;
  private versions = '';
  /** The case's watchlist as it was when the job started: every artifact of the job is matched against the same list. */
  private readonly productions: Production[];
  private progressTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;

  constructor(private readonly setup: RunSetup) {
    this.paths = EvidencePaths.forSource(setup.db, setup.source);
    this.productions = listProductions(setup.db);
    this.done = this.execute();
  }

  get jobId(): number {
    return this.setup.jobId;
  }

  /** Stops the job: workers are terminated, finished work is kept. Resolves with the final job. */
  cancel(): Promise<IngestJob> {
    this.cancelled = true;
    this.pool?.abandon(this);
    return this.done;
  }

  /** The job as it stands, with live counters. */
  snapshot(): IngestJob {
    const row = getJob(this.setup.db, this.setup.jobId);
    if (!row) throw new AppError('not_found', `job ${this.setup.jobId} is missing`);
    return { ...toIngestJob(row, this.setup.caseDir), ...this.inventory };
  }

  private async execute(): Promise<IngestJob> {
    this.progressTimer = setInterval(() => this.tick(), PROGRESS_MS);
    this.heartbeatTimer = setInterval(() => this.guard(() => this.persist()), HEARTBEAT_MS);
    let status: JobStatus = 'done';
    let message: string | null = null;
    try {
      // The process's shared pool walks, hashes (extracting files read whole on the way) and extracts what is left.
      const pool = (this.pool = acquireIngestPool());
      await this.scan(pool);
      if (!this.stopping()) await this.hash(pool);
      if (!this.stopping() && this.setup.extract) await this.extract(pool);
      this.flush();
      if (this.fatal) throw this.fatal;
      if (this.cancelled) {
        status = 'cancelled';
        message = 'finished work is kept; adding the same source again resumes';
      }
    } catch (e) {
      status = this.cancelled ? 'cancelled' : 'failed';
      message = e instanceof AppError ? e.message : errnoCode(e) ? describeFsError(e, 'ingest stopped') : messageOf(e);
      if (!(e instanceof AppError) && !errnoCode(e) && !this.cancelled) logError(`ingest job ${this.setup.jobId}`, e);
    }
    try {
      return await this.finish(status, message);
    } catch (e) {
      logError(`ingest job ${this.setup.jobId}: finishing`, e);
      throw new AppError('io', `ingest job ${this.setup.jobId} could not be finished: ${messageOf(e)}`);
    }
  }

  /**
   * For a task that did not complete: true when the caller should just stop (the pool was closed by a cancel, or
   * no worker can start, which fails the job); false when the failure belongs to the artifact.
   */
  private abandoned(e: unknown): boolean {
    if (!(e instanceof TaskError)) return false;
    if (e.reason === 'unavailable') this.fatal ??= new AppError('internal', e.message);
    return e.reason === 'closed' || e.reason === 'unavailable';
  }

  private stopping(): boolean {
    return this.cancelled || this.fatal !== null;
  }

  /** Runs work from a timer; a failure (the case database became unwritable) stops the job instead of the process. */
  private guard(work: () => void): void {
    try {
      work();
    } catch (e) {
      this.fatal ??= e;
      this.pool?.abandon(this);
    }
  }

  private tick(): void {
    this.guard(() => {
      if (performance.now() - this.lastFlush >= BATCH_MS) this.drain();
    });
    this.emitProgress();
  }

  private enter(phase: Phase, shown: Tally): void {
    this.phase = phase;
    this.shown = shown;
    this.phaseStart = { at: performance.now(), files: shown.filesDone, bytes: shown.bytesDone };
    this.eta.reset();
    this.emitProgress();
  }

  private emitProgress(): void {
    const { shown } = this;
    const now = performance.now();
    const seconds = (now - this.phaseStart.at) / 1000;
    const bytesDone = shown.bytesDone + (this.phase === 'hashing' ? this.partialBytes : 0);
    const filesPerSecond = seconds > 0 ? (shown.filesDone - this.phaseStart.files) / seconds : 0;
    const bytesPerSecond = seconds > 0 ? (bytesDone - this.phaseStart.bytes) / seconds : 0;
    const working = this.phase === 'hashing' || this.phase === 'extracting';
    this.setup.ctx.emit('ingest.progress', {
      jobId: this.setup.jobId,
      caseDir: this.setup.caseDir,
      sourceId: this.setup.source.id,
      phase: this.phase,
      filesDone: shown.filesDone,
      filesTotal: shown.filesTotal,
      bytesDone,
      bytesTotal: shown.bytesTotal,
      filesPerSecond,
      bytesPerSecond,
      etaSeconds: working
        ? this.eta.update(
            seconds,
            { files: shown.filesDone - this.phaseStart.files, bytes: bytesDone - this.phaseStart.bytes },
            { files: shown.filesTotal - this.phaseStart.files, bytes: shown.bytesTotal - this.phaseStart.bytes },
          )
        : null,
      currentPath: this.current,
      errorCount: this.inventory.errorCount,
      elapsedSeconds: (now - this.started) / 1000,
    });
  }

  /** Job counters and heartbeat, so other processes see a live job. */
  private persist(): void {
    updateJobCounts(this.setup.db, this.setup.jobId, this.inventory, new Date().toISOString());
  }

  private queue(write: () => void, chars = 0): void {
    this.writes.push(write);
    this.bufferedChars += chars;
    if (this.writes.length >= BATCH_ROWS || this.bufferedChars >= BATCH_CHARS || performance.now() - this.lastFlush >= BATCH_MS)
      this.drain();
  }

  /** Writes everything queued, now (before reads that must see it, and at the end). */
  private flush(): void {
    while (this.writes.length > 0) this.writeSlice(Number.POSITIVE_INFINITY);
    this.lastFlush = performance.now();
  }

  /**
   * Writes what is queued in transactions of at most WRITE_SLICE_MS each, giving the event loop back in between:
   * the web host and the UI share this thread, and one long commit would stall every request behind it.
   */
  private drain(): void {
    if (this.draining) return;
    this.lastFlush = performance.now();
    this.guard(() => this.writeSlice(WRITE_SLICE_MS));
    if (this.writes.length === 0) return;
    this.draining = true;
    setImmediate(() => {
      this.draining = false;
      if (this.writes.length > 0) this.drain();
    });
  }

  private writeSlice(budgetMs: number): void {
    const started = performance.now();
    let done = 0;
    transaction(this.setup.db, () => {
      while (done < this.writes.length) {
        (this.writes[done] as () => void)();
        done++;
        if (performance.now() - started >= budgetMs) break;
      }
    });
    this.writes.splice(0, done);
    if (this.writes.length === 0) this.bufferedChars = 0;
  }

  // ---- scanning ----

  private async scan(pool: IngestPool): Promise<void> {
    const { db, source } = this.setup;
    const tally = (this.inventory = { filesTotal: 0, filesDone: 0, bytesTotal: 0, bytesDone: 0, errorCount: 0 });
    this.enter('scanning', tally);
    const seen = new Set<number>();
    const folders = new Map<string, number>();
    const record = (event: WalkEvent): void => {
      if (event.type === 'unlisted') {
        const id = folders.get(event.folder.path);
        if (id === undefined) return;
        markFailed(db, id, event.folder.error);
        // What was recorded below it before is not missing, only unlistable now.
        for (const below of idsUnder(db, source.id, event.folder.path)) seen.add(below);
        return;
      }
      const e = event.entry;
      const result = recordScanned(db, source.id, {
        parentId: e.parentPath === null ? null : (folders.get(e.parentPath) ?? null),
        path: e.path,
        name: e.name,
        kind: e.kind,
        stat: e.stat,
        status: e.status,
        error: e.error,
        symlinkTarget: e.symlinkTarget,
        rawName: e.rawName,
        nameEncoding: e.nameEncoding,
      });
      seen.add(result.id);
      if (e.kind === 'directory') folders.set(e.path, result.id);
      if (result.outcome === 'changed') {
        this.changedCount++;
        if (this.changed.length < AUDIT_CHANGED_LIMIT) this.changed.push({ path: e.path, previousSha256: result.previousSha256 });
      }
    };
    try {
      await pool.run(
        { type: 'walk', root: source.path },
        {
          timeoutMs: INVENTORY_SILENCE_MS,
          group: this,
          onProgress: (p) => {
            if (p.type !== 'walked') return;
            for (const event of p.events) {
              if (event.type === 'entry' && event.entry.kind !== 'directory') {
                tally.filesTotal++;
                if (event.entry.kind === 'file') tally.bytesTotal += event.entry.stat?.size ?? 0;
                this.current = event.entry.path;
              }
              this.queue(() => record(event));
            }
          },
        },
      );
    } catch (e) {
      if (this.abandoned(e)) return;
      throw new AppError('io', messageOf(e));
    } finally {
      this.flush();
    }
    if (this.stopping()) return;
    transaction(db, () => {
      this.missingCount = markMissing(db, source.id, seen, `not found when the source was scanned again on ${new Date().toISOString()}`);
    });
    this.inventory = sourceCounts(db, source.id);
    this.persist();
  }

  // ---- hashing ----

  /** Runs `work` for each item with at most `limit` in flight: backpressure on the producer. */
  private async bounded<T>(items: AsyncIterable<T> | Iterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    for await (const item of items) {
      if (this.stopping()) break;
      while (inFlight.size >= limit) await Promise.race(inFlight);
      const task: Promise<void> = work(item).finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
    await Promise.all(inFlight);
  }

  /** Pending files in batches of small files (or one big file); smaller batches when they are also extracted. */
  private async *batches(): AsyncGenerator<PendingFile[]> {
    const maxFiles = this.setup.extract ? EXTRACT_BATCH_FILES : HASH_BATCH_FILES;
    let batch: PendingFile[] = [];
    let bytes = 0;
    for (const file of byId((after) => pendingFiles(this.setup.db, this.setup.source.id, after, PAGE))) {
      batch.push(file);
      bytes += file.size;
      if (batch.length < maxFiles && bytes < HASH_BATCH_BYTES) continue;
      yield batch;
      batch = [];
      bytes = 0;
    }
    if (batch.length) yield batch;
  }

  private async hash(pool: IngestPool): Promise<void> {
    this.enter('hashing', this.inventory);
    if (this.inventory.filesDone === this.inventory.filesTotal) return;
    await this.bounded(this.batches(), pool.size * HASH_BATCHES_PER_WORKER, (batch) => this.hashBatch(pool, batch, this.setup.extract));
    this.flush();
    this.persist();
  }

  /** The test hook's pause: once enough files are committed, hand out nothing more until the job is cancelled. */
  private async pauseIfAsked(): Promise<void> {
    const at = this.setup.pauseAfterFiles;
    if (at === undefined || this.inventory.filesDone < at) return;
    this.flush();
    this.persist();
    this.emitProgress();
    while (!this.stopping()) await new Promise((resolve) => setTimeout(resolve, PROGRESS_MS));
  }

  private async hashBatch(pool: IngestPool, files: PendingFile[], extract: boolean): Promise<void> {
    await this.pauseIfAsked();
    if (this.stopping()) return;
    const members: MemberRecord[][] = files.map(() => []);
    let partial = 0;
    let outcomes: HashOutcome[];
    try {
      const task: InventoryTask = {
        type: 'hash',
        files: files.map((f) => ({ path: this.paths.of(f), name: f.name, displayPath: f.path })),
        limits: ZIP_LIMITS,
        extract,
        productions: this.productions,
        logFlow: newLogFlow(),
      };
      const result = await pool.run(task, {
        timeoutMs: INVENTORY_SILENCE_MS,
        group: this,
        onProgress: (p) => {
          if (p.type === 'members') members[p.file]?.push(...p.members);
          else if (p.type === 'log-requests') this.logRequests(files[p.key]?.id, p, task.logFlow);
          else if (p.type === 'bytes') {
            partial += p.bytes;
            this.partialBytes += p.bytes;
          }
        },
      });
      if (result.type !== 'hashed' || result.files.length !== files.length) throw new Error('the worker answered a different task');
      outcomes = result.files;
    } catch (e) {
      if (this.abandoned(e)) return;
      if (files.length > 1) {
        // Which file stalled or crashed the worker is unknown: each is tried again alone, so only that one fails.
        await Promise.all(files.map((f) => this.hashBatch(pool, [f], extract)));
        return;
      }
      const [file] = files as [PendingFile];
      if (extract) {
        // The extractors are the likelier culprit: the file is hashed without them, and its extraction fails alone.
        this.extractionFailed(file.id, file.path, messageOf(e));
        await this.hashBatch(pool, files, false);
        return;
      }
      outcomes = [{ file: { stat: null, content: null, status: 'error', error: messageOf(e) }, members: 0 }];
      members[0] = [];
    } finally {
      this.partialBytes -= partial;
    }
    for (const [i, file] of files.entries()) {
      const outcome = outcomes[i];
      if (outcome) await this.recordHashed(file, outcome, members[i] ?? []);
    }
  }

  private async recordHashed(file: PendingFile, outcome: HashOutcome, members: MemberRecord[]): Promise<void> {
    this.current = file.path;
    const hashed: HashedFile =
      outcome.members === members.length
        ? outcome.file
        : { ...outcome.file, status: 'error', error: `member list incomplete (${members.length} of ${outcome.members})` };
    const size = hashed.stat?.size ?? file.size;
    const inv = this.inventory;
    inv.filesDone++;
    inv.bytesDone += size;
    inv.bytesTotal += size - file.size;
    if (hashed.status === 'error') inv.errorCount++;
    for (const m of members) {
      if (m.kind === 'directory') continue;
      // Only bytes actually inflated count: a refused bomb member's declared gigabytes were never read.
      const read = m.sha256 === null ? 0 : (m.size ?? 0);
      inv.filesTotal++;
      inv.filesDone++;
      inv.bytesTotal += read;
      inv.bytesDone += read;
      if (m.error) inv.errorCount++;
    }
    if (members.length === 0) this.queue(() => saveHashed(this.setup.db, file.id, hashed));
    else await this.saveArchive(file, hashed, members);
    const extracted = outcome.extracted;
    if (!extracted) return;
    if ('error' in extracted) this.extractionFailed(file.id, file.path, extracted.error);
    else this.saveExtracted(file.id, extracted);
  }

  /** An archive's members in slices; the archive counts as hashed only with the last one (see ArchiveWriter). */
  private async saveArchive(file: PendingFile, hashed: HashedFile, members: MemberRecord[]): Promise<void> {
    const { db } = this.setup;
    this.flush();
    const writer = new ArchiveWriter(db, this.setup.source.id, { id: file.id, path: file.path }, members);
    for (let from = 0; from < writer.members.length; from += ARCHIVE_SLICE) {
      transaction(db, () => writer.write(from, from + ARCHIVE_SLICE));
      if (from + ARCHIVE_SLICE < writer.members.length) await new Promise((resolve) => setImmediate(resolve));
    }
    transaction(db, () => writer.finish(hashed));
  }

  // ---- extracting ----

  /** Extracts what the hashing pass could not: archive members, files too large to read whole, earlier hash-only ingests. */
  private async extract(pool: IngestPool): Promise<void> {
    this.flush();
    const totals = extractionTotals(this.setup.db, this.setup.source.id);
    const tally: Tally = { filesTotal: totals.files, filesDone: 0, bytesTotal: totals.bytes, bytesDone: 0 };
    this.enter('extracting', tally);
    if (totals.files === 0) return;
    const members = new Map<number, { archive: { id: number; path: string }; wanted: WantedMember[] }>();
    const topArchive = this.archiveFinder();
    const files = async function* (run: IngestRun): AsyncGenerator<ExtractionCandidate> {
      for (const c of byId((after) => extractionCandidates(run.setup.db, run.setup.source.id, after, PAGE))) {
        if (c.kind === 'file') {
          yield c;
          continue;
        }
        const archive = topArchive(c.parentId ?? c.id);
        let group = members.get(archive.id);
        if (!group) members.set(archive.id, (group = { archive, wanted: [] }));
        group.wanted.push({
          id: c.id,
          path: c.path,
          name: c.name,
          size: c.size,
          mime: c.mime,
          sha256: c.sha256,
          ocrText: ocrText(run.setup.db, c.id),
        });
      }
    };
    await this.bounded(files(this), pool.size * 2, (c) => this.extractFile(pool, c, tally));
    await this.bounded(members.values(), pool.size * 2, (g) => this.extractMembers(pool, g.archive, g.wanted, tally));
    this.flush();
    this.persist();
  }

  /** The top-level archive (the file on disk) of an archive that holds members, climbing nested archives. */
  private archiveFinder(): (archiveId: number) => { id: number; path: string } {
    const cache = new Map<number, { id: number; path: string }>();
    const find = (id: number): { id: number; path: string } => {
      const cached = cache.get(id);
      if (cached) return cached;
      const row = depthOf(this.setup.db, id);
      if (!row) throw new Error(`artifact ${id} is missing`);
      const top = row.depth === 0 || row.parentId === null ? { id, path: row.path } : find(row.parentId);
      cache.set(id, top);
      return top;
    };
    return find;
  }

  /**
   * A chunk of an access log's requests, queued in order ahead of the log's extraction (sent after it), so a log
   * is written with its extraction in the batched transactions. Once queued the worker may send another chunk: at
   * most a few chunks plus the queue's flush threshold are held here, however long the log.
   */
  private logRequests(artifactId: number | undefined, chunk: LogRequestsProgress, flow: SharedArrayBuffer): void {
    if (artifactId !== undefined) this.queue(() => writeLogChunk(this.setup.db, artifactId, chunk), chunk.rows.length * LOG_ROW_CHARS);
    tookLogChunk(flow);
  }

  private saveExtracted(id: number, extracted: Extracted): void {
    const text = extracted.extraction.text;
    this.versions = extracted.versions;
    // The text goes in chunks, each its own write, so a huge text is committed over several slices (see drain).
    if (text !== undefined)
      textChunks(text).forEach((chunk, i) => this.queue(() => saveTextChunk(this.setup.db, id, i, chunk), chunk.length));
    this.queue(() => {
      const { extraction, versions, docs, analysis } = completeLogExtraction(this.setup.db, id, extracted);
      saveExtraction(this.setup.db, id, extraction, versions, docs);
      saveAnalysis(this.setup.db, id, analysis);
    }, heldChars(extracted));
  }

  /**
   * The extraction pipeline failed for this artifact: recorded on it, and an extraction row stops endless retries.
   * Requests of an access log that were stored before the failure go: the log is not analysed from part of it.
   */
  private extractionFailed(id: number, path: string, message: string): void {
    this.inventory.errorCount++;
    this.queue(() => {
      saveExtraction(this.setup.db, id, failedExtraction(message), this.versions, buildSearchDocs(path, null));
      clearLogRequests(this.setup.db, id);
      noteProblem(this.setup.db, id, `extraction failed: ${message}`);
    });
  }

  private count(tally: Tally, size: number): void {
    tally.filesDone++;
    tally.bytesDone += size;
  }

  private async extractFile(pool: IngestPool, c: ExtractionCandidate, tally: Tally): Promise<void> {
    this.current = c.path;
    const logFlow = newLogFlow();
    try {
      const result = await pool.run(
        {
          type: 'extract-file',
          path: this.paths.of(c),
          name: c.name,
          displayPath: c.path,
          size: c.size,
          mime: c.mime,
          sha256: c.sha256,
          mtime: c.mtime,
          productions: this.productions,
          logFlow,
          ocrText: ocrText(this.setup.db, c.id),
        },
        {
          timeoutMs: EXTRACT_TIMEOUT_MS,
          group: this,
          onProgress: (p) => {
            if (p.type === 'log-requests') this.logRequests(c.id, p, logFlow);
          },
        },
      );
      if (result.type === 'file') this.saveExtracted(c.id, result);
    } catch (e) {
      if (this.abandoned(e)) return;
      this.extractionFailed(c.id, c.path, messageOf(e));
    }
    this.count(tally, c.size);
  }

  /**
   * Members of one archive in one task, re-read from the archive in memory. A member that stalls or crashes the
   * worker fails alone: the task is started again for the members not done yet.
   */
  private async extractMembers(
    pool: IngestPool,
    archive: { id: number; path: string },
    wanted: WantedMember[],
    tally: Tally,
  ): Promise<void> {
    const remaining = new Map(wanted.map((w) => [w.id, w]));
    const settle = (id: number, apply: (w: WantedMember) => void): void => {
      const w = remaining.get(id);
      if (!w) return;
      remaining.delete(id);
      apply(w);
      this.count(tally, w.size);
    };
    while (remaining.size > 0 && !this.stopping()) {
      let running: number | null = null;
      const logFlow = newLogFlow();
      try {
        const result = await pool.run(
          {
            type: 'extract-members',
            archive: this.paths.absolute(archive.id),
            archivePath: archive.path,
            wanted: [...remaining.values()],
            limits: ZIP_LIMITS,
            productions: this.productions,
            logFlow,
          },
          {
            timeoutMs: EXTRACT_TIMEOUT_MS,
            group: this,
            onProgress: (p) => {
              if (p.type === 'log-requests') {
                this.logRequests(remaining.has(p.key) ? p.key : undefined, p, logFlow);
                return;
              }
              if (p.type === 'member-start') {
                running = p.id;
                this.current = remaining.get(p.id)?.path ?? this.current;
                return;
              }
              if (p.type !== 'member-done') return;
              running = null;
              settle(p.id, (w) => {
                if (p.extracted) this.saveExtracted(w.id, p.extracted);
                else if (p.error) this.extractionFailed(w.id, w.path, p.error);
                else
                  this.queue(() =>
                    saveExtraction(
                      this.setup.db,
                      w.id,
                      skippedExtraction(p.skipped ?? 'not extracted'),
                      this.versions,
                      buildSearchDocs(w.path, null),
                    ),
                  );
              });
            },
          },
        );
        if (result.type === 'members')
          for (const id of result.missing) settle(id, (w) => this.extractionFailed(w.id, w.path, 'no longer found in the archive'));
        for (const id of [...remaining.keys()]) settle(id, (w) => this.extractionFailed(w.id, w.path, 'not reached in the archive'));
      } catch (e) {
        if (this.abandoned(e)) return;
        const message = messageOf(e);
        if (running !== null) settle(running, (w) => this.extractionFailed(w.id, w.path, message));
        else for (const id of [...remaining.keys()]) settle(id, (w) => this.extractionFailed(w.id, w.path, message));
      }
    }
  }

  // ---- finishing ----

  private async finish(status: JobStatus, message: string | null): Promise<IngestJob> {
    const { db, source, jobId, ctx, actor } = this.setup;
    if (this.progressTimer) clearInterval(this.progressTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.pool) {
      this.pool.abandon(this);
      this.pool = null;
      releaseIngestPool();
    }
    this.current = null;
    try {
      this.flush();
    } catch (e) {
      // The results still queued are lost; their artifacts stay pending and are redone on resume.
      logError(`ingest job ${jobId}: final write`, e);
      this.writes = [];
    }
    this.inventory = sourceCounts(db, source.id);
    this.enter('finishing', this.inventory);
    let translationLinks = 0;
    if (this.setup.extract && status === 'done') {
      try {
        translationLinks = pairTranslations(db);
      } catch (e) {
        logError(`ingest job ${jobId}: pairing translations`, e);
      }
    }
    transaction(db, () => {
      this.persist();
      finishJob(db, jobId, status, new Date().toISOString(), message);
      updateSource(db, source.id, { status: sourceStatusOf[status] });
      appendAudit(db, actor, 'ingest.finished', {
        jobId,
        sourceId: source.id,
        path: source.path,
        status,
        files: this.inventory.filesTotal,
        bytes: this.inventory.bytesTotal,
        errors: this.inventory.errorCount,
        changedSinceLastIngest: this.changedCount,
        changed: this.changed,
        missingSinceLastIngest: this.missingCount,
        extracted: this.setup.extract,
        translationLinks,
        host: ctx.host,
      });
    });
    const job = this.snapshot();
    ctx.emit('ingest.finished', job);
    return job;
  }
}
