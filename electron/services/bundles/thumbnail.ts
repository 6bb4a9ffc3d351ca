import { createRequire } from 'node:module';
import type * as NapiCanvas from '@napi-rs/canvas';
import { artifactPreview } from '../preview';

/** The report's pictures: small JPEGs inlined as data: URLs, made from the verified preview of an artifact. */

const MAX_SIDE = 360;
/** Without a canvas to shrink it, a preview this small is inlined as it is; a larger one is left out of the report. */
const RAW_MAX_BYTES = 192 * 1024;

export interface Thumbnail {
  dataUrl: string;
  /** Size of the picture the preview came from, when it is the artifact's own pixels (annotation coordinates). */
  width: number | null;
  height: number | null;
  note: string | null;
}

type Canvas = typeof NapiCanvas;
let canvasModule: Canvas | null | undefined;
function canvas(): Canvas | null {
  if (canvasModule === undefined) {
    try {
      canvasModule = createRequire(import.meta.url)('@napi-rs/canvas') as Canvas;
    } catch {
      // The report then inlines only small previews; the bundle is complete without pictures.
      canvasModule = null;
    }
  }
  return canvasModule;
}

function decodeDataUrl(url: string): Buffer {
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
}

/**
 * A thumbnail of an artifact, or the reason there is none. The preview service reads the evidence read-only and
 * checks its SHA-256 against the inventory first, so a picture in the report always shows the inventoried bytes.
 */
export async function thumbnailOf(caseDir: string, id: number): Promise<Thumbnail | { reason: string }> {
  const preview = await artifactPreview(caseDir, id);
  if (preview.kind === 'none') return { reason: preview.reason };
  const own = preview.origin === 'original';
  const size = { width: own ? (preview.width ?? null) : null, height: own ? (preview.height ?? null) : null, note: preview.note ?? null };
  const bytes = decodeDataUrl(preview.dataUrl);
  const c = canvas();
  if (!c) return bytes.byteLength <= RAW_MAX_BYTES ? { dataUrl: preview.dataUrl, ...size } : { reason: 'no canvas to shrink the picture' };
  try {
    // Only bytes are handed to loadImage: given a string it would fetch URLs.
    const image = await c.loadImage(bytes);
    const scale = Math.min(1, MAX_SIDE / Math.max(image.width, image.height));
    const target = c.createCanvas(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
    const context = target.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, target.width, target.height);
    context.drawImage(image, 0, 0, target.width, target.height);
    const jpeg = await target.encode('jpeg', 78);
    return {
      dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
      width: size.width ?? (own ? image.width : null),
      height: size.height ?? (own ? image.height : null),
      note: size.note,
    };
  } catch (e) {
    return { reason: `the picture could not be decoded: ${e instanceof Error ? e.message : String(e)}` };
  }
}
