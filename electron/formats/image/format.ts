/** Image containers the image extractor owns (and reads XMP from itself, segment by segment). */
export type ImageFormat =
  'jpeg' | 'png' | 'tiff' | 'heif' | 'cr3' | 'webp' | 'gif' | 'jp2' | 'jxl' | 'psd' | 'raf' | 'mrw' | 'bmp' | 'crw' | 'bpg' | 'flif';

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

const ascii = (b: Uint8Array, start: number, length: number): string => String.fromCharCode(...b.subarray(start, start + length));

function isTiff(head: Uint8Array): boolean {
  const order = ascii(head, 0, 2);
  const magic = order === 'II' ? head[2]! | (head[3]! << 8) : order === 'MM' ? (head[2]! << 8) | head[3]! : -1;
  // 42 TIFF, 43 BigTIFF; raw variants: `IIRO`/`MMOR`/`IIRS` (Olympus ORF), 0x55 (Panasonic RW2).
  return magic === 42 || magic === 43 || magic === 0x4f52 || magic === 0x5352 || magic === 0x55;
}

/** Decides by magic bytes only: extensions lie in evidence troves. */
export function detectImageFormat(head: Uint8Array): ImageFormat | undefined {
  if (head.length < 16) return undefined;
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head[0] === 0x89 && ascii(head, 1, 3) === 'PNG' && head[4] === 0x0d && head[5] === 0x0a) return 'png';
  if (isTiff(head)) return 'tiff';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'webp';
  if (ascii(head, 0, 4) === 'GIF8') return 'gif';
  if (ascii(head, 0, 4) === '8BPS') return 'psd';
  if (ascii(head, 0, 15) === 'FUJIFILMCCD-RAW') return 'raf';
  if (ascii(head, 0, 4) === 'BPG\xfb') return 'bpg';
  if (ascii(head, 0, 4) === 'FLIF' && /^[1-4ACDQSTacd][0-2]$/.test(ascii(head, 4, 2))) return 'flif';
  if ((ascii(head, 0, 2) === 'II' || ascii(head, 0, 2) === 'MM') && ascii(head, 6, 8) === 'HEAPCCDR') return 'crw';
  if (ascii(head, 0, 4) === '\0MRM') return 'mrw';
  if (ascii(head, 0, 2) === 'BM' && head[14] !== undefined && [12, 40, 52, 56, 64, 108, 124].includes(head[14])) return 'bmp';
  if (ascii(head, 4, 4) === 'jP  ') return 'jp2';
  if (ascii(head, 4, 4) === 'JXL ') return 'jxl';
  if (ascii(head, 4, 4) === 'ftyp') {
    const major = ascii(head, 8, 4);
    if (major === 'crx ') return 'cr3';
    if (HEIF_BRANDS.has(major)) return 'heif';
    const ftypSize = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
    for (let o = 16; o + 4 <= Math.min(ftypSize, head.length); o += 4) if (HEIF_BRANDS.has(ascii(head, o, 4))) return 'heif';
  }
  return undefined;
}
