import sharp, { type Sharp } from 'sharp';
import { isPsd, readPsdComposite } from './psd-composite';

/** Sharp refuses to decode more than this, so a decompression bomb fails fast instead of exhausting memory. */
const MAX_INPUT_PIXELS = 268_402_689;

/**
 * SVG (and gzipped SVGZ) is a document, not pixels: drawing it means running librsvg over markup that can point at
 * other files, so, as in the preview, evidence SVG is never rasterised.
 */
function isSvg(bytes: Uint8Array): boolean {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return true;
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<') && /<svg[\s>]/i.test(head);
}

/**
 * A sharp pipeline over the picture an image file shows: anything libvips reads except SVG (JPEG, PNG, WebP, TIFF and
 * GIF first page or frame, AVIF/HEIF), and the composite of a Photoshop PSD/PSB, which libvips cannot read, decoded
 * here. Multi-page TIFFs give their first page only.
 */
export function openImage(bytes: Uint8Array): Sharp {
  if (isSvg(bytes)) throw new Error('SVG is not rasterised: it is a document that can refer to other files');
  if (isPsd(bytes)) {
    const { data, width, height, channels } = readPsdComposite(bytes);
    return sharp(data, { raw: { width, height, channels } });
  }
  return sharp(bytes, { failOn: 'none', limitInputPixels: MAX_INPUT_PIXELS });
}
