import iconv from 'iconv-lite';
import { crc32 } from 'node:zlib';
import { isAscii } from '../../lib/bytes';
import { decodeShortString } from '../encoding/detect';

export interface DecodedZipName {
  name: string;
  /** `utf-8` (flag, Unicode Path field or valid UTF-8), `ascii`, a legacy CJK label, or `cp437`. */
  encoding: string;
  /** The name bytes exactly as stored in the archive, so an analyst can re-decode them. */
  rawHex: string;
}

const UTF8_FLAG = 0x0800;
const UNICODE_PATH_FIELD = 0x7075;
/** Legacy encodings East Asian Windows zippers write (the system ANSI code page); anything else falls back to CP437. */
const LEGACY_CJK = new Set(['gb2312', 'gbk', 'gb18030', 'big5', 'euc-kr', 'cp949', 'shift_jis', 'euc-jp']);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Info-ZIP Unicode Path (0x7075): version 1, CRC-32 of the header name it replaces, then the UTF-8 name. */
function unicodePath(rawName: Uint8Array, fields: readonly { id: number; data: Uint8Array }[]): string | undefined {
  const field = fields.find((f) => f.id === UNICODE_PATH_FIELD);
  if (!field || field.data.byteLength < 6 || field.data[0] !== 1) return undefined;
  const stored = new DataView(field.data.buffer, field.data.byteOffset, field.data.byteLength).getUint32(1, true);
  // A CRC mismatch means the header name was changed after the field was written: the field is stale.
  if (stored !== crc32(rawName)) return undefined;
  return tryUtf8(field.data.subarray(5));
}

/**
 * Decodes a member name read with `decodeStrings: false`: the UTF-8 flag, then a valid Unicode Path field, then
 * ASCII, then strict UTF-8 (many zippers omit the flag), then legacy CJK detection, then CP437 (the ZIP default).
 */
export function decodeZipEntryName(
  rawName: Uint8Array,
  generalPurposeFlags: number,
  extraFields: readonly { id: number; data: Uint8Array }[],
): DecodedZipName {
  const rawHex = Buffer.from(rawName.buffer, rawName.byteOffset, rawName.byteLength).toString('hex');
  if (generalPurposeFlags & UTF8_FLAG) {
    const flagged = tryUtf8(rawName);
    if (flagged !== undefined) return { name: flagged, encoding: 'utf-8', rawHex };
  }
  const unicode = unicodePath(rawName, extraFields);
  if (unicode !== undefined) return { name: unicode, encoding: 'utf-8', rawHex };
  if (isAscii(rawName)) return { name: new TextDecoder().decode(rawName), encoding: 'ascii', rawHex };
  const utf8 = tryUtf8(rawName);
  if (utf8 !== undefined && !/[\u0080-\u009f]/.test(utf8)) return { name: utf8, encoding: 'utf-8', rawHex };
  const guess = decodeShortString(rawName);
  if (LEGACY_CJK.has(guess.encoding)) return { name: guess.text, encoding: guess.encoding, rawHex };
  return { name: iconv.decode(Buffer.from(rawName), 'cp437'), encoding: 'cp437', rawHex };
}

/** Zip-slip defence: names that are absolute, carry a drive or UNC prefix, climb with `..`, or hide a NUL. */
export function isUnsafeZipPath(name: string): boolean {
  if (name.includes('\0')) return true;
  if (/^[/\\]/.test(name)) return true;
  if (/^[A-Za-z]:/.test(name)) return true;
  return name.split(/[/\\]/).some((segment) => segment === '..');
}
