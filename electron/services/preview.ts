import { createHash } from 'node:crypto';
import { closeSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactSummary } from '../../shared/domain/artifact';
import { PageInfo, type ArtifactPreview, type PreviewMime } from '../../shared/domain/preview';
import { AppError } from '../../shared/errors';
import { formatBytes } from '../../shared/format/bytes';
import { getArtifactSummary } from '../db/artifact-query';
import { depthOf } from '../db/artifact-repo';
import type { Db } from '../db/database';
import { findSourceById } from '../db/source-repo';
import { openEvidence, openEvidenceSync } from '../lib/evidence-file';
import { describeFsError } from '../lib/fs-errors';
import { logError } from '../lib/log';
import { archivesOnTheWay, findMembers, newBudget, openZipFd } from '../formats/zip/zip-walk';
import { canonicalCaseDir, caseDb, readOnlyReason } from './case-store';
import { decodableJpegSize, findEmbeddedJpeg } from '../formats/image/embedded-preview';
import { detectImageFormat } from '../formats/image/format';
import type { PageRenderOptions, RenderedPage } from '../formats/visual/pdf-page';
import { PDF_STEP_TIMEOUT_MS } from '../formats/pdf';
import { TaskError } from '../workers/pool';
import { acquirePagePool, closePagePool, releasePagePool } from './visual-pool';
import { findWorkFilePicture, mayHoldWorkFilePicture, type WorkFilePicture } from '../formats/work-files/work-preview';
import { EvidencePaths } from './ingest/evidence-paths';
import { ZIP_LIMITS } from '../model/inventory';

const MIB = 1024 * 1024;
/** Originals up to this size are sent as they are; a larger image is shown by its embedded preview, if any. */
const ORIGINAL_MAX_BYTES = 15 * MIB;
/** A preview needs the whole file in memory to hash it first; beyond this that costs more than a picture is worth. */
const VERIFY_MAX_BYTES = 256 * MIB;
/** A page is drawn at most this many times as high as it is wide (a long strip is cut to a readable width). */
const PAGE_MAX_ASPECT = 3;
/** Derived data lives in the case folder, never next to the evidence (see BRIEF: the case holds thumbnails). */
const THUMBNAILS_DIR = 'thumbnails';
const CHANGED = 'evidence changed since ingest (SHA-256 differs)';

