import type { MetaValue } from '../../../shared/domain/extraction';
import { decodeBytes } from '../encoding/decode';
import { decodeShortString } from '../encoding/detect';
import { latin1, toHex } from './binary';

const PASS_THROUGH = new Set(['ascii', 'us-ascii', 'utf-8', 'utf8']);

/** Up to the first NUL, as ExifTool reads a C string. */
export function cString(bytes: Uint8Array): Uint8Array {
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

/**
 * Decodes bytes of unknown legacy encoding (an EXIF ASCII tag holding GBK, an IPTC string without 1:90…). ASCII and
 * UTF-8 pass through; anything else keeps its original bytes (hex) and the detected encoding for the analyst.
 */
export function legacyText(bytes: Uint8Array): MetaValue {
  if (bytes.length === 0) return { value: '' };
  const decoded = decodeShortString(bytes);
  if (PASS_THROUGH.has(decoded.encoding.toLowerCase())) return { value: decoded.text };
  return { value: decoded.text, bytes: toHex(bytes), encoding: decoded.encoding };
}

/** Windows XP* tags are UCS-2LE whatever the TIFF byte order; NUL terminators and padding are dropped. */
export function xpText(bytes: Uint8Array): MetaValue {
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  return { value: new TextDecoder('utf-16le').decode(even).replace(/\0/g, '') };
}

function trimCommentBody(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0 || bytes[end - 1] === 0x20)) end--;
  return bytes.subarray(0, end);
}

function ucs2(body: Uint8Array, littleEndian: boolean): MetaValue {
  let le = littleEndian;
  let data = body;
  if (body[0] === 0xff && body[1] === 0xfe) [le, data] = [true, body.subarray(2)];
  else if (body[0] === 0xfe && body[1] === 0xff) [le, data] = [false, body.subarray(2)];
  const even = data.subarray(0, data.length - (data.length % 2));
  const encoding = le ? 'utf-16le' : 'utf-16be';
  const text = new TextDecoder(encoding).decode(even).replace(/[\0 ]+$/, '');
  return { value: text, bytes: toHex(body), encoding };
}

const JIS_IN = Uint8Array.of(0x1b, 0x24, 0x42);
const JIS_OUT = Uint8Array.of(0x1b, 0x28, 0x42);

function jis(body: Uint8Array): MetaValue {
  // Bare JIS X 0208 pairs (no escape sequences) become ISO-2022-JP once wrapped in its shift-in/out escapes.
  const data = body.includes(0x1b) ? body : Uint8Array.from([...JIS_IN, ...body, ...JIS_OUT]);
  return { value: decodeBytes(data, 'iso-2022-jp'), bytes: toHex(body), encoding: 'iso-2022-jp' };
}

/**
 * EXIF text with an 8-byte character-code header (UserComment, GPSProcessingMethod, GPSAreaInformation):
 * `ASCII`, `UNICODE` (UCS-2 in the TIFF byte order unless a BOM says otherwise), `JIS`, or undefined (zeros).
 */
export function exifCharsetText(bytes: Uint8Array, littleEndian: boolean): { value: MetaValue; warning?: string } {
  const header = latin1(bytes.subarray(0, 8));
  const body = bytes.subarray(8);
  if (header === 'ASCII\0\0\0') return { value: legacyText(trimCommentBody(body)) };
  if (header === 'UNICODE\0') return { value: ucs2(body, littleEndian) };
  if (header === 'JIS\0\0\0\0\0') return { value: jis(trimCommentBody(body)) };
  if (header === '\0\0\0\0\0\0\0\0') return { value: legacyText(trimCommentBody(body)) };
  return { value: legacyText(trimCommentBody(bytes)), warning: 'Invalid EXIF text encoding' };
}
