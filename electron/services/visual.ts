import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactSummary } from '../../shared/domain/artifact';
import type {
  AddReference,
  ClusterQuery,
  OcrJob,
  OcrProgress,
  ReferenceImage,
  ReferenceThumbnail,
  SimilarArtifact,
  SimilarityCluster,
  SimilarityLink,
  SimilarQuery,
  StartOcr,
  VisualCluster,
} from '../../shared/domain/visual';
import { AppError } from '../../shared/errors';
import { indexForms } from '../analysis/search-docs';
import { findProduction, listProductions, refreshSuggestions, saveAnalysis } from '../db/analysis-repo';
import { getArtifactSummary } from '../db/artifact-query';
import { appendAudit } from '../db/audit-repo';
import { readCaseInfo } from '../db/case-repo';
import { findSourceById } from '../db/source-repo';
import { transaction, type Db } from '../db/database';
import { readExtraction } from '../db/extraction-repo';
import {
  hashCandidates,
  hashError,
  hashOf,
  findReference,
  hashRows,
  hasCurrentOcr,
  insertReference,
  listReferences,
  ocrCandidates,
  reindexWithOcr,
  replaceLookAlikes,
  retireReference,
  saveFrameHashes,
  saveHashes,
  saveOcr,
  similarityScore,
  visualArtifacts,
  type HashRow,
  type OcrPageOutcome,
  type VisualCandidate,
} from '../db/visual-repo';
import { HashIndex } from '../formats/visual/hash-index';
import { openImage } from '../formats/visual/decode';
import { SIMILARITY_THRESHOLD } from '../formats/visual/similarity';
import { openEvidence } from '../lib/evidence-file';
import { describeFsError } from '../lib/fs-errors';
import type { VisualResult, VisualTask } from '../workers/visual-task';
import { canonicalCaseDir, caseDb, writableCaseDb } from './case-store';
import type { Ctx } from './context';
import { EvidencePaths } from './ingest/evidence-paths';
import { artifactPreview, readVerified } from './preview';
import { acquireVisualPool, closeVisualPool, releaseVisualPool, type VisualPool } from './visual-pool';

const DEFAULT_OCR_TIMEOUT_S = 60;
/** Beyond the OCR limit itself: starting an engine (about a second) and drawing a PDF page. */
const TASK_MARGIN_MS = 30_000;
const HASH_TIMEOUT_MS = 30_000;
/** Key frames of one video: ffmpeg's own limit is 60 s (key-frames.ts), plus its start. */
const VIDEO_TIMEOUT_MS = 90_000;
/** A scanned book would hold the queue for hours: longer PDFs are read this far, and the rest is recorded as not read. */
const MAX_OCR_PAGES = 50;
/** A reference image from outside the case is read whole; a model sheet is far below this. */
const MAX_REFERENCE_BYTES = 64 * 1024 * 1024;
const THUMBNAIL_SIZE = 160;

const isPdf = (c: { mime: string | null }): boolean => c.mime === 'application/pdf';
const examinerOf = (db: Db, given?: string): string => given ?? readCaseInfo(db)?.examiner ?? 'workbench';
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function popcount64(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  for (; x > 0n; x &= x - 1n) n++;
  return n;
}

function summaryOf(db: Db, id: number): ArtifactSummary {
  const a = getArtifactSummary(db, id);
  if (!a) throw new AppError('not_found', `no artifact ${id} in this case`);
  return a;
}

// ---- OCR jobs ----

/** OCR jobs of this process by canonical case folder: the running one and those that ended, newest last. */
const ocrJobs = new Map<string, OcrRun[]>();
let nextJobId = 1;