const none = (reason: string): ArtifactPreview => ({ kind: 'none', reason });
const dataUrl = (mime: PreviewMime, bytes: Uint8Array): string =>
  `data:${mime};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;

/** Why an artifact is not even read for a preview, from what ingest recorded. */
function refusal(a: ArtifactSummary): string | null {
  if (a.kind === 'directory') return 'a folder has no preview';
  if (a.kind === 'symlink') return 'symbolic links are recorded, not followed';
  if (a.kind === 'special') return 'special files are not read';
  if (a.status === 'pending') return 'not hashed yet: the preview waits for the ingest to reach this file';
  if (!a.sha256) return 'no SHA-256 was recorded at ingest, so the bytes could not be verified';
  if (a.mime === 'image/svg+xml') return 'SVG is not previewed: it is a document that can carry script';
  if (a.mime !== 'application/pdf' && !a.mime?.startsWith('image/') && !mayHoldWorkFilePicture(a.name))
    return `no preview for ${a.mime ?? 'this type'}`;
  if ((a.size ?? 0) > VERIFY_MAX_BYTES)
    return `too large to preview (${formatBytes(a.size ?? 0)}; previews verify the whole file first, up to ${formatBytes(VERIFY_MAX_BYTES)})`;
  return null;
}

type Read = { bytes: Buffer } | { reason: string };

/**
 * A top-level file, re-resolved from the recorded raw name bytes under its source (see EvidencePaths). Evidence
 * integrity: opened read-only without following links (openEvidence) and refused unless it is a regular file.
 */
async function readTopLevel(db: Db, a: ArtifactSummary): Promise<Read> {
  const source = findSourceById(db, a.sourceId);
  if (!source) return { reason: 'its source is no longer in this case' };
  const file = EvidencePaths.forSource(db, source).absolute(a.id);
  let handle: FileHandle;
  try {
    handle = await openEvidence(file);
  } catch (e) {
    return { reason: describeFsError(e, 'evidence file could not be opened') };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { reason: 'the evidence path is no longer a regular file' };
    // The recorded size passed the limit, so a file now above it has changed.
    if (stat.size > VERIFY_MAX_BYTES) return { reason: CHANGED };
    return { bytes: await handle.readFile() };
  } catch (e) {
    return { reason: describeFsError(e, 'evidence file could not be read') };
  } finally {
    await handle.close();
  }
}

/** The file on disk that holds a member: climbs nested archives to the top-level one. */
function topArchive(db: Db, id: number): { id: number; path: string } {
  const row = depthOf(db, id);
  if (!row) throw new AppError('not_found', `artifact ${id} is missing`);
  return row.depth === 0 || row.parentId === null ? { id, path: row.path } : topArchive(db, row.parentId);
}

/**
 * An archive member, inflated in memory from its (nested) archives, never extracted to disk; the archive is opened
 * read-only and read under the same zip-bomb limits as at ingest.
 */
async function readMember(db: Db, a: ArtifactSummary): Promise<Read> {
  const source = findSourceById(db, a.sourceId);
  if (!source || a.parentId === null) return { reason: 'its archive is no longer in this case' };
  const top = topArchive(db, a.parentId);
  const file = EvidencePaths.forSource(db, source).absolute(top.id);
  let fd: number;
  try {
    fd = openEvidenceSync(file);
  } catch (e) {
    return { reason: describeFsError(e, 'archive could not be opened') };
  }
  try {
    const archive = await openZipFd(fd, ZIP_LIMITS.maxBufferBytes);
    const via = new Set<string>();
    archivesOnTheWay(a.path, via);
    let read: Read = { reason: 'no longer found in its archive' };
    try {
      await findMembers(archive, top.path, 1, newBudget(ZIP_LIMITS), new Set([a.path]), via, async (found) => {
        read = found.bytes ? { bytes: found.bytes } : { reason: found.skipped ?? found.problem ?? 'member content is not available' };
      });
    } finally {
      archive.zip.close();
    }
    return read;
  } catch (e) {
    return { reason: `archive could not be read: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    closeSync(fd);
  }
}

/** `avif`/`avis` among the ftyp brands: AVIF is the one HEIF flavour Chromium decodes. */
function isAvif(bytes: Buffer): boolean {
  const brand = (at: number): string => bytes.toString('latin1', at, at + 4);
  if (bytes.byteLength < 12 || brand(4) !== 'ftyp') return false;
  const size = Math.min(bytes.readUInt32BE(0), 64, bytes.byteLength);
  for (let at = 8; at + 4 <= size; at += at === 8 ? 8 : 4) if (brand(at) === 'avif' || brand(at) === 'avis') return true;
  return false;
}

/** The type Chromium would decode the bytes as, by magic bytes only; undefined for anything it cannot show. */
function browserMime(bytes: Buffer): PreviewMime | undefined {
  switch (detectImageFormat(bytes.subarray(0, 64))) {
    case 'jpeg':
      return decodableJpegSize(bytes) ? 'image/jpeg' : undefined;
    case 'png':
      return 'image/png';
    case 'gif':
      return 'image/gif';
    case 'webp':
      return 'image/webp';
    case 'bmp':
      return 'image/bmp';
    case 'heif':
      return isAvif(bytes) ? 'image/avif' : undefined;
    default:
      return undefined;
  }
}

