import { closeSync, fstatSync, type BigIntStats } from 'node:fs';
import { bufferSource } from '../formats/byte-source';
import { detectContentType, SNIFF_BYTES, ZIP_MIME } from '../formats/file-kind';
import { inventoryZip, newBudget, openZipBuffer, openZipFd, type Archive } from '../formats/zip/zip-walk';
import { openEvidenceSync, readToEnd } from '../lib/evidence-file';
import { statRecord } from '../lib/file-times';
import { describeFsError, errnoCode } from '../lib/fs-errors';
import { hashFd, HASH_CHUNK_BYTES, MultiHash, type HashedBytes } from '../lib/hashing';
import type { Production } from '../../shared/domain/analysis';
import type { HashedFile, MemberRecord, ZipLimits } from '../model/inventory';
import { extract } from './extract-task';
import { LogFlow } from './log-flow';
import type { HashFile, HashOutcome, HashTask, InventoryProgress, InventoryResult } from './protocol';

const MEMBER_BATCH = 256;
/** A progress message this often while hashing a big file keeps the pool's time limit from firing on slow disks. */
const HEARTBEAT_BYTES = 32 * HASH_CHUNK_BYTES;

/** Reused for every file this worker hashes: tasks run one at a time. */
const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);

/**
 * When extracting, files up to this size are read whole, once: hashed, typed, listed (zips) and extracted from the
 * same bytes. Larger ones, and every file of a hash-only ingest, are hashed as a stream through one reused buffer.
 */
export const WHOLE_READ_MAX_BYTES = 64 * 1024 * 1024;

function hashWhole(bytes: Buffer): HashedBytes {
  const hash = new MultiHash();
  hash.update(bytes);
  return { digests: hash.digest(), bytes: bytes.byteLength, head: bytes.subarray(0, SNIFF_BYTES) };
}

function describeOpenError(e: unknown): string {
  switch (errnoCode(e)) {
    case 'ENOENT':
      return 'vanished since it was listed (no such file)';
    case 'ELOOP':
      return 'became a symbolic link since it was listed: not followed';
    default:
      return describeFsError(e, 'cannot open');
  }
}

function notAFile(st: BigIntStats): string {
  if (st.isDirectory()) return 'became a folder since it was listed: not read';
  if (st.isFIFO() || st.isSocket() || st.isCharacterDevice() || st.isBlockDevice())
    return 'became a special file since it was listed: not read';
  return 'is no longer a regular file: not read';
}

/**
 * Hashes one evidence file (SHA-256, SHA-1, MD5 in one read pass), types it by content and, when it is a zip,
 * lists, hashes and types its members, sent back as progress batches. With `wantExtraction`, a file read whole is
 * also run through the extractors.
 */
async function hashOne(
  task: HashFile,
  limits: ZipLimits,
  wantExtraction: boolean,
  productions: readonly Production[],
  logs: LogFlow,
  index: number,
  progress: (p: InventoryProgress) => void,
  beat: (n: number) => void,
): Promise<HashOutcome> {
  const file = Buffer.from(task.path.buffer, task.path.byteOffset, task.path.byteLength);
  let fd: number;
  try {
    fd = openEvidenceSync(file);
  } catch (e) {
    return { file: { stat: null, content: null, status: 'error', error: describeOpenError(e) }, members: 0 };
  }
  try {
    // Stats from the open descriptor describe exactly the file that is hashed, even if the path changed since listing.
    const st = fstatSync(fd, { bigint: true });
    const stat = statRecord(st);
    if (!st.isFile()) return { file: { stat, content: null, status: 'error', error: notAFile(st) }, members: 0 };
    let hashed: HashedBytes;
    let whole: Buffer | null = null;
    try {
      if (wantExtraction && stat.size <= WHOLE_READ_MAX_BYTES) {
        whole = readToEnd(fd, stat.size, beat);
        hashed = hashWhole(whole);
      } else hashed = hashFd(fd, buffer, SNIFF_BYTES, beat);
    } catch (e) {
      return { file: { stat, content: null, status: 'error', error: describeFsError(e, 'read failed') }, members: 0 };
    }
    const type = await detectContentType(hashed.head, hashed.bytes, task.name);
    const result: HashedFile = { stat, content: { ...hashed.digests, ...type }, status: 'ok', error: null };
    if (hashed.bytes !== stat.size) {
      result.status = 'error';
      result.error = `changed while being read: ${stat.size} bytes at open, ${hashed.bytes} read (hashes cover the bytes read)`;
    }
    const outcome: HashOutcome = { file: result, members: 0 };
    if (wantExtraction && whole && result.status === 'ok') {
      const input = { name: task.name, path: task.displayPath, size: whole.byteLength, mime: type.mime ?? undefined };
      outcome.extracted = await extract({ ...input, source: bufferSource(whole) }, productions, logs.sink(index)).catch((e: unknown) => ({
        error: e instanceof Error ? e.message : String(e),
      }));
    }
    if (type.mime !== ZIP_MIME || limits.maxDepth < 1) return outcome;

    let batch: MemberRecord[] = [];
    let members = 0;
    const emit = (member: MemberRecord): void => {
      batch.push(member);
      members++;
      if (batch.length < MEMBER_BATCH) return;
      progress({ type: 'members', file: index, members: batch });
      batch = [];
    };
    let zipError: string | null;
    try {
      const archive: Archive = whole ? await openZipBuffer(whole) : await openZipFd(fd, limits.maxBufferBytes);
      try {
        zipError = await inventoryZip(archive, { archivePath: task.displayPath, depth: 1, budget: newBudget(limits), emit });
      } finally {
        archive.zip.close();
      }
    } catch (e) {
      zipError = `unreadable archive: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (batch.length) progress({ type: 'members', file: index, members: batch });
    if (zipError && result.status === 'ok') {
      result.status = 'error';
      result.error = zipError;
    }
    outcome.members = members;
    return outcome;
  } finally {
    closeSync(fd);
  }
}

/** Hashes the files of a task in order; one result per file, whatever happens to it. */
export async function hashTask(task: HashTask, progress: (p: InventoryProgress) => void): Promise<InventoryResult> {
  let sinceBeat = 0;
  const beat = (n: number): void => {
    sinceBeat += n;
    if (sinceBeat < HEARTBEAT_BYTES) return;
    progress({ type: 'bytes', bytes: sinceBeat });
    sinceBeat = 0;
  };
  const files: HashOutcome[] = [];
  const logs = new LogFlow(task.logFlow, progress);
  for (const [index, file] of task.files.entries()) {
    files.push(await hashOne(file, task.limits, task.extract, task.productions, logs, index, progress, beat));
    progress({ type: 'file-done', file: index });
  }
  return { type: 'hashed', files };
}
