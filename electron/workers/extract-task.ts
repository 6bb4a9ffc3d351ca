import { createHash } from 'node:crypto';
import { closeSync, type PathLike } from 'node:fs';
import { openEvidence, openEvidenceSync } from '../lib/evidence-file';
import { isoFromNs } from '../lib/file-times';
import { buildSearchDocs } from '../analysis/search-docs';
import { bufferSource, fileSource } from '../formats/byte-source';
import type { ExtractInput } from '../formats/types';
import type { Production } from '../../shared/domain/analysis';
import type { LogRequestSink } from '../model/log-requests';
import { LogFlow } from './log-flow';
import type { Extracted, ExtractFileTask, ExtractMembersTask, ExtractProgress, ExtractResult } from './protocol';
import { archivesOnTheWay, findMembers, newBudget, openZipFd } from '../formats/zip/zip-walk';

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * The extractors (and the parsers they load) are imported on first use, so hash-only workers stay small and the
 * main thread never loads them; the versions reported are those of the extractors that actually ran.
 */
export async function extract(
  input: ExtractInput,
  productions: readonly Production[],
  logRequests: LogRequestSink,
  ocrText?: string,
): Promise<Extracted> {
  const run = await import('../formats/run');
  const analysis = await import('../analysis/artifact-analysis');
  const extraction = await run.runExtractors({ ...input, logRequests });
  return {
    extraction,
    versions: run.extractorVersions(),
    docs: buildSearchDocs(input.path, extraction),
    analysis: SKIP_ANALYSIS ? analysis.noAnalysis() : analysis.analysisRecord(input.path, extraction, productions, ocrText),
  };
}

/** WORKBENCH_SKIP_ANALYSIS=1 is the benchmark's A/B of what the analysis layer costs an ingest; nothing else sets it. */
const SKIP_ANALYSIS = process.env.WORKBENCH_SKIP_ANALYSIS === '1';

/** Files up to this size are read whole, re-hashed, and extracted from that same read. */
const VERIFY_MAX_BYTES = 256 * 1024 * 1024;

const EVIDENCE_CHANGED = 'evidence changed since it was hashed (SHA-256 differs); ingest the source again';

/**
 * Evidence integrity: the whole file, read once (read-only), and only if its SHA-256 is still the one recorded at
 * hashing. Reads until end of file, one byte past the recorded size at most, so a file that grew is caught too.
 */
async function readVerified(file: PathLike, task: ExtractFileTask): Promise<Uint8Array> {
  const handle = await openEvidence(file);
  try {
    // Opened non-blocking (see openEvidence): a path that is no longer a regular file is refused, not read.
    if (!(await handle.stat()).isFile()) throw new Error(EVIDENCE_CHANGED);
    const buf = Buffer.allocUnsafe(task.size + 1);
    let done = 0;
    while (done < buf.byteLength) {
      const { bytesRead } = await handle.read(buf, done, buf.byteLength - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    const bytes = buf.subarray(0, done);
    if (done > task.size || createHash('sha256').update(bytes).digest('hex') !== task.sha256) throw new Error(EVIDENCE_CHANGED);
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Size and mtime (nanoseconds) against those recorded at hashing, read from a fresh read-only open. */
async function checkStat(file: PathLike, task: ExtractFileTask): Promise<void> {
  const handle = await openEvidence(file);
  try {
    const st = await handle.stat({ bigint: true });
    if (!st.isFile() || Number(st.size) !== task.size || isoFromNs(st.mtimeNs) !== task.mtime) throw new Error(EVIDENCE_CHANGED);
  } finally {
    await handle.close();
  }
}

/**
 * A top-level file. Evidence integrity: the metadata must describe the bytes that were hashed. Up to the cap, the
 * extractors get exactly the bytes just verified against the recorded SHA-256 (no second read, so nothing can change
 * between the check and the use). A changed file fails with EVIDENCE_CHANGED and is not extracted.
 */
export async function extractFile(task: ExtractFileTask, progress: (p: ExtractProgress) => void): Promise<ExtractResult> {
  const file = toBuffer(task.path);
  const input = { name: task.name, path: task.displayPath, size: task.size, mime: task.mime ?? undefined };
  const logs = new LogFlow(task.logFlow, progress).sink(0);
  if (task.size <= VERIFY_MAX_BYTES) {
    const extracted = await extract(
      { ...input, source: bufferSource(await readVerified(file, task)) },
      task.productions,
      logs,
      task.ocrText,
    );
    return { type: 'file', ...extracted };
  }
  // Above the cap (video, disk images) the file is not held in memory nor hashed again: that would cost a second
  // full read of the largest files, and the extractors read only parts of them. Size and mtime, as recorded at
  // hashing, are checked before and after instead; they catch ordinary changes, not a same-size write that restores mtime.
  await checkStat(file, task);
  const extracted = await extract({ ...input, source: fileSource(file, task.size) }, task.productions, logs, task.ocrText);
  await checkStat(file, task);
  return { type: 'file', ...extracted };
}

/**
 * Extracts members of one top-level archive, read again from disk (read-only) and inflated in memory. Each
 * member's SHA-256 is checked against the one recorded at hashing, so what is extracted is what was inventoried.
 */
export async function extractMembers(task: ExtractMembersTask, progress: (p: ExtractProgress) => void): Promise<ExtractResult> {
  const byPath = new Map(task.wanted.map((w) => [w.path, w]));
  const via = new Set<string>();
  for (const w of task.wanted) archivesOnTheWay(w.path, via);
  const seen = new Set<number>();
  const flow = new LogFlow(task.logFlow, progress);
  const fd = openEvidenceSync(toBuffer(task.archive));
  try {
    const archive = await openZipFd(fd, task.limits.maxBufferBytes);
    try {
      await findMembers(archive, task.archivePath, 1, newBudget(task.limits), new Set(byPath.keys()), via, async (found) => {
        const wanted = byPath.get(found.path);
        if (!wanted || seen.has(wanted.id)) return;
        seen.add(wanted.id);
        progress({ type: 'member-start', id: wanted.id });
        if (!found.bytes) {
          const error = found.skipped ? null : (found.problem ?? 'content not available');
          progress({ type: 'member-done', id: wanted.id, extracted: null, skipped: found.skipped, error });
          return;
        }
        if (createHash('sha256').update(found.bytes).digest('hex') !== wanted.sha256) {
          progress({
            type: 'member-done',
            id: wanted.id,
            extracted: null,
            skipped: null,
            error: 'content differs from what was hashed at ingest (archive changed?): not extracted',
          });
          return;
        }
        const extracted = await extract(
          {
            name: wanted.name,
            path: wanted.path,
            size: wanted.size,
            mime: wanted.mime ?? undefined,
            source: bufferSource(found.bytes),
          },
          task.productions,
          flow.sink(wanted.id),
          wanted.ocrText,
        );
        progress({ type: 'member-done', id: wanted.id, extracted, skipped: null, error: null });
      });
    } finally {
      archive.zip.close();
    }
  } finally {
    closeSync(fd);
  }
  return { type: 'members', missing: task.wanted.filter((w) => !seen.has(w.id)).map((w) => w.id) };
}