function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.byteLength < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function imagePreview(bytes: Buffer): ArtifactPreview {
  const mime = browserMime(bytes);
  if (mime && bytes.byteLength <= ORIGINAL_MAX_BYTES) {
    const size = mime === 'image/jpeg' ? decodableJpegSize(bytes) : mime === 'image/png' ? pngSize(bytes) : undefined;
    return { kind: 'image', mime, dataUrl: dataUrl(mime, bytes), ...size, origin: 'original' };
  }
  const embedded = findEmbeddedJpeg(bytes);
  if (embedded) {
    const why = mime ? `the original is larger than ${formatBytes(ORIGINAL_MAX_BYTES)}` : 'the browser cannot decode the original';
    return {
      kind: 'image',
      mime: 'image/jpeg',
      dataUrl: dataUrl('image/jpeg', embedded.bytes),
      width: embedded.width,
      height: embedded.height,
      origin: 'embedded-thumbnail',
      note: `Embedded JPEG preview from ${embedded.where} (${embedded.width}×${embedded.height}), not the original pixels: ${why}.`,
    };
  }
  const format = detectImageFormat(bytes.subarray(0, 64));
  if (mime) return none(`larger than ${formatBytes(ORIGINAL_MAX_BYTES)} and without an embedded preview`);
  return none(`${format ? format.toUpperCase() : 'this image type'} cannot be shown by the browser and holds no embedded JPEG preview`);
}