class OcrRun {
  readonly job: OcrJob;
  readonly done: Promise<OcrJob>;
  private cancelled = false;
  private pool: VisualPool | null = null;
  private readonly started = performance.now();
  private currentPath: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly ctx: Ctx,
    private readonly candidates: VisualCandidate[],
    private readonly timeoutMs: number,
    caseDir: string,
  ) {
    this.job = {
      id: nextJobId++,
      caseDir,
      status: 'running',
      total: candidates.length,
      done: 0,
      failed: 0,
      skipped: 0,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      message: null,
    };
    this.done = this.run();
  }

  /** Stops the job: tasks in the workers are abandoned (their workers replaced); what was stored stays. */
  cancel(): Promise<OcrJob> {
    this.cancelled = true;
    this.pool?.abandon(this);
    return this.done;
  }

  private async run(): Promise<OcrJob> {
    const pool = acquireVisualPool();
    this.pool = pool;
    const changed: number[] = [];
    try {
      // Resume: what was read for the current bytes already is counted as skipped, not read again.
      const todo = this.candidates.filter((c) => !hasCurrentOcr(this.db, c.id));
      this.job.skipped = this.candidates.length - todo.length;
      this.emitProgress();
      let next = 0;
      const lane = async (): Promise<void> => {
        while (!this.cancelled && next < todo.length) {
          const c = todo[next++] as VisualCandidate;
          if (await this.readOne(pool, c)) changed.push(c.id);
          this.emitProgress();
        }
      };
      await Promise.all(Array.from({ length: pool.size }, lane));
      this.finish(this.cancelled ? 'cancelled' : 'done', null);
    } catch (e) {
      this.finish('failed', messageOf(e));
    } finally {
      this.pool = null;
      releaseVisualPool();
    }
    if (changed.length > 0)
      this.ctx.emit('review.changed', { caseDir: this.job.caseDir, artifactIds: changed, kinds: ['suggestions', 'ocr'] });
    this.ctx.emit('visual.ocr.finished', { ...this.job });
    return { ...this.job };
  }

  /** Reads one artifact; true when its OCR was stored (done or failed), false when the job was cancelled meanwhile. */
  private async readOne(pool: VisualPool, c: VisualCandidate): Promise<boolean> {
    this.currentPath = c.path;
    const a = getArtifactSummary(this.db, c.id);
    const read = a ? await readVerified(this.db, a) : { reason: 'the artifact is no longer in this case' };
    const pages: OcrPageOutcome[] = [];
    if ('reason' in read) pages.push({ page: isPdf(c) ? 1 : 0, error: read.reason });
    else {
      const run = <T extends VisualTask>(task: T): Promise<VisualResult> =>
        pool.run(task, { timeoutMs: this.timeoutMs + TASK_MARGIN_MS, group: this });
      const dataDir = path.join(this.ctx.dataDir, 'tessdata');
      for (let page = isPdf(c) ? 1 : 0; ; page++) {
        if (this.cancelled) return false;
        if (page > MAX_OCR_PAGES) {
          pages.push({ page, error: `pages after ${MAX_OCR_PAGES} were not read` });
          break;
        }
        try {
          const result = await run({
            type: 'ocr-page',
            bytes: read.bytes,
            pdfPage: page === 0 ? null : page,
            dataDir,
            timeoutMs: this.timeoutMs,
          });
          if (result.type === 'no-page') break;
          if (result.type === 'ocr-page') pages.push({ page, result: result.result });
        } catch (e) {
          // A task stopped by the cancel fails one way or another (abandoned, its worker gone): not the artifact's failure.
          if (this.cancelled) return false;
          pages.push({ page, error: messageOf(e) });
        }
        if (page === 0) break;
      }
    }
    const text = pages
      .map((p) => p.result?.text ?? '')
      .filter(Boolean)
      .join('\n\n');
    let analysed: VisualResult | null = null;
    if (pages.some((p) => p.result)) {
      try {
        analysed = await pool.run(
          {
            type: 'analyse-ocr',
            text,
            analyse: { path: c.path, extraction: readExtraction(this.db, c.id), productions: listProductions(this.db) },
          },
          { timeoutMs: TASK_MARGIN_MS, group: this },
        );
      } catch (e) {
        // A task stopped by the cancel fails one way or another (abandoned, its worker gone): not the artifact's failure.
        if (this.cancelled) return false;
        throw e;
      }
    }
    transaction(this.db, () => {
      const ok = analysed?.type === 'ocr-analysis' ? analysed : null;
      saveOcr(this.db, c.id, c.sha256, pages, ok?.doc ?? null);
      if (!ok) return;
      reindexWithOcr(this.db, c.id, indexForms);
      saveAnalysis(this.db, c.id, ok.analysis);
    });
    if (pages.some((p) => p.result)) this.job.done++;
    else this.job.failed++;
    return true;
  }

  private finish(status: OcrJob['status'], message: string | null): void {
    this.job.status = status;
    this.job.message = message;
    this.job.finishedAt = new Date().toISOString();
    this.currentPath = null;
  }

  private emitProgress(): void {
    const elapsedSeconds = (performance.now() - this.started) / 1000;
    const read = this.job.done + this.job.failed;
    const left = this.job.total - this.job.skipped - read;
    this.ctx.emit('visual.ocr.progress', {
      ...this.job,
      currentPath: this.currentPath,
      elapsedSeconds,
      etaSeconds: read > 0 ? (elapsedSeconds / read) * left : null,
    } satisfies OcrProgress);
  }
}

