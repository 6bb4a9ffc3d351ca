import { closeSync, fstatSync, type PathLike } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Entry } from 'yauzl';
import { AppError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/format/bytes';
import { archiveIdOf, type ArtifactRow } from '../../db/bundle-repo';
import type { Db } from '../../db/database';
import { findSourceById } from '../../db/source-repo';
import {
  bombRatio,
  inflatedChunks,
  inflateMemberInMemory,
  newBudget,
  openZipBuffer,
  openZipFd,
  unreadable,
  zipEntries,
  type Archive,
  type Budget,
} from '../../formats/zip/zip-walk';
import { openEvidence, openEvidenceSync, readToEnd } from '../../lib/evidence-file';
import { describeFsError } from '../../lib/fs-errors';
import { ZIP_LIMITS } from '../../model/inventory';
import { EvidencePaths } from '../ingest/evidence-paths';

/**
 * The evidence files themselves, for a bundle's `originals/`. Evidence integrity: files are opened read-only through
 * openEvidence (no atime update, no symlink followed) at the path re-resolved from the recorded name bytes; archive
 * members are inflated from their archives in memory or streamed, never extracted to disk, under the same zip-bomb
 * limits as ingest. Whatever is read is hashed on the way into the bundle and must match the inventory.
 */

const MEGABYTE = 1024 * 1024;

/** Already-compressed content gains nothing from deflate; storing it is what keeps a bundle of photos fast. */
const COMPRESSED =
  /^(image\/(jpeg|png|gif|webp|avif|heic|heif|jp2)|video\/|audio\/|application\/(zip|x-7z-compressed|gzip|x-gzip|x-bzip2|x-xz|x-rar-compressed|vnd\.rar|zstd|epub\+zip|vnd\.openxmlformats-officedocument\.))/;
export const isCompressed = (mime: string | null): boolean => mime !== null && COMPRESSED.test(mime);

/** Why an artifact has no original in a bundle, from what the inventory says of it; null when it can be copied. */
export function originalRefusal(a: ArtifactRow): string | null {
  if (a.kind === 'symlink') return 'symbolic links are recorded, not followed';
  if (a.kind === 'special') return 'special files are not read';
  if (a.status === 'pending') return 'not hashed yet (the ingest did not reach it)';
  if (a.status !== 'ok') return `not readable at ingest${a.error ? `: ${a.error}` : ''}`;
  if (!a.sha256 || !a.sha1 || !a.md5) return 'no hashes were recorded at ingest, so a copy could not be verified';
  return null;
}

/** A file name that is safe in a zip and in `sha256sum -c` input on every OS: no separators, controls or wildcards. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').replace(/^\.+/, '');
  if (cleaned.length <= 100) return cleaned || 'file';
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 12 ? cleaned.slice(dot) : '';
  return `${cleaned.slice(0, 100 - ext.length)}${ext}`;
}

export const originalPath = (a: Pick<ArtifactRow, 'id' | 'name'>): string => `originals/${a.id}-${safeFileName(a.name)}`;

/** The content of an original did not match the inventory: the evidence changed (or was replaced) since ingest. */
export class EvidenceChanged extends AppError {
  constructor(a: ArtifactRow, what: string) {
    super(
      'conflict',
      `EvidenceChanged: ${a.path} (artifact ${a.id}) no longer matches the inventory (${what}); the export was stopped and no bundle was written`,
    );
    this.name = 'EvidenceChanged';
  }
}

/**
 * Compares what was copied with what ingest recorded; raises EvidenceChanged naming the difference. SHA-256 alone
 * identifies the content (the inventory's SHA-1 and MD5 were taken from the same bytes at ingest, and `verify`
 * recomputes all three for whoever receives the bundle), which spares two of three hashes over every original.
 */
export function checkOriginal(a: ArtifactRow, sha256: string, bytes: number): void {
  if (a.size !== null && bytes !== a.size) throw new EvidenceChanged(a, `${bytes} bytes read, ${a.size} recorded`);
  if (sha256 !== a.sha256) throw new EvidenceChanged(a, `SHA-256 ${sha256}, recorded ${a.sha256}`);
}

interface OpenArchive {
  path: string;
  archive: Archive;
  entries: Map<string, Entry>;
}

async function indexArchive(archive: Archive, archivePath: string): Promise<OpenArchive> {
  const entries = new Map<string, Entry>();
  for await (const info of zipEntries(archive.zip, archivePath)) if (!info.isDirectory) entries.set(info.path, info.entry);
  return { path: archivePath, archive, entries };
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

/**
 * An original as read for the bundle: in memory when it is at most WHOLE_BYTES (most evidence files are), so it can
 * be hashed and checked before anything of it is written; streamed otherwise.
 */
export type OriginalSource = { bytes: Buffer } | { chunks: AsyncIterable<Buffer> } | { omitted: string };

/** Originals up to this size are read whole. */
export const WHOLE_BYTES = 4 * MEGABYTE;

const isReadWhole = (a: Pick<ArtifactRow, 'size'>): boolean => a.size !== null && a.size <= WHOLE_BYTES;

/**
 * Opens originals one after the other. Members should come grouped by archive (and by nested archive): the open
 * top-level archive and the nested ones on the current path are kept until another archive is asked for.
 */
export class OriginalReader {
  private top: { id: number; fd: number; budget: Budget; root: OpenArchive } | null = null;
  private nested = new Map<string, OpenArchive>();

  private readonly sources = new Map<number, ReturnType<typeof findSourceById>>();

  constructor(private readonly db: Db) {}

  private source(id: number): ReturnType<typeof findSourceById> {
    if (!this.sources.has(id)) this.sources.set(id, findSourceById(this.db, id));
    return this.sources.get(id) ?? null;
  }

  async open(a: ArtifactRow): Promise<OriginalSource> {
    return a.kind === 'member' ? this.member(a) : this.file(a);
  }

  private async file(a: ArtifactRow): Promise<OriginalSource> {
    const source = this.source(a.sourceId);
    if (!source) return { omitted: 'its source is no longer in the case' };
    const file = EvidencePaths.forSource(this.db, source).absolute(a.id);
    if (isReadWhole(a)) return readWholeFile(file, a.size ?? 0);
    let handle: FileHandle;
    try {
      handle = await openEvidence(file);
    } catch (e) {
      return { omitted: describeFsError(e, 'the evidence file could not be opened') };
    }
    const stat = await handle.stat().catch(() => null);
    if (!stat?.isFile()) {
      await handle.close();
      return { omitted: 'the evidence path is no longer a regular file' };
    }
    return { chunks: readAll(handle) };
  }

  private async member(a: ArtifactRow): Promise<OriginalSource> {
    const cut = a.path.indexOf('!/');
    const topId = cut < 0 ? null : archiveIdOf(this.db, a.sourceId, a.path.slice(0, cut));
    if (topId === null) return { omitted: 'its archive is no longer in the case' };
    try {
      const holder = await this.archiveFor(topId, a.path.slice(0, cut), a.path.slice(0, a.path.lastIndexOf('!/')));
      if ('omitted' in holder) return holder;
      const entry = holder.entries.get(a.path);
      if (!entry) return { omitted: 'no longer found in its archive' };
      const refused = unreadable(entry) ?? bombRatio(entry, ZIP_LIMITS);
      if (refused) return { omitted: refused };
      const budget = this.top?.budget ?? newBudget(ZIP_LIMITS);
      if (entry.uncompressedSize > WHOLE_BYTES) return { chunks: inflatedChunks(holder.archive.zip, entry, budget) };
      // An archive small enough is held in memory: its members are inflated in one call, without a stream each.
      if (holder.archive.bytes) return { bytes: inflateMemberInMemory(holder.archive.bytes, entry, budget) };
      return { bytes: await collect(inflatedChunks(holder.archive.zip, entry, budget)) };
    } catch (e) {
      return { omitted: `its archive could not be read: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  /** The open archive that directly holds a member: the top-level one, or a nested one read into memory. */
  private async archiveFor(topId: number, topPath: string, holderPath: string): Promise<OpenArchive | { omitted: string }> {
    if (this.top?.id !== topId) {
      this.close();
      const source = this.source(Number(this.sourceOf(topId)));
      if (!source) return { omitted: 'its source is no longer in the case' };
      let fd: number;
      try {
        fd = openEvidenceSync(EvidencePaths.forSource(this.db, source).absolute(topId));
      } catch (e) {
        return { omitted: describeFsError(e, 'its archive could not be opened') };
      }
      try {
        const archive = await openZipFd(fd, ZIP_LIMITS.maxBufferBytes);
        this.top = { id: topId, fd, budget: newBudget(ZIP_LIMITS), root: await indexArchive(archive, topPath) };
      } catch (e) {
        closeSync(fd);
        throw e;
      }
    }
    const top = this.top;
    if (!top) return { omitted: 'its archive could not be opened' };
    if (holderPath === top.root.path) return top.root;
    const cached = this.nested.get(holderPath);
    if (cached) return cached;
    const parent = await this.archiveFor(topId, topPath, holderPath.slice(0, holderPath.lastIndexOf('!/')));
    if ('omitted' in parent) return parent;
    const entry = parent.entries.get(holderPath);
    if (!entry) return { omitted: `the archive holding it (${holderPath}) is no longer found` };
    const refused = unreadable(entry) ?? bombRatio(entry, ZIP_LIMITS);
    if (refused) return { omitted: `the archive holding it was refused: ${refused}` };
    if (entry.uncompressedSize > ZIP_LIMITS.maxBufferBytes)
      return { omitted: `the archive holding it is larger than ${formatBytes(ZIP_LIMITS.maxBufferBytes)} and is not opened in memory` };
    // Only the nested archives on the current path stay open: members arrive grouped, so the others are done with.
    for (const [p, open] of this.nested) {
      if (!holderPath.startsWith(`${p}!/`)) {
        open.archive.zip.close();
        this.nested.delete(p);
      }
    }
    const opened = await indexArchive(
      await openZipBuffer(await collect(inflatedChunks(parent.archive.zip, entry, top.budget))),
      holderPath,
    );
    this.nested.set(holderPath, opened);
    return opened;
  }

  private sourceOf(artifactId: number): number | null {
    const row = this.db.prepare('SELECT source_id FROM artifacts WHERE id = ?').get(artifactId) as { source_id: number } | undefined;
    return row ? Number(row.source_id) : null;
  }

  close(): void {
    for (const open of this.nested.values()) open.archive.zip.close();
    this.nested.clear();
    if (this.top) {
      this.top.root.archive.zip.close();
      closeSync(this.top.fd);
      this.top = null;
    }
  }
}

/**
 * Reads an original of at most WHOLE_BYTES whole (see readToEnd: a file that grew or shrank comes back longer or
 * shorter and shows as changed). Blocking calls: a read of up to 4 MiB from the page cache takes about a millisecond,
 * while the five promise round trips of an asynchronous open, stat, read, read and close cost more than that (1.7 s
 * of main-thread time over 15,000 originals, measured).
 */
function readWholeFile(file: PathLike, expected: number): OriginalSource {
  let fd: number;
  try {
    fd = openEvidenceSync(file);
  } catch (e) {
    return { omitted: describeFsError(e, 'the evidence file could not be opened') };
  }
  try {
    if (!fstatSync(fd).isFile()) return { omitted: 'the evidence path is no longer a regular file' };
    return { bytes: readToEnd(fd, expected) };
  } catch (e) {
    return { omitted: describeFsError(e, 'the evidence file could not be read') };
  } finally {
    closeSync(fd);
  }
}

/** Reads a whole file from offset 0 to end of file (not to a size taken earlier: a file that grew shows as changed). */
async function* readAll(handle: FileHandle): AsyncGenerator<Buffer> {
  try {
    let position = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(MEGABYTE);
      const { bytesRead } = await handle.read(buffer, 0, MEGABYTE, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield bytesRead === MEGABYTE ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