/** The picture a work file (Krita, OpenRaster, Animate, Clip Studio) keeps of itself, never the file's own pixels. */
async function workFilePreview(bytes: Buffer): Promise<ArtifactPreview> {
  let found: WorkFilePicture | undefined;
  try {
    found = await findWorkFilePicture(bytes);
  } catch (e) {
    return none(`the work file's preview could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!found) return none('this work file holds no preview picture the browser can show');
  return {
    kind: 'image',
    mime: found.mime,
    dataUrl: dataUrl(found.mime, found.bytes),
    width: found.width,
    height: found.height,
    origin: 'embedded-thumbnail',
    note: `Preview embedded in the work file (${found.where}, ${found.width}×${found.height}), not a rendering of its layers.`,
  };
}

const pageNote = (page: number): string => `Page ${page}, rendered by the workbench.`;

function pagePreview(png: Buffer, size: { width: number; height: number }, info: PageInfo): ArtifactPreview {
  return {
    kind: 'image',
    mime: 'image/png',
    dataUrl: dataUrl('image/png', png),
    ...size,
    origin: 'rendered-page',
    note: pageNote(info.page),
    pdf: info,
  };
}

/** A cached page's facts; an older cache entry without them (or a damaged one) is rendered again. */
async function readCachedInfo(file: string): Promise<PageInfo | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = PageInfo.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    // Not JSON: a write cut short. Rendering again replaces it.
    return null;
  }
}

async function writeCached(file: string, bytes: Buffer | string): Promise<void> {
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, bytes);
  await rename(partial, file);
}

/** How long the page worker may stay silent before it is stopped and replaced: beyond pdf.js's own four step limits. */
const PAGE_WORKER_LIMIT_MS = 4 * PDF_STEP_TIMEOUT_MS + 10_000;

/** Draws a page in the page worker (see visual-pool.ts), so the host keeps answering while a heavy page is drawn. */
async function renderInPageWorker(bytes: Buffer, page: number, options: PageRenderOptions): Promise<RenderedPage> {
  const pool = acquirePagePool();
  try {
    const result = await pool.run({ type: 'render-page', bytes, page, options }, { timeoutMs: PAGE_WORKER_LIMIT_MS });
    if (result.type !== 'rendered-page') throw new Error(`the page worker answered a ${result.type} task`);
    const rendered = result.page;
    if (!('png' in rendered)) return rendered;
    return { ...rendered, png: Buffer.from(rendered.png.buffer, rendered.png.byteOffset, rendered.png.byteLength) };
  } catch (e) {
    if (e instanceof TaskError) return { reason: `page ${page} could not be drawn: ${e.message}` };
    throw e;
  } finally {
    releasePagePool();
  }
}

/** Stops the page worker (the backend closing). */
export const closePreviewWorkers = closePagePool;

/**
 * Rendered pages are cached as `thumbnails/<sha256>-p<page>-w<width>.png` (and `.json` with the page's size and text)
 * in the case folder. The evidence is still read and hashed on every request first, so a cached page is only shown
 * for bytes that match what was hashed at ingest.
 */
async function pdfPreview(
  caseDir: string,
  sha256: string,
  bytes: Buffer,
  where: { page: number; width: number; canCache: boolean },
): Promise<ArtifactPreview> {
  const cached = path.join(caseDir, THUMBNAILS_DIR, `${sha256}-p${where.page}-w${where.width}`);
  const [hit, hitInfo] = await Promise.all([readFile(`${cached}.png`).catch(() => null), readCachedInfo(`${cached}.json`)]);
  const hitSize = hit ? pngSize(hit) : undefined;
  if (hit && hitSize && hitInfo) return pagePreview(hit, hitSize, hitInfo);
  const page = await renderInPageWorker(bytes, where.page, {
    maxWidth: where.width,
    maxHeight: where.width * PAGE_MAX_ASPECT,
    withText: true,
  });
  if ('pageCount' in page) throw new AppError('not_found', `the PDF has ${page.pageCount} pages, not ${where.page}`);
  if ('reason' in page) return none(page.reason);
  if (where.canCache) {
    try {
      await mkdir(path.dirname(cached), { recursive: true });
      await writeCached(`${cached}.png`, page.png);
      await writeCached(`${cached}.json`, JSON.stringify(page.info));
    } catch (e) {
      // A case folder that cannot be written (read-only media) still gets its preview, only not cached.
      logError(`caching the preview ${cached}`, e);
    }
  }
  return pagePreview(page.png, { width: page.width, height: page.height }, page.info);
}

/**
 * The bytes of a file or archive member, read read-only (see readTopLevel, readMember), or why not. Evidence
 * integrity: they are returned only when their SHA-256 is the one recorded at ingest.
 */
export async function readVerified(db: Db, a: ArtifactSummary): Promise<Read> {
  if (!a.sha256) return { reason: 'no SHA-256 was recorded at ingest, so the bytes could not be verified' };
  if ((a.size ?? 0) > VERIFY_MAX_BYTES) return { reason: `too large to read whole (${formatBytes(a.size ?? 0)})` };
  const read = a.kind === 'member' ? await readMember(db, a) : await readTopLevel(db, a);
  if ('reason' in read) return read;
  return createHash('sha256').update(read.bytes).digest('hex') === a.sha256 ? read : { reason: CHANGED };
}

/**
 * A picture of one artifact: the original image, an embedded JPEG preview, the preview a work file keeps of itself
 * (Krita, OpenRaster, Animate, Clip Studio), or a page of a PDF (page 1 at 800 px for the detail pane; any page,
 * wider, for the viewer). Evidence integrity: the bytes are read read-only and must match the
 * SHA-256 recorded at ingest before anything derived from them is returned; otherwise the answer is `none` with the
 * reason. Raises `not_found` (no such artifact, or a page beyond the last).
 */
export async function artifactPreview(dir: string, id: number, page = 1, width = 800): Promise<ArtifactPreview> {
  const db = caseDb(dir);
  const a = getArtifactSummary(db, id);
  if (!a) throw new AppError('not_found', `no artifact ${id} in this case`);
  const refused = refusal(a);
  if (refused || !a.sha256) return none(refused ?? 'no SHA-256 recorded');
  const read = await readVerified(db, a);
  if ('reason' in read) return none(read.reason);
  // From here on `a.sha256` equals a digest just computed, so it is plain hex and safe as a cache file name.
  if (!a.mime?.startsWith('image/') && mayHoldWorkFilePicture(a.name)) return workFilePreview(read.bytes);
  // A case open read-only is never written to, not even a cache file.
  if (a.mime === 'application/pdf')
    return pdfPreview(canonicalCaseDir(dir), a.sha256, read.bytes, { page, width, canCache: readOnlyReason(dir) === null });
  return imagePreview(read.bytes);
}
