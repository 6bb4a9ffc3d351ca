import { fileTypeFromBuffer } from 'file-type';
import { sniffBom } from './encoding/unicode';

/** How much of the start of a file type detection looks at. */
export const SNIFF_BYTES = 4096;

const EMPTY_MIME = 'application/x-empty';
const UNKNOWN_MIME = 'application/octet-stream';
export const ZIP_MIME = 'application/zip';

export interface ContentType {
  mime: string;
  /** The file name's extension contradicts the content. */
  mismatch: boolean;
}

/**
 * Two-byte signatures that are also printable text ('BM', 'MZ') and frame-sync guesses: when the whole sample is
 * clean text, the text reading wins ("BMW report.txt" is not a bitmap).
 */
const WEAK_SIGNATURES = new Set(['image/bmp', 'application/x-msdownload', 'audio/mpeg', 'audio/aac']);

/** 1 for control bytes that do not occur in text (tab, LF, VT, FF, CR and ESC do; ESC starts ISO-2022 sequences). */
const CONTROL_BYTES = Uint8Array.from({ length: 256 }, (_, b) =>
  (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f ? 1 : 0,
);

/** UTF-16 without a BOM, as long as most characters are ASCII: NULs in every other byte. */
function looksUtf16(head: Uint8Array): boolean {
  const pairs = Math.floor(head.byteLength / 2);
  if (pairs < 4) return false;
  // Binary data has NULs too, but not in every other byte: the first few pairs settle most cases.
  for (let i = 0; i < Math.min(pairs, 16) * 2; i += 2) if (head[i] !== 0 && head[i + 1] !== 0) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  const [high, low] = even > odd ? [even, odd] : [odd, even];
  return high / pairs > 0.3 && low / pairs < 0.02;
}

/**
 * Text by content: a Unicode BOM, BOM-less UTF-16 of mostly ASCII, or 8-bit text with no NUL and (almost) no
 * control bytes. Legacy CJK encodings (GBK, EUC-KR, Shift_JIS, Big5) pass, since they never use bytes below 0x20.
 */
export function isText(head: Uint8Array): boolean {
  if (head.byteLength === 0) return false;
  if (sniffBom(head)) return true;
  if (head.indexOf(0) !== -1) return looksUtf16(head);
  let controls = 0;
  const length = head.byteLength;
  for (let i = 0; i < length; i++) controls += CONTROL_BYTES[head[i] as number] as number;
  return controls <= head.byteLength / 100;
}

function textMime(head: Uint8Array): string {
  const start = new TextDecoder('utf-8')
    .decode(head.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'text/html';
  if ((start.startsWith('<?xml') || start.startsWith('<svg')) && start.includes('<svg')) return 'image/svg+xml';
  return 'text/plain';
}

/** MIME type by content: magic numbers (file-type) first, then the text sniff; never by the file name. */
export async function detectMime(head: Uint8Array, size: number): Promise<string> {
  if (size === 0 || head.byteLength === 0) return EMPTY_MIME;
  const detected = (await fileTypeFromBuffer(head))?.mime;
  const text = isText(head);
  if (detected && !(text && WEAK_SIGNATURES.has(detected))) {
    return detected === 'application/xml' && textMime(head) === 'image/svg+xml' ? 'image/svg+xml' : detected;
  }
  return text ? textMime(head) : UNKNOWN_MIME;
}

const isZipBased = (mime: string): boolean =>
  mime === ZIP_MIME ||
  mime.startsWith('application/vnd.openxmlformats-officedocument.') ||
  mime.startsWith('application/vnd.oasis.opendocument.') ||
  mime.includes('macroenabled') ||
  [
    'application/epub+zip',
    'application/java-archive',
    'application/vnd.android.package-archive',
    'application/x-xpinstall',
    'model/3mf',
  ].includes(mime);

const isTextual = (mime: string): boolean =>
  mime.startsWith('text/') ||
  ['application/xml', 'image/svg+xml', 'application/rtf', 'application/json', 'application/x-ms-regedit'].includes(mime);

const oneOf =
  (...mimes: string[]) =>
  (mime: string): boolean =>
    mimes.includes(mime);

/**
 * What content each family of extensions may hold. Aliases are deliberate: jpg/jpeg/jfif, tif/tiff (and the
 * TIFF-based camera raws), htm/html, Office Open XML / OpenDocument / EPUB / JAR are all zips, and the ISO media
 * (ftyp) brands mp4/m4v/mov/m4a/3gp are one family. Extensions not listed here never mismatch.
 */
const families = {
  jpeg: oneOf('image/jpeg'),
  png: oneOf('image/png', 'image/apng'),
  gif: oneOf('image/gif'),
  webp: oneOf('image/webp'),
  bmp: oneOf('image/bmp'),
  tiff: oneOf(
    'image/tiff',
    'image/x-adobe-dng',
    'image/x-canon-cr2',
    'image/x-nikon-nef',
    'image/x-sony-arw',
    'image/x-olympus-orf',
    'image/x-panasonic-rw2',
  ),
  heif: oneOf('image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence', 'image/avif'),
  psd: oneOf('image/vnd.adobe.photoshop'),
  ico: oneOf('image/x-icon'),
  pdf: oneOf('application/pdf'),
  zip: isZipBased,
  ole: oneOf('application/x-cfb', 'application/vnd.ms-outlook'),
  rar: oneOf('application/x-rar-compressed'),
  sevenZip: oneOf('application/x-7z-compressed'),
  gzip: oneOf('application/gzip'),
  bzip2: oneOf('application/x-bzip2'),
  xz: oneOf('application/x-xz'),
  tar: oneOf('application/x-tar'),
  isoMedia: oneOf('video/mp4', 'video/quicktime', 'video/x-m4v', 'audio/x-m4a', 'audio/mp4', 'video/3gpp', 'video/3gpp2'),
  avi: oneOf('video/vnd.avi'),
  matroska: oneOf('video/matroska', 'video/webm'),
  asf: oneOf('video/x-ms-asf', 'audio/x-ms-asf', 'application/vnd.ms-asf'),
  flv: oneOf('video/x-flv'),
  mpeg: oneOf('video/mpeg', 'video/MP1S', 'video/MP2P'),
  mp3: oneOf('audio/mpeg'),
  wav: oneOf('audio/wav'),
  flac: oneOf('audio/flac'),
  ogg: oneOf('audio/ogg', 'video/ogg', 'application/ogg', 'audio/ogg; codecs=opus'),
  exe: oneOf('application/x-msdownload'),
  sqlite: oneOf('application/x-sqlite3'),
  text: isTextual,
} satisfies Record<string, (mime: string) => boolean>;

const extensionFamily: Record<string, keyof typeof families> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  png: 'png',
  apng: 'png',
  gif: 'gif',
  webp: 'webp',
  bmp: 'bmp',
  tif: 'tiff',
  tiff: 'tiff',
  heic: 'heif',
  heif: 'heif',
  avif: 'heif',
  psd: 'psd',
  ico: 'ico',
  pdf: 'pdf',
  zip: 'zip',
  docx: 'zip',
  docm: 'zip',
  xlsx: 'zip',
  xlsm: 'zip',
  pptx: 'zip',
  pptm: 'zip',
  odt: 'zip',
  ods: 'zip',
  odp: 'zip',
  epub: 'zip',
  jar: 'zip',
  apk: 'zip',
  doc: 'ole',
  xls: 'ole',
  ppt: 'ole',
  msg: 'ole',
  rar: 'rar',
  '7z': 'sevenZip',
  gz: 'gzip',
  tgz: 'gzip',
  bz2: 'bzip2',
  xz: 'xz',
  tar: 'tar',
  mp4: 'isoMedia',
  m4v: 'isoMedia',
  mov: 'isoMedia',
  qt: 'isoMedia',
  m4a: 'isoMedia',
  '3gp': 'isoMedia',
  '3g2': 'isoMedia',
  avi: 'avi',
  mkv: 'matroska',
  webm: 'matroska',
  wmv: 'asf',
  wma: 'asf',
  asf: 'asf',
  flv: 'flv',
  mpg: 'mpeg',
  mpeg: 'mpeg',
  mp3: 'mp3',
  wav: 'wav',
  flac: 'flac',
  ogg: 'ogg',
  oga: 'ogg',
  ogv: 'ogg',
  opus: 'ogg',
  exe: 'exe',
  dll: 'exe',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  txt: 'text',
  text: 'text',
  log: 'text',
  csv: 'text',
  tsv: 'text',
  md: 'text',
  json: 'text',
  xml: 'text',
  html: 'text',
  htm: 'text',
  xhtml: 'text',
  css: 'text',
  js: 'text',
  srt: 'text',
  vtt: 'text',
  ini: 'text',
  cfg: 'text',
  conf: 'text',
  yml: 'text',
  yaml: 'text',
  svg: 'text',
  rtf: 'text',
};

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * True when the extension promises a family the content is not. An empty file contradicts nothing; content of
 * unknown binary type contradicts only a text extension (we cannot tell a corrupt JPEG from a non-JPEG).
 */
export function extensionContradicts(name: string, mime: string): boolean {
  const family = extensionFamily[extensionOf(name)];
  if (!family || mime === EMPTY_MIME) return false;
  if (mime === UNKNOWN_MIME) return family === 'text';
  return !families[family](mime);
}

export async function detectContentType(head: Uint8Array, size: number, name: string): Promise<ContentType> {
  const mime = await detectMime(head, size);
  return { mime, mismatch: extensionContradicts(name, mime) };
}
