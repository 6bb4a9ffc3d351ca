import { decodeBytes } from '../encoding/decode';
import { ByteReader } from '../image/binary';

/**
 * PowerPoint 97-2003 presentations ([MS-PPT]): the text of the `PowerPoint Document` stream, from TextCharsAtom
 * (UTF-16LE) and TextBytesAtom (one byte per character, the low byte of UTF-16) records. Only the records the last
 * save left live are read (Current User → UserEditAtom → persist directories), so text an incremental save replaced
 * is not reported as current; without that chain, every record is read in file order. Master slides are skipped:
 * their placeholder prompts are template text, not the author's.
 */

const TEXT_CHARS_ATOM = 0x0fa0;
const TEXT_BYTES_ATOM = 0x0fa8;
const SLIDE = 0x03ee;
const NOTES = 0x03f0;
const SLIDE_PERSIST_ATOM = 0x03f3;
const MAIN_MASTER = 0x03f8;
const USER_EDIT_ATOM = 0x0ff5;
const PERSIST_DIRECTORY_ATOM = 0x1772;
const CONTAINER = 0x0f;
const ENCRYPTED_TOKEN = 0xf3d1c4df;

const MAX_DEPTH = 16;
const MAX_EDITS = 1024;
const MAX_RECORDS = 1_000_000;

export interface PresentationText {
  text?: string;
  warnings: string[];
}

interface Header {
  version: number;
  type: number;
  length: number;
}

const header = (r: ByteReader, at: number): Header | undefined => {
  const verInst = r.u16(at);
  const type = r.u16(at + 2);
  const length = r.u32(at + 4);
  return verInst === undefined || type === undefined || length === undefined ? undefined : { version: verInst & 0x0f, type, length };
};

/**
 * Offsets of the live top-level records: the persist directories of every edit, newest first, each persist id
 * taking the offset its newest edit gives it. Undefined when the chain cannot be followed.
 */
function liveRecords(r: ByteReader, currentUser: Uint8Array | undefined, warnings: string[]): number[] | 'encrypted' | undefined {
  if (!currentUser) return undefined;
  const user = new ByteReader(currentUser, true);
  if (user.u32(12) === ENCRYPTED_TOKEN) return 'encrypted';
  let edit = user.u32(16);
  const offsets = new Map<number, number>();
  const seen = new Set<number>();
  while (edit !== undefined && edit !== 0 && !seen.has(edit) && seen.size < MAX_EDITS) {
    seen.add(edit);
    const h = header(r, edit);
    if (h?.type !== USER_EDIT_ATOM || !r.has(edit + 8, 20)) {
      warnings.push(`PowerPoint: no UserEditAtom at byte ${edit}; every record was read`);
      return undefined;
    }
    const directoryAt = r.u32(edit + 20) ?? 0;
    const dir = header(r, directoryAt);
    if (dir?.type !== PERSIST_DIRECTORY_ATOM || !r.has(directoryAt + 8, dir.length)) {
      warnings.push(`PowerPoint: no persist directory at byte ${directoryAt}; every record was read`);
      return undefined;
    }
    for (let o = directoryAt + 8; o + 4 <= directoryAt + 8 + dir.length;) {
      const entry = r.u32(o) ?? 0;
      const first = entry & 0xfffff;
      const count = entry >>> 20;
      for (let i = 0; i < count; i++) {
        const offset = r.u32(o + 4 + i * 4);
        if (offset !== undefined && !offsets.has(first + i)) offsets.set(first + i, offset);
      }
      o += 4 + count * 4;
    }
    edit = r.u32(edit + 16);
  }
  return [...new Set(offsets.values())].sort((a, b) => a - b);
}

export function powerPointText(stream: Uint8Array, currentUser?: Uint8Array): PresentationText {
  const warnings: string[] = [];
  const r = new ByteReader(stream, true);
  const live = liveRecords(r, currentUser, warnings);
  if (live === 'encrypted') return { warnings: ['PowerPoint presentation is encrypted: its text was not extracted'] };
  const blocks: string[] = [];
  let current: string[] = [];
  let records = 0;
  const flush = (): void => {
    if (current.length > 0) blocks.push(current.join('\n'));
    current = [];
  };

  const walk = (from: number, to: number, depth: number, onlyFirst: boolean): void => {
    for (let o = from; o + 8 <= to && records < MAX_RECORDS;) {
      const h = header(r, o);
      if (!h) return;
      records++;
      const end = o + 8 + h.length;
      if (end > to) {
        warnings.push(`PowerPoint: record 0x${h.type.toString(16)} at byte ${o} runs past its container`);
        return;
      }
      if (h.version === CONTAINER) {
        if (h.type === SLIDE || h.type === NOTES) flush();
        if (h.type !== MAIN_MASTER && depth < MAX_DEPTH) walk(o + 8, end, depth + 1, false);
        if (h.type === SLIDE || h.type === NOTES) flush();
      } else if (h.type === SLIDE_PERSIST_ATOM) flush();
      else if (h.type === TEXT_CHARS_ATOM || h.type === TEXT_BYTES_ATOM) {
        const bytes = stream.subarray(o + 8, end);
        const text =
          h.type === TEXT_CHARS_ATOM ? decodeBytes(bytes.subarray(0, bytes.byteLength & ~1), 'utf-16le') : decodeBytes(bytes, 'latin1');
        const clean = text
          .replace(/[\r\v]/g, '\n')
          .replace(/[\0-\x08\x0e-\x1f]/g, '')
          .trim();
        if (clean) current.push(clean);
      }
      if (onlyFirst) return;
      o = end;
    }
  };

  if (live) for (const offset of live) walk(offset, stream.byteLength, 0, true);
  else walk(0, stream.byteLength, 0, false);
  flush();
  const text = blocks.join('\n\n');
  return text ? { text, warnings } : { warnings };
}