/**
 * Starts OCR of the given artifacts (or of every image and every PDF without a text layer) in the visual workers and
 * returns the running job. Artifacts already read for their current bytes are skipped, so starting again resumes.
 * Each artifact's text is stored with word boxes, indexed as the `ocr` search field and analysed with the rest of the
 * artifact (languages, markers, watchlist suggestions). Raises `not_found`, `read_only`, `conflict` (an OCR job
 * runs in this case) or `invalid_input` (none of the ids is an image or PDF).
 */
export function startOcr(input: StartOcr, ctx: Ctx): OcrJob {
  const db = writableCaseDb(input.dir, 'running OCR');
  const caseDir = canonicalCaseDir(input.dir);
  const runs = ocrJobs.get(caseDir) ?? [];
  const running = runs.find((r) => r.job.status === 'running');
  if (running)
    throw new AppError('conflict', `an OCR job is already running in this case (job ${running.job.id}); wait for it or cancel it`);
  let candidates: VisualCandidate[];
  if (input.ids) {
    for (const id of input.ids) summaryOf(db, id);
    candidates = visualArtifacts(db, input.ids);
    if (candidates.length === 0) throw new AppError('invalid_input', 'none of the given artifacts is an image or a PDF that could be read');
  } else candidates = ocrCandidates(db);
  appendAudit(db, examinerOf(db), 'ocr.started', { artifacts: candidates.length, all: input.all === true, host: ctx.host });
  const run = new OcrRun(db, ctx, candidates, (input.timeoutSeconds ?? DEFAULT_OCR_TIMEOUT_S) * 1000, caseDir);
  ocrJobs.set(caseDir, [...runs, run]);
  return { ...run.job };
}

function runOf(dir: string, jobId: number): OcrRun {
  const run = ocrJobs.get(canonicalCaseDir(dir))?.find((r) => r.job.id === jobId);
  if (!run) throw new AppError('not_found', `no OCR job ${jobId} in this case (jobs are kept while the process runs)`);
  return run;
}

/** Cancels an OCR job and resolves once it has stopped; what was read is kept. Raises `not_found`. */
export async function cancelOcr(dir: string, jobId: number): Promise<OcrJob> {
  return runOf(dir, jobId).cancel();
}

/** Resolves when the OCR job has ended. Raises `not_found`. */
export async function waitForOcr(dir: string, jobId: number): Promise<OcrJob> {
  return runOf(dir, jobId).done;
}

