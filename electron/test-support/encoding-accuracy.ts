/**
 * Encoding detection accuracy on the third-party corpus (never copied here): the evidence behind the tuned thresholds
 * in electron/formats/encoding. Reads the labelled files of ../shared/corpus/text-encodings and breadth/text-encodings
 * and scores detectEncoding on each whole file and on whole-line excerpts of about 32, 128 and 512 bytes, and
 * decodeShortString (the metadata and zip-name path) on excerpts of about 12, 24 and 48 bytes of the CJK files.
 * A verdict is right when its family matches the label or it decodes the bytes to the same text (as
 * corpus-check.py counts it). UTF-16/32 files are judged whole only: a line of them is not a valid excerpt.
 * For BOM-less UTF-16 it also re-encodes each labelled text as UTF-16LE and UTF-16BE without BOM (must be found),
 * and reads the first 64 KiB of every other corpus file that holds NUL bytes (must not be taken for UTF-16/32).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeBytes } from '../formats/encoding/decode';
import { decodeShortString, detectEncoding } from '../formats/encoding/detect';
import { encodingFamily, manifest } from './corpus-labels';
import { corpusDir } from './paths';

export interface SetScore {
  set: string;
  right: number;
  total: number;
  misses: string[];
}

const SETS = ['text-encodings', 'breadth/text-encodings'];
const LONG_EXCERPTS = [32, 128, 512];
const SHORT_EXCERPTS = [12, 24, 48];
const PER_FILE = 4;
export const longSet = (size: number): string => `excerpts of ~${size} B`;
export const shortSet = (size: number): string => `short strings of ~${size} B`;
export const UTF16_SET = 'texts re-encoded as BOM-less UTF-16';
export const BINARY_SET = 'binary files with NULs not taken for UTF-16/32';
const CJK_FAMILIES = new Set(['gb', 'big5', 'kr', 'sjis', 'eucjp']);

interface Labelled {
  name: string;
  label: string;
  bytes: Uint8Array;
}

function decodesAlike(bytes: Uint8Array, label: string, detected: string): boolean {
  try {
    return decodeBytes(bytes, label.replace(/\s*\(.*/, '')) === decodeBytes(bytes, detected);
  } catch {
    return false;
  }
}

function isRight(bytes: Uint8Array, label: string, detected: string): boolean {
  const [want, got] = [encodingFamily(label), encodingFamily(detected)];
  return want === got || (want === 'ascii' && got === 'utf8') || decodesAlike(bytes, label, detected);
}

/**
 * Up to `count` runs of whole lines of about `target` bytes, spread over the file, each with at least two bytes
 * that are not ASCII (or ISO-2022 escapes): an all-ASCII excerpt says nothing about the encoding.
 */
function excerpts(bytes: Uint8Array, target: number, count: number): Uint8Array[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) starts.push(i + 1);
  const step = Math.max(1, Math.floor(starts.length / (count * 3)));
  const out: Uint8Array[] = [];
  for (let k = 0; k < starts.length && out.length < count; k += step) {
    const from = starts[k] ?? 0;
    let j = k;
    while ((starts[j] ?? 0) - from < target && j + 1 < starts.length) j++;
    const to = starts[j] ?? from;
    if (to - from < target / 2 || to - from > target * 3) continue;
    const excerpt = bytes.subarray(from, to);
    if (excerpt.filter((b) => b >= 0x80 || b === 0x1b).length >= 2) out.push(excerpt);
  }
  return out;
}

/** Every corpus file outside the text sets whose name does not say text. */
function binaryFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'text-encodings' ? [] : binaryFiles(file);
    return /\.(txt|srt|xml|html?|csv|log|json|md|tsv)$/i.test(name) ? [] : [file];
  });
}

/** Scores the detectors on every set; empty when the corpus is absent. */
export function measureEncodingAccuracy(): SetScore[] {
  if (!existsSync(path.join(corpusDir, 'MANIFEST.tsv'))) return [];
  const files: Labelled[] = SETS.flatMap((set) =>
    manifest(set)
      .filter((r) => r[5])
      .map((r) => ({
        name: `${set}/${r[7]}`,
        label: r[5] ?? '',
        bytes: new Uint8Array(readFileSync(path.join(corpusDir, set, r[7] ?? ''))),
      })),
  );
  const sets = ['whole files', ...LONG_EXCERPTS.map(longSet), ...SHORT_EXCERPTS.map(shortSet), UTF16_SET, BINARY_SET];
  const tally = new Map(sets.map((set) => [set, { right: 0, total: 0, misses: [] as string[] }]));
  const score = (set: string, name: string, bytes: Uint8Array, label: string, detected: string): void => {
    const t = tally.get(set);
    if (!t) return;
    t.total++;
    if (isRight(bytes, label, detected)) t.right++;
    else t.misses.push(`${name}: labelled ${label}, detected ${detected}`);
  };
  for (const f of files) {
    score('whole files', f.name, f.bytes, f.label, detectEncoding(f.bytes).name);
    if (/utf-?(16|32)/i.test(f.label)) continue;
    for (const size of LONG_EXCERPTS) {
      excerpts(f.bytes, size, PER_FILE).forEach((e, i) => score(longSet(size), `${f.name}#${i}`, e, f.label, detectEncoding(e).name));
    }
    if (!CJK_FAMILIES.has(encodingFamily(f.label))) continue;
    for (const size of SHORT_EXCERPTS) {
      excerpts(f.bytes, size, PER_FILE).forEach((e, i) =>
        score(shortSet(size), `${f.name}#${i}`, e, f.label, decodeShortString(e).encoding),
      );
    }
  }
  for (const f of files) {
    let text: string;
    try {
      text = decodeBytes(f.bytes, f.label.replace(/\s*\(.*/, '')).replace(/^\ufeff/, '');
    } catch {
      continue;
    }
    const le = new Uint8Array(Buffer.from(text, 'utf16le'));
    const be = Uint8Array.from(le, (_, i) => le[i ^ 1] ?? 0);
    score(UTF16_SET, `${f.name} as UTF-16LE`, le, 'utf-16le', detectEncoding(le).name);
    score(UTF16_SET, `${f.name} as UTF-16BE`, be, 'utf-16be', detectEncoding(be).name);
  }
  for (const file of binaryFiles(corpusDir)) {
    const head = new Uint8Array(readFileSync(file)).subarray(0, 64 * 1024);
    if (head.indexOf(0) === -1) continue;
    const detected = detectEncoding(head).name;
    const t = tally.get(BINARY_SET);
    if (!t) continue;
    t.total++;
    if (/^utf-(16|32)/.test(detected)) t.misses.push(`${path.relative(corpusDir, file)}: read as ${detected}`);
    else t.right++;
  }
  return [...tally].map(([set, t]) => ({ set, ...t }));
}
