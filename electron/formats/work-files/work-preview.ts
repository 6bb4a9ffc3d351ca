import { bufferSource } from '../byte-source';
import { decodableJpegSize } from '../image/embedded-preview';
import type { ByteSource } from '../types';
import { clipDatabase, isClipStudio, readClipChunks } from './clip-studio';
import { withEmbeddedSqlite } from './embedded-sqlite';
import { isZip, readWorkZip, zipMimetype } from './work-xml';

/**
 * The picture a work file carries of itself, for the detail pane: Krita's `mergedimage.png` or `preview.png`,
 * OpenRaster's `mergedimage.png` or `Thumbnails/thumbnail.png`, the XMP thumbnail Animate keeps in a `.fla`, Clip
 * Studio's canvas preview. Photoshop files are served by the image path (their thumbnail image resource).
 */

export interface WorkFilePicture {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  where: string;
}

/** Work files whose picture is looked for; the name decides only whether to look, the content what is found. */
const WORK_FILE_NAMES = /\.(kra|kra~|ora|fla|clip)$/i;

export const mayHoldWorkFilePicture = (name: string): boolean => WORK_FILE_NAMES.test(name);

/** Pictures larger than this are not sent to the pane (the original-image limit of the preview service). */
const MAX_PICTURE = 15 * 1024 * 1024;

function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.byteLength < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function picture(bytes: Uint8Array | undefined, where: string): WorkFilePicture | undefined {
  if (!bytes || bytes.byteLength > MAX_PICTURE) return undefined;
  const png = pngSize(bytes);
  if (png) return { bytes, mime: 'image/png', ...png, where };
  const jpeg = decodableJpegSize(bytes);
  return jpeg ? { bytes, mime: 'image/jpeg', ...jpeg, where } : undefined;
}

/** Adobe applications keep a JPEG thumbnail in XMP (`xmpGImg:image`, base64). */
function xmpThumbnail(xml: string): Uint8Array | undefined {
  const m = /<xmpGImg:image>([\s\S]*?)<\/xmpGImg:image>/.exec(xml) ?? /xmpGImg:image="([^"]*)"/.exec(xml);
  if (!m?.[1]) return undefined;
  return new Uint8Array(Buffer.from(m[1].replace(/&#xA;|\s/g, ''), 'base64'));
}

const ZIP_CANDIDATES: Record<string, string[]> = {
  'application/x-krita': ['mergedimage.png', 'preview.png'],
  'image/openraster': ['mergedimage.png', 'Thumbnails/thumbnail.png'],
};

async function zipPicture(source: ByteSource, head: Uint8Array): Promise<WorkFilePicture | undefined> {
  const wanted = new Set([...Object.values(ZIP_CANDIDATES).flat(), 'META-INF/metadata.xml']);
  const zip = await readWorkZip(source, (n) => wanted.has(n));
  if (zip.unreadable !== undefined) return undefined;
  const mime = zipMimetype(head);
  const order = (mime && ZIP_CANDIDATES[mime]) ?? [...new Set(Object.values(ZIP_CANDIDATES).flat())];
  for (const name of order) {
    const found = picture(zip.parts.get(name), name);
    if (found) return found;
  }
  const metadata = zip.parts.get('META-INF/metadata.xml');
  return metadata
    ? picture(xmpThumbnail(new TextDecoder('utf-8').decode(metadata)), 'the XMP thumbnail in META-INF/metadata.xml')
    : undefined;
}

async function clipPicture(source: ByteSource): Promise<WorkFilePicture | undefined> {
  const database = await clipDatabase(source, await readClipChunks(source));
  if (typeof database === 'string') return undefined;
  const blob = withEmbeddedSqlite(database, (db) => {
    if (!db.columns('CanvasPreview').has('ImageData')) return undefined;
    const value = db.rows('SELECT ImageData FROM CanvasPreview LIMIT 1')[0]?.['ImageData'];
    return value instanceof Uint8Array ? value : undefined;
  });
  return picture(blob, 'the Clip Studio canvas preview');
}

/** The embedded picture of a work file's bytes, or undefined when it has none the browser can show. */
export async function findWorkFilePicture(bytes: Uint8Array): Promise<WorkFilePicture | undefined> {
  const source = bufferSource(bytes);
  const head = bytes.subarray(0, 64 * 1024);
  if (isClipStudio(head)) return clipPicture(source);
  if (isZip(head)) return zipPicture(source, head);
  return undefined;
}