/** The OCR jobs this process ran in a case, newest first (or the one asked for). Raises `not_found`. */
export function ocrStatus(dir: string, jobId?: number): OcrJob[] {
  // Opening the case raises `not_found` for a folder that is not one, even when no job ran in it.
  caseDb(dir);
  if (jobId !== undefined) return [{ ...runOf(dir, jobId).job }];
  return (ocrJobs.get(canonicalCaseDir(dir)) ?? []).map((r) => ({ ...r.job })).reverse();
}

/** Cancels running OCR jobs and stops the visual workers (shutdown). */
export async function stopVisualJobs(): Promise<void> {
  await Promise.all([...ocrJobs.values()].flat().map((r) => r.cancel()));
  await closeVisualPool();
}

// ---- perceptual hashes ----

const hashing = new Map<string, Promise<number>>();

/**
 * Hashes every image and PDF page 1 that has no hashes for its current bytes yet, in the visual workers, then matches
 * the new ones against the case's reference images. One pass per case at a time; returns how many were hashed.
 */
export function updateHashes(dir: string, ctx: Ctx): Promise<number> {
  const key = canonicalCaseDir(dir);
  const running = hashing.get(key);
  if (running) return running;
  const pass = hashPass(dir, ctx).finally(() => hashing.delete(key));
  hashing.set(key, pass);
  return pass;
}

/**
 * A video is hashed from its key frames (first, middle, scene changes), which ffmpeg reads from the file on disk.
 * Evidence integrity: ffmpeg opens it read-only; a video is not read whole again to re-hash it (it may be gigabytes),
 * so its size is checked against the inventory instead, and a changed file gets no hashes.
 */
async function hashVideo(db: Db, pool: VisualPool, c: VisualCandidate): Promise<void> {
  const source = getArtifactSummary(db, c.id);
  const sourceRow = source ? findSourceById(db, source.sourceId) : null;
  if (!source || !sourceRow) return saveFrameHashes(db, c.id, c.sha256, [], 'the artifact or its source is no longer in this case');
  const raw = EvidencePaths.forSource(db, sourceRow).absolute(c.id);
  const file = raw.toString('utf8');
  // ffmpeg takes the path as text: a name that is not valid UTF-8 would name another file.
  if (!Buffer.from(file, 'utf8').equals(raw))
    return saveFrameHashes(db, c.id, c.sha256, [], 'the file name is not UTF-8, which ffmpeg needs');
  const size = await stat(file).then(
    (s) => s.size,
    (e: unknown) => describeFsError(e, 'the video could not be read'),
  );
  if (typeof size === 'string') return saveFrameHashes(db, c.id, c.sha256, [], size);
  if (size !== c.size) return saveFrameHashes(db, c.id, c.sha256, [], 'evidence changed since ingest (size differs)');
  try {
    const result = await pool.run({ type: 'key-frames', path: file, options: {} }, { timeoutMs: VIDEO_TIMEOUT_MS });
    if (result.type !== 'key-frames') throw new Error(`unexpected worker result ${result.type}`);
    saveFrameHashes(
      db,
      c.id,
      c.sha256,
      result.frames.map((f) => f.hashes),
      null,
    );
  } catch (e) {
    saveFrameHashes(db, c.id, c.sha256, [], messageOf(e));
  }
}

