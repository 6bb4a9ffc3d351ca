import sharp, { type Sharp } from 'sharp';
import { isPsd, readPsdComposite } from './psd-composite';

/** Sharp refuses to decode more than this, so a decompression bomb fails fast instead of exhausting memory. */
const MAX_INPUT_PIXELS = 268_402_689;

/**
 * A sharp pipeline over the picture an image file shows: anything libvips reads (JPEG, PNG, WebP, TIFF, GIF's first
 * frame, AVIF/HEIF, SVG), and the composite of a Photoshop PSD/PSB, which libvips cannot read, decoded here.
 */
export function openImage(bytes: Uint8Array): Sharp {
  if (isPsd(bytes)) {
    const { data, width, height, channels } = readPsdComposite(bytes);
    return sharp(data, { raw: { width, height, channels } });
  }
  return sharp(bytes, { failOn: 'none', limitInputPixels: MAX_INPUT_PIXELS });
}