async function hashPass(dir: string, ctx: Ctx): Promise<number> {
  const db = caseDb(dir);
  const todo = hashCandidates(db);
  if (todo.length === 0) return 0;
  // Hashes are kept in the case: a read-only case can only be searched as far as it was hashed before.
  writableCaseDb(dir, 'computing perceptual hashes');
  const pool = acquireVisualPool();
  let next = 0;
  try {
    const lane = async (): Promise<void> => {
      while (next < todo.length) {
        const c = todo[next++] as VisualCandidate;
        if (c.mime.startsWith('video/')) {
          await hashVideo(db, pool, c);
          continue;
        }
        const a = getArtifactSummary(db, c.id);
        const read = a ? await readVerified(db, a) : { reason: 'the artifact is no longer in this case' };
        const result: VisualResult | { reason: string } =
          'reason' in read
            ? read
            : await pool
                .run({ type: isPdf(c) ? 'hash-pdf' : 'hash-image', bytes: read.bytes }, { timeoutMs: HASH_TIMEOUT_MS })
                .catch((e: unknown) => ({ reason: messageOf(e) }));
        if (!('reason' in result) && result.type === 'hashes') saveHashes(db, c.id, c.sha256, result.pixels, result.hashes, null);
        else {
          const why = 'reason' in result ? result.reason : `unexpected worker result ${result.type}`;
          saveHashes(db, c.id, c.sha256, isPdf(c) ? 'pdf-page-1' : 'image', null, why);
        }
      }
    };
    await Promise.all(Array.from({ length: pool.size }, lane));
  } finally {
    releaseVisualPool();
  }
  matchReferences(
    db,
    ctx,
    dir,
    listReferences(db).map((r) => r.id),
  );
  return todo.length;
}

/** Hashes that take part in similarity: flat pictures (blank pages, solid fills) are near every other flat one. */
const comparable = (rows: readonly HashRow[]): HashRow[] => rows.filter((r) => !r.flat);

function requireHash(db: Db, id: number): HashRow {
  const a = summaryOf(db, id);
  const row = hashOf(db, id);
  if (row) return row;
  const why = hashError(db, id) ?? (a.mime ? `${a.mime} is not an image or PDF` : 'its type is unknown');
  throw new AppError('invalid_input', `artifact ${id} has no perceptual hash: ${why}`);
}

/**
 * Artifacts whose picture is near the given one's, nearest first (pHash distance, score = 1 − distance / 64), hashing
 * what has not been hashed yet first. Raises `not_found` or `invalid_input` (the artifact has no picture).
 */
export async function findSimilar(query: SimilarQuery, ctx: Ctx): Promise<SimilarArtifact[]> {
  await updateHashes(query.dir, ctx);
  const db = caseDb(query.dir);
  const target = requireHash(db, query.artifactId);
  const rows = comparable(hashRows(db)).filter((r) => r.artifactId !== target.artifactId);
  // Entries are rows (a video has one per key frame); each artifact is listed once, by its nearest picture.
  const index = new HashIndex(rows.map((r, i) => ({ id: i, hash: r.pHash })));
  const limit = query.limit ?? 20;
  const seen = new Set<number>();
  return index.nearest(target.pHash, rows.length, query.maxDistance ?? 20).flatMap(({ id, distance }) => {
    const row = rows[id];
    if (!row || seen.has(row.artifactId) || seen.size >= limit) return [];
    seen.add(row.artifactId);
    return [
      {
        artifactId: row.artifactId,
        path: row.path,
        distance,
        dDistance: popcount64(row.dHash, target.dHash),
        score: similarityScore(distance),
        pixels: row.pixels,
      },
    ];
  });
}

/** Groups of near-duplicate pictures (pHash within the threshold, default 10 bits, see similarity.ts), largest first. */
export async function visualClusters(query: ClusterQuery, ctx: Ctx): Promise<VisualCluster[]> {
  await updateHashes(query.dir, ctx);
  const rows = comparable(hashRows(caseDb(query.dir)));
  const paths = new Map(rows.map((r) => [r.artifactId, r.path]));
  const index = new HashIndex(rows.map((r) => ({ id: r.artifactId, hash: r.pHash })));
  return mergeByArtifact(index.clusters(query.threshold ?? SIMILARITY_THRESHOLD)).map((c) => ({
    members: c.members.map((id) => ({ artifactId: id, path: paths.get(id) ?? '' })),
    links: c.links,
  }));
}

/**
 * Clusters of pictures as clusters of artifacts: a video has a picture per key frame, so one artifact can sit in
 * several picture clusters (joined here into one) or twice in one; links between two frames of the same video go.
 */
function mergeByArtifact(clusters: readonly SimilarityCluster[]): SimilarityCluster[] {
  const groups: { members: Set<number>; links: SimilarityLink[] }[] = [];
  const groupOf = new Map<number, (typeof groups)[number]>();
  for (const c of clusters) {
    const touched = new Set(c.members.flatMap((id) => (groupOf.has(id) ? [groupOf.get(id) as (typeof groups)[number]] : [])));
    const group = { members: new Set(c.members), links: c.links.filter((l) => l.a !== l.b) };
    for (const other of touched) {
      for (const id of other.members) group.members.add(id);
      group.links.push(...other.links);
      groups.splice(groups.indexOf(other), 1);
    }
    groups.push(group);
    for (const id of group.members) groupOf.set(id, group);
  }
  return groups
    .filter((g) => g.members.size > 1)
    .map((g) => ({ members: [...g.members].sort((x, y) => x - y), links: g.links }))
    .sort((x, y) => y.members.length - x.members.length || (x.members[0] ?? 0) - (y.members[0] ?? 0));
}

// ---- reference images ----

/**
 * Sets the look-alikes of the given references (artifacts within the similarity threshold of each) and rewrites the
 * suggestions of every artifact that gained or lost one.
 */
function matchReferences(db: Db, ctx: Ctx, dir: string, referenceIds: readonly number[]): void {
  if (referenceIds.length === 0) return;
  const references = new Map(listReferences(db).map((r) => [r.id, r]));
  const rows = comparable(hashRows(db));
  const index = new HashIndex(rows.map((r) => ({ id: r.artifactId, hash: r.pHash })));
  const touched = new Set<number>();
  transaction(db, () => {
    for (const id of referenceIds) {
      const ref = references.get(id);
      const near = ref
        ? index
            .within(ref.pHash, SIMILARITY_THRESHOLD)
            .filter((n, i, all) => n.id !== ref.artifactId && all.findIndex((m) => m.id === n.id) === i)
            .map((n) => ({ artifactId: n.id, distance: n.distance }))
        : [];
      for (const a of replaceLookAlikes(db, id, near)) touched.add(a);
    }
    for (const a of touched) refreshSuggestions(db, a);
  });
  if (touched.size > 0) ctx.emit('review.changed', { caseDir: canonicalCaseDir(dir), artifactIds: [...touched], kinds: ['suggestions'] });
}

/** A small PNG of a reference from outside the case, kept in the case since the file itself is not evidence of it. */
async function thumbnailOf(bytes: Uint8Array): Promise<string> {
  const png = await openImage(bytes).rotate().resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside' }).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** Reads a reference image from outside the case. Evidence integrity: opened read-only, never written. */
async function readReferenceFile(file: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await openEvidence(path.resolve(file));
  } catch (e) {
    throw new AppError('not_found', describeFsError(e, `reference image ${file} could not be opened`));
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new AppError('invalid_input', `${file} is not a file`);
    if (stat.size > MAX_REFERENCE_BYTES) throw new AppError('invalid_input', `${file} is too large for a reference image`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Adds a known picture to a production (from the case or a file outside it) and makes the artifacts that look like it
 * suggestions for the production, with the score and both artifacts as evidence. Raises `not_found` (production,
 * artifact or file), `invalid_input` (no picture could be hashed) or `read_only`.
 */
export async function addReference(input: AddReference, ctx: Ctx): Promise<ReferenceImage> {
  const db = writableCaseDb(input.dir, 'adding a reference image');
  const production = findProduction(db, input.productionId);
  if (!production) throw new AppError('not_found', `no production "${input.productionId}" on this case's watchlist`);
  await updateHashes(input.dir, ctx);
  let fields: { artifactId: number | null; label: string; sha256: string; pHash: string; dHash: string; thumbnail: string | null };
  if (input.artifactId !== undefined) {
    const a = summaryOf(db, input.artifactId);
    const row = requireHash(db, a.id);
    fields = {
      artifactId: a.id,
      label: input.label ?? a.name,
      sha256: a.sha256 ?? '',
      pHash: row.pHash,
      dHash: row.dHash,
      thumbnail: null,
    };
  } else {
    const file = input.path ?? '';
    const bytes = await readReferenceFile(file);
    const pool = acquireVisualPool();
    let result: VisualResult;
    try {
      result = await pool.run({ type: 'hash-image', bytes }, { timeoutMs: HASH_TIMEOUT_MS });
    } catch (e) {
      throw new AppError('invalid_input', `${file} could not be read as an image: ${messageOf(e)}`);
    } finally {
      releaseVisualPool();
    }
    if (result.type !== 'hashes') throw new AppError('invalid_input', `${file} could not be read as an image`);
    if (result.hashes.flat) throw new AppError('invalid_input', `${file} is almost blank: it would look like every blank page`);
    fields = {
      artifactId: null,
      label: input.label ?? path.basename(file),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      pHash: result.hashes.pHash,
      dHash: result.hashes.dHash,
      thumbnail: await thumbnailOf(bytes),
    };
  }
  const examiner = examinerOf(db, input.examiner);
  const id = transaction(db, () => {
    const added = insertReference(db, { ...fields, productionId: production.id, addedAt: new Date().toISOString() }, examiner);
    appendAudit(db, examiner, 'reference.added', { referenceId: added, productionId: production.id, ...fields, thumbnail: undefined });
    return added;
  });
  matchReferences(db, ctx, input.dir, [id]);
  const saved = listReferences(db).find((r) => r.id === id);
  if (!saved) throw new AppError('internal', 'the reference image was not saved');
  return saved;
}

/** Takes a reference image off its production; its look-alike hits leave the suggestions. Raises `not_found`. */
export function removeReference(input: { dir: string; examiner?: string; id: number }, ctx: Ctx): null {
  const db = writableCaseDb(input.dir, 'removing a reference image');
  const examiner = examinerOf(db, input.examiner);
  transaction(db, () => {
    if (!retireReference(db, input.id, new Date().toISOString())) throw new AppError('not_found', `no reference image ${input.id}`);
    appendAudit(db, examiner, 'reference.removed', { referenceId: input.id });
  });
  const touched = transaction(db, () => replaceLookAlikes(db, input.id, []));
  transaction(db, () => touched.forEach((a) => refreshSuggestions(db, a)));
  if (touched.length > 0)
    ctx.emit('review.changed', { caseDir: canonicalCaseDir(input.dir), artifactIds: touched, kinds: ['suggestions'] });
  return null;
}

/**
 * The picture of a reference image: the thumbnail stored with one from outside the case, or one made from the case
 * artifact's preview (its bytes verified against the SHA-256 recorded at ingest, as for the preview itself).
 * Raises `not_found`.
 */
export async function referenceThumbnail(input: { dir: string; id: number }): Promise<ReferenceThumbnail> {
  const ref = findReference(caseDb(input.dir), input.id);
  if (!ref) throw new AppError('not_found', `no reference image ${input.id}`);
  const answer = (dataUrl: string | null, reason: string | null): ReferenceThumbnail => ({ referenceId: input.id, dataUrl, reason });
  if (ref.thumbnail !== null) return answer(ref.thumbnail, null);
  if (ref.artifactId === null) return answer(null, 'no picture was kept of this reference');
  const preview = await artifactPreview(input.dir, ref.artifactId);
  if (preview.kind === 'none') return answer(null, preview.reason);
  const bytes = Buffer.from(preview.dataUrl.slice(preview.dataUrl.indexOf(',') + 1), 'base64');
  return answer(await thumbnailOf(bytes), null);
}

/** The case's reference images (of one production, or all), with how many artifacts look like each. */
export function referenceImages(input: { dir: string; productionId?: string }): ReferenceImage[] {
  return listReferences(caseDb(input.dir), input.productionId);
}
