import iconv from 'iconv-lite';
import { chardet } from 'jschardet';

export interface DetectedEncoding {
  /** Lower-case WHATWG / IANA label, e.g. `utf-8`, `gb18030`, `euc-kr`, `shift_jis`, `windows-1252`. */
  name: string;
  confidence: number;
  bom: boolean;
  /** Why this label was chosen, for the analyst. */
  method: string;
}

export const DETECT_SAMPLE_BYTES = 64 * 1024;

/** Detects the encoding of a whole text file or a long sample (uses up to the first 64 KiB). */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  const truncated = bytes.length > DETECT_SAMPLE_BYTES;
  const sample = truncated ? bytes.subarray(0, DETECT_SAMPLE_BYTES) : bytes;
  if (sample.length === 0) return { name: 'utf-8', confidence: 1, bom: false, method: 'empty' };
  const bom = sniffBom(sample);
  if (bom) return { name: bom, confidence: 1, bom: true, method: 'BOM' };
  // UTF-16/32 text made of ASCII is full of NULs yet valid UTF-8, so the NUL pattern is checked before strict UTF-8.
  const wide = detectWideUnicode(sample);
  if (wide) return wide;
  const iso2022 = detectIso2022(sample);
  if (iso2022) return { name: iso2022, confidence: 0.99, bom: false, method: 'ISO-2022 escape sequences' };
  if (isAscii(sample)) return { name: 'utf-8', confidence: 1, bom: false, method: 'ASCII only' };
  if (isStrictUtf8(sample, truncated)) return { name: 'utf-8', confidence: 0.99, bom: false, method: 'strict UTF-8' };
  return detectLegacy(sample, truncated);
}

/** Decodes with a label returned by detectEncoding (handles labels TextDecoder lacks, e.g. via iconv-lite). */
export function decodeBytes(bytes: Uint8Array, encoding: string): string {
  const label = encoding.trim().toLowerCase();
  switch (label) {
    case 'utf-32le':
    case 'utf-32be':
      return stripBom(decodeUtf32(bytes, label === 'utf-32le'));
    case 'iso-2022-kr':
      return decodeIso2022Kr(bytes);
    case 'iso-2022-cn':
    case 'iso-2022-cn-ext':
      return decodeIso2022Cn(bytes);
    case 'johab':
      return decodeJohab(bytes);
    case 'euc-tw':
      return decodeEucTw(bytes);
    case 'iso-8859-1':
    case 'latin1':
    case 'us-ascii':
    case 'ascii':
      // WHATWG maps these labels to windows-1252; the analyst asked for true ISO-8859-1, where 0x80–0x9F are C1 controls.
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    case 'tis-620':
      return iconvDecode(bytes, 'tis620');
    case 'macroman':
      return decodeBytes(bytes, 'macintosh');
    case 'windows-1252':
    case 'cp1252':
      // Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x93 → U+0093, not “).
      return iconvDecode(bytes, 'windows-1252');
  }
  if (KOREAN_LABELS.has(label)) return iconvDecode(bytes, 'cp949');
  if (ICONV_NAMES[label]) return iconvDecode(bytes, ICONV_NAMES[label]);
  const whatwg = WHATWG_ALIASES[label] ?? label;
  const decoder = makeDecoder(whatwg, false);
  if (decoder) return decoder.decode(bytes);
  if (iconv.encodingExists(label)) return iconvDecode(bytes, label);
  throw new Error(`unsupported text encoding "${encoding}"`);
}

export function detectAndDecode(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  const encoding = detectEncoding(bytes);
  return { text: decodeBytes(bytes, encoding.name), encoding };
}

/** For short metadata strings and zip member names (often 4–80 bytes): ASCII/strict UTF-8 pass through; otherwise legacy CJK detection (GBK/GB18030, Big5, EUC-KR/CP949, Shift_JIS, EUC-JP). */
export function decodeShortString(bytes: Uint8Array): { text: string; encoding: string; confidence: number } {
  if (isAscii(bytes)) return { text: latin1(bytes), encoding: 'ascii', confidence: 1 };
  const utf8 = tryDecode('utf-8', bytes);
  // A C1 control in "valid UTF-8" means the bytes only happened to form UTF-8 sequences.
  if (utf8 !== null && !/[\u0080-\u009f]/.test(utf8)) return { text: utf8, encoding: 'utf-8', confidence: 0.99 };
  const guess = chooseLegacy(bytes, SHORT_CANDIDATES, false);
  return { text: guess.text ?? decodeBytes(bytes, guess.name), encoding: guess.name, confidence: guess.confidence };
}

// ---------------------------------------------------------------------------------------------------------------
// Unicode forms

function sniffBom(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0 && b.length >= 4) return 'utf-32le';
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'utf-32be';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function detectWideUnicode(b: Uint8Array): DetectedEncoding | null {
  const n = b.length;
  if (n < 4) return null;
  let zeros = 0;
  for (const byte of b) if (byte === 0) zeros++;
  if (zeros < n * 0.05) return null;
  // A cut sample may end mid-unit; whole units are enough to judge.
  const units = Math.floor(n / 4);
  let be = 0;
  let le = 0;
  for (let i = 0; i < units * 4; i += 4) {
    const vBe = ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
    const vLe = ((b[i + 3]! << 24) | (b[i + 2]! << 16) | (b[i + 1]! << 8) | b[i]!) >>> 0;
    if (isScalar(vBe) && vBe !== 0) be++;
    if (isScalar(vLe) && vLe !== 0) le++;
  }
  if (be === units) return { name: 'utf-32be', confidence: 0.95, bom: false, method: 'UTF-32 code unit pattern' };
  if (le === units) return { name: 'utf-32le', confidence: 0.95, bom: false, method: 'UTF-32 code unit pattern' };
  const pairs = Math.floor(n / 2);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (b[i] === 0) zeroEven++;
    if (b[i + 1] === 0) zeroOdd++;
  }
  // ASCII-range characters in UTF-16 put their NUL on one side only; which side gives the byte order.
  const shareLe = zeroOdd / pairs;
  const shareBe = zeroEven / pairs;
  const whole = b.subarray(0, pairs * 2);
  if (shareLe > 0.1 && shareBe < shareLe * 0.1 && tryDecode('utf-16le', whole) !== null) {
    return { name: 'utf-16le', confidence: confidenceFromShare(shareLe, shareBe), bom: false, method: 'UTF-16 NUL pattern' };
  }
  if (shareBe > 0.1 && shareLe < shareBe * 0.1 && tryDecode('utf-16be', whole) !== null) {
    return { name: 'utf-16be', confidence: confidenceFromShare(shareBe, shareLe), bom: false, method: 'UTF-16 NUL pattern' };
  }
  return null;
}

function confidenceFromShare(main: number, other: number): number {
  return round2(Math.min(0.95, 0.6 + main * 0.5 - other));
}

function isScalar(v: number): boolean {
  return v <= 0x10ffff && (v < 0xd800 || v > 0xdfff);
}

function decodeUtf32(b: Uint8Array, littleEndian: boolean): string {
  let out = '';
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i + 4 <= b.length; i += 4) {
    const v = view.getUint32(i, littleEndian);
    out += isScalar(v) ? String.fromCodePoint(v) : '\ufffd';
  }
  return b.length % 4 === 0 ? out : `${out}\ufffd`;
}

function isAscii(b: Uint8Array): boolean {
  for (const byte of b) if (byte >= 0x80) return false;
  return true;
}

/** A sample cut at 64 KiB may end inside a multi-byte sequence; that tail is not evidence against UTF-8. */
function isStrictUtf8(b: Uint8Array, truncated: boolean): boolean {
  let end = b.length;
  if (truncated) {
    let i = end - 1;
    let back = 0;
    while (i >= 0 && back < 3 && (b[i]! & 0xc0) === 0x80) {
      i--;
      back++;
    }
    if (i >= 0 && b[i]! >= 0xc0) end = i;
  }
  return tryDecode('utf-8', b.subarray(0, end)) !== null;
}

// ---------------------------------------------------------------------------------------------------------------
// ISO-2022 (7-bit, switched by escape sequences)

function detectIso2022(b: Uint8Array): string | null {
  let sawEsc = false;
  for (const byte of b) {
    if (byte >= 0x80) return null;
    if (byte === 0x1b) sawEsc = true;
  }
  if (!sawEsc) return null;
  const s = latin1(b);
  if (s.includes('\x1b$)C')) return 'iso-2022-kr';
  if (/\x1b\$\)[AG]|\x1b\$\*H/.test(s)) return 'iso-2022-cn';
  if (/\x1b\$[@B]|\x1b\$\(D|\x1b\([BJI]/.test(s)) return 'iso-2022-jp';
  return null;
}

/** RFC 1557: KS X 1001 designated once to G1, shifted in with SO and out with SI. */
function decodeIso2022Kr(b: Uint8Array): string {
  const out: number[] = [];
  let shifted = false;
  for (let i = 0; i < b.length; i++) {
    const byte = b[i]!;
    if (byte === 0x1b && b[i + 1] === 0x24 && b[i + 2] === 0x29 && b[i + 3] === 0x43) {
      i += 3;
    } else if (byte === 0x0e) {
      shifted = true;
    } else if (byte === 0x0f) {
      shifted = false;
    } else if (byte === 0x0a || byte === 0x0d) {
      shifted = false;
      out.push(byte);
    } else {
      out.push(shifted && byte > 0x20 && byte < 0x7f ? byte | 0x80 : byte);
    }
  }
  return decodeBytes(Uint8Array.from(out), 'euc-kr');
}

/** RFC 1922: GB 2312 or CNS 11643 plane 1 in G1 (SO/SI), CNS plane 2 in G2 (single shift ESC N); shift state ends at each line. */
function decodeIso2022Cn(b: Uint8Array): string {
  let out = '';
  let g1: 'gb' | 'cns1' | null = null;
  let shifted = false;
  let ascii: number[] = [];
  const flush = (): void => {
    if (ascii.length) out += latin1(Uint8Array.from(ascii));
    ascii = [];
  };
  for (let i = 0; i < b.length; i++) {
    const byte = b[i]!;
    if (byte === 0x1b) {
      const seq = latin1(b.subarray(i + 1, i + 4));
      if (seq === '$)A') g1 = 'gb';
      else if (seq === '$)G') g1 = 'cns1';
      else if ((seq.startsWith('N') || seq.startsWith('O')) && i + 2 < b.length) {
        // Single shifts: ESC N takes CNS plane 2 from G2; ESC O takes planes 3–7 from G3, which are not decoded.
        flush();
        out += seq.startsWith('N') ? cnsChar(2, b[i + 2]!, b[i + 3] ?? 0) : '\ufffd';
        i += 3;
        continue;
      } else if (!seq.startsWith('$')) {
        ascii.push(byte);
        continue;
      }
      i += seq.startsWith('$+') || seq.startsWith('$*') || seq.startsWith('$)') ? 3 : 0;
      continue;
    }
    if (byte === 0x0e) shifted = true;
    else if (byte === 0x0f) shifted = false;
    else if (shifted && byte > 0x20 && byte < 0x7f && i + 1 < b.length) {
      flush();
      const next = b[i + 1]!;
      if (g1 === 'gb') out += decodeBytes(Uint8Array.of(byte | 0x80, next | 0x80), 'gbk');
      else if (g1 === 'cns1') out += cnsChar(1, byte, next);
      else out += '\ufffd';
      i++;
    } else {
      if (byte === 0x0a) shifted = false;
      ascii.push(byte);
    }
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Johab (KS X 1001 annex 3): Hangul composed from 5-bit jamo indexes, symbols and hanja mapped onto KS X 1001 rows.

const JOHAB_INITIAL = [
  -1, -2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
];
const JOHAB_MEDIAL = [-1, -1, -2, 0, 1, 2, 3, 4, -1, -1, 5, 6, 7, 8, 9, 10, -1, -1, 11, 12, 13, 14, 15, 16, -1, -1, 17, 18, 19, 20, -1, -1];
const JOHAB_FINAL = [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, -1, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, -1, -1];
const COMPAT_INITIAL = [
  0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145, 0x3146, 0x3147, 0x3148, 0x3149, 0x314a, 0x314b, 0x314c,
  0x314d, 0x314e,
];

const FINAL_ONLY_CLUSTERS = new Map([
  [3, 0x3133],
  [5, 0x3135],
  [6, 0x3136],
  [9, 0x313a],
  [10, 0x313b],
  [11, 0x313c],
  [12, 0x313d],
  [13, 0x313e],
  [14, 0x313f],
  [15, 0x3140],
  [18, 0x3144],
]);

function johabHangul(code: number): number | null {
  const i = JOHAB_INITIAL[(code >> 10) & 0x1f]!;
  const m = JOHAB_MEDIAL[(code >> 5) & 0x1f]!;
  const f = JOHAB_FINAL[code & 0x1f]!;
  if (i === -1 || m === -1 || f === -1) return null;
  if (i >= 0 && m >= 0) return 0xac00 + (i * 21 + m) * 28 + f;
  if (i >= 0 && f === 0) return COMPAT_INITIAL[i]!;
  if (m >= 0 && f === 0) return 0x314f + m;
  // Consonant clusters that exist only as finals are coded with both other slots filled.
  if (i === -2 && m === -2) return FINAL_ONLY_CLUSTERS.get(f) ?? null;
  return null;
}

function decodeJohab(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x80) {
      // 0x5C stays a backslash (as in Python's codec) rather than glibc's WON SIGN, so paths stay readable.
      out += String.fromCharCode(c);
      continue;
    }
    const c2 = b[i + 1];
    if (c2 === undefined) {
      out += '\ufffd';
      continue;
    }
    let cp: number | null = null;
    if (c >= 0x84 && c <= 0xd3 && ((c2 >= 0x41 && c2 <= 0x7e) || (c2 >= 0x81 && c2 <= 0xfe))) {
      cp = johabHangul((c << 8) | c2);
    } else if (
      ((c >= 0xd9 && c <= 0xde) || (c >= 0xe0 && c <= 0xf9)) &&
      ((c2 >= 0x31 && c2 <= 0x7e) || (c2 >= 0x91 && c2 <= 0xfe)) &&
      !(c === 0xda && c2 >= 0xa1 && c2 <= 0xd3)
    ) {
      const t1 = c < 0xe0 ? 2 * (c - 0xd9) : 2 * c - 0x197;
      const t2 = c2 < 0x91 ? c2 - 0x31 : c2 - 0x43;
      const row = t1 + (t2 < 0x5e ? 0 : 1) + 0x21;
      const col = (t2 < 0x5e ? t2 : t2 - 0x5e) + 0x21;
      cp = tryDecode('euc-kr', Uint8Array.of(row | 0x80, col | 0x80))?.codePointAt(0) ?? null;
    }
    if (cp === null) {
      out += '\ufffd';
    } else {
      out += String.fromCodePoint(cp);
      i++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// EUC-TW / CNS 11643 planes 1–2. The hanzi of planes 1 and 2 are ordered like Big5 levels 1 and 2 (both sort by
// stroke count and radical) except for the few characters listed below; symbols come from a table. Checked cell by
// cell against glibc's EUC-TW converter. Planes 3–7 are not decoded (U+FFFD).

const CNS1_SYMBOLS: ReadonlyArray<readonly [number, string]> = [
  [0x2121, '　，、。．・；：？！︰…‥﹐﹑﹒·﹔﹕﹖﹗︱—︲–'],
  [0x213e, '（）︵︶｛｝︷︸〔〕︹︺【】︻︼《》︽︾〈〉︿﹀「」﹁﹂『』﹃﹄﹙﹚﹛﹜﹝﹞‘’“”〝〞′‵＃＆＊※§〃○●△▲◎☆★◇◆□■▽▼㊣℅‾'],
  [0x2225, '＿'],
  [
    0x2227,
    '﹉﹊﹍﹎﹋﹌﹟﹠﹡＋－×÷±√＜＞＝≦≧≠∞≒≡﹢﹣﹤﹦﹥∼∩∪⊥∠∟⊿㏒㏑∫∮∵∴♀♂♁☉↑↓→←↖↗↙↘‖｜／＼∕﹨＄￥〒￠￡％＠℃℉﹩﹪﹫㏕㎜㎝㎞㏎㎡㎎㎏㏄°兙兛兞兝兡兣嗧瓩糎▁▂▃▄▅▆▇█▏▎▍▌▋▊▉┼┴┬┤├▔─│▕┌┐└┘╭╮╰╯═╞╪╡◢◣◥◤╱╲╳',
  ],
  [0x2421, '０１２３４５６７８９ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ〡〢〣〤〥〦〧〨〩'],
  [0x243f, '卄'],
  [
    0x2441,
    'ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψωㄅㄆㄇㄈㄉㄊㄋㄌㄍㄎㄏㄐㄑㄒㄓㄔㄕㄖㄗㄘㄙㄚㄛㄜㄝㄞㄟㄠㄡㄢㄣㄤㄥㄦㄧㄨㄩ˙ˉˊˇˋ',
  ],
  [0x2621, '①②③④⑤⑥⑦⑧⑨⑩⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹ'],
  [0x2728, '亠'],
  [0x272f, '冫'],
  [0x2734, '勹'],
  [0x4221, '␀␁␂␃␄␅␆␇␈␉␊␋␌␍␎␏␐␑␒␓␔␕␖␗␘␙␚␛␜␝␞␟␡'],
];
/** [CNS cell, character] where CNS order departs from Big5 order. */
const CNS1_MOVED: ReadonlyArray<readonly [number, string]> = [
  [0x5753, '耄'],
  [0x6b50, '銬'],
  [0x7535, '薦'],
  [0x782d, '嚨'],
  [0x7865, '羅'],
];
const CNS2_MOVED: ReadonlyArray<readonly [number, string]> = [
  [0x214c, '刉'],
  [0x224d, '攷'],
  [0x376f, '笻'],
  [0x3e63, '筇'],
  [0x3f6a, '莚'],
  [0x554b, '錥'],
  [0x5722, '徻'],
  [0x5a28, '螤'],
  [0x5d74, '磿'],
  [0x642f, '鎀'],
  [0x664d, '舋'],
  [0x6761, '鎥'],
  [0x6934, '瀪'],
  [0x6a4b, '鐼'],
  [0x7166, '鬮'],
  [0x7240, '爩'],
];
/** Big5 level 2 repeats two level-1 characters; CNS plane 2 does not. */
const BIG5_DUPLICATES = new Set([0xc94a, 0xddfc]);

interface CnsTables {
  plane1: Map<number, string>;
  plane2: Map<number, string>;
}
let cnsTables: CnsTables | undefined;

function big5Run(from: number, to: number): { code: number; ch: string }[] {
  const dec = new TextDecoder('big5');
  const out: { code: number; ch: string }[] = [];
  for (let code = from; code <= to; code++) {
    const trail = code & 0xff;
    if (!((trail >= 0x40 && trail <= 0x7e) || (trail >= 0xa1 && trail <= 0xfe))) continue;
    out.push({ code, ch: dec.decode(Uint8Array.of(code >> 8, trail)) });
  }
  return out;
}

function cnsHanzi(first: number, big5From: number, big5To: number, moved: ReadonlyArray<readonly [number, string]>): Map<number, string> {
  const movedChars = new Set(moved.map(([, ch]) => ch));
  const seq = big5Run(big5From, big5To)
    .filter(({ code, ch }) => !movedChars.has(ch) && !BIG5_DUPLICATES.has(code))
    .map(({ ch }) => ch);
  const index = (cell: number): number => ((cell >> 8) - (first >> 8)) * 94 + (cell & 0xff) - (first & 0xff);
  for (const [cell, ch] of [...moved].sort((a, b) => a[0] - b[0])) seq.splice(index(cell), 0, ch);
  const map = new Map<number, string>();
  seq.forEach((ch, k) => {
    const row = (first >> 8) + Math.floor((k + (first & 0xff) - 0x21) / 94);
    const col = 0x21 + ((k + (first & 0xff) - 0x21) % 94);
    map.set((row << 8) | col, ch);
  });
  return map;
}

function getCnsTables(): CnsTables {
  if (!cnsTables) {
    const plane1 = cnsHanzi(0x4421, 0xa440, 0xc67e, CNS1_MOVED);
    // CNS keeps U+5F5E 彞 where Big5 has the variant U+5F5D 彝.
    plane1.set(0x7641, '彞');
    for (const [start, chars] of CNS1_SYMBOLS) {
      let cell = start;
      for (const ch of chars) {
        plane1.set(cell, ch);
        cell = (cell & 0xff) === 0x7e ? cell + 0x100 - 0x5d : cell + 1;
      }
    }
    cnsTables = { plane1, plane2: cnsHanzi(0x2121, 0xc940, 0xf9d5, CNS2_MOVED) };
  }
  return cnsTables;
}

function cnsChar(plane: number, row: number, col: number): string {
  const t = getCnsTables();
  const table = plane === 1 ? t.plane1 : plane === 2 ? t.plane2 : undefined;
  return table?.get(((row & 0x7f) << 8) | (col & 0x7f)) ?? '\ufffd';
}

function decodeEucTw(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x80) {
      out += String.fromCharCode(c);
      continue;
    }
    let ch = '\ufffd';
    if (c === 0x8e && i + 3 < b.length && b[i + 1]! >= 0xa1 && b[i + 1]! <= 0xb0) {
      ch = cnsChar(b[i + 1]! - 0xa0, b[i + 2]!, b[i + 3]!);
      i += 3;
    } else if (c >= 0xa1 && c <= 0xfe && i + 1 < b.length && b[i + 1]! >= 0xa1 && b[i + 1]! <= 0xfe) {
      ch = cnsChar(1, c, b[i + 1]!);
      i++;
    }
    out += ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Legacy CJK: decode with each candidate's strict decoder and score how plausible the text is for its language.

/** Most frequent characters per language, most frequent first (simplified list after Jun Da's corpus counts). */
const TOP_HANS =
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵';
const TOP_HANT =
  '的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實日軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手應戰向頭文體政美相見被利什二等產或新己制身果加西斯月話合回特代內信表化老給世位次度門任常先海通教兒原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活爾更別打女變四神總何電數安少報才結反受目太量再感建務做接必場件計管期市直德資命山金指克許統區保至隊形社便空決治展馬科司五基眼書非則聽白卻界達光放強即像難且權思王象完設式色路記南品住告類求據程北邊死張該交規萬取拉格望覺術領共確傳師觀清今切院讓識候帶導爭運笑飛風步改收根乾造言聯持組每濟車親極林服快辦議往元英士證近失轉夫令準布始怎呢存未遠叫台單影具羅字愛擊流備兵連調深商算質團集百需價花黨華城石級整府離況亞請技際約示復病息究線似官火斷精滿支視消越器容照須九增研寫稱企八功嗎包片史委乎查輕易早曾除農找裝廣顯吧阿李標談吃圖念六引歷首醫局突專費號盡另周較注語僅考落青隨選列武紅響雖推勢參希古眾構房半節土投某案黑維革劃敵致陳律足態護七興派孩驗責營星夠章音跟志底站嚴巴例防族供效續施留講型料終答緊黃絕奇察母京段依批群項故按河米圍江織害鬥雙境客紀採舉殺攻父蘇密低朝友訴止細願千值仍男錢破網熱助倒育屬坐帝限船臉職速刻樂否剛威毛狀率甚獨球般普怕彈校苦創假久錯承印晚蘭試股拿腦預誰益陽若哪微尼繼送急血驚傷素藥適波夜省初喜衛源食險待述陸習置居勞財環排福納歡雷警獲模充負雲停木遊龍樹疑層冷洲衝射略範竟句室異激漢村哈策演簡卡罪判擔州靜退既衣您宗積餘痛檢差富靈協角佔配徵修皮揮勝降階審沉堅善媽劉讀啊超免壓銀買皇養伊懷執副亂抗犯追幫宣佛歲航優怪香著田鐵控稅左右份穿藝背陣草腳概惡塊頓敢守酒島託央戶烈洋哥索胡款靠評版寶座釋景顧弟登貨互付伯慢歐換聞危忙核暗姐介壞討麗良序升監臨亮露永呼味野架域沙掉括艦魚雜誤灣吉減編楚肯測敗屋跑夢散溫困劍漸封救貴槍缺樓縣尚毫移娘朋畫班智亦耳恩短掌恐遺固席松秘謝魯遇康慮幸均銷鐘詩藏趕劇票損忽巨炮舊端探湖錄葉春鄉附吸予禮港雨呀板庭婦歸睛飯額含順輸搖招婚脫補謂督毒油療旅澤材滅逐莫筆亡鮮詞聖擇尋廠睡博勒煙授諾倫岸奧唐賣俄炸載洛健堂旁宮喝借君禁陰園謀宋避抓榮姑孫逃牙束跳頂玉鎮雪午練迫爺篇肉嘴館遍凡礎洞卷坦牛寧紙諸訓私莊祖絲翻暴森塔默握戲隱熟骨訪弱蒙歌店鬼軟典欲薩夥遭盤爸擴蓋弄雄穩忘億刺擁徒姆楊齊賽趣曲刀床迎冰虛玩析窗醒妻透購替塞努休虎揚途侵刑綠兄迅套貿畢唯谷輪庫跡尤競街促延震棄甲偉麻川申緩潛閃售燈針哲絡抵朱埃抱鼓植純夏忍頁傑築折鄭貝尊吳秀混臣雅振染盛怒舞圓搞狂措姓殘秋培迷誠寬宇猛擺梅毀伸摩盟末乃悲拍丁趙';
const TOP_JA_KANJI =
  '日一国会人年大十二本中長出三同時政事自行社見月分議後前民生連五発間対上部東者党地合市業内相方四定今回新場金員九入選立開手米力学問高代明実円関決子動京全目表戦経通外最言氏現理調体化田当八六約主題下首意法不来作性的要用制治度務強気小七成期公持野協取都和統以機平総加山思家話世受区領多県続進正安設保改数記院女初北午指権心界支第産結百派点教報済書府活原先共得解名交資予川向際査勝面委告軍文反元重近千考判認画海参売利組知案道信策集在件団別物側任引使求所次水半品昨論計死官増係感特情投示変打男基私各始島直両朝革価式確村提運終挙果西勢減台広容必応演電歳住争談能無再位置企真流格有疑口過局少放税検藤町常校料沢裁状工建語球営空職証土与急止送援供可役構木割聞身費付施切由説転食比難防補車優夫研収断井何南石足違消境神番規術護展態導鮮備宅害配副算視条幹独警宮究育席輸訪楽起万着乗店述残想線率病農州武声質念待試族象銀域助労例衛然早張映限親額監環験追審商葉義伝働形景落欧担好退準賞訴辺造英被株頭技低毎医復仕去姿味負閣韓渡失移差衆個門写評課末守若脳極種美岡影命含福蔵量望松非撃佐核観察整段横融型白深字答夜製票況音申様財港識注呼渉達良響阪帰針専推並父母友週曜雨読買飲花春夏秋冬昼晩夕漢紙色茶肉魚鳥犬牛馬駅旅服屋館堂楽映画写真歌休族兄弟姉妹';
const TOP_KO =
  '이다는의에을하고가지한로서기사대자정리도으어수해들일인나게그시것보아적제전주우만과라상부국있었거요여니비성소오장면동야구내원스세문무신공마학위화연생조실중경와관금분없까유계말저데방선미안물개민모행치러되습르히식및년반통현업할간결회드각트발명단작불산체했께된당음본두권터알심같운용교건양설점속입표후역품재합력진차영특직날받함때월못번노편록처파활님잘더또왜네너많좀뭐떻런래려령료루를름린림립막맞매머먹먼메며몇목몸므밀바박밖밝배백버법베변별병복볼봄북붙브빠새색석섬센셨손송쇼숙순술쉬슨슬승십싶쓰씨악않암앞애약억언얼엄엔열예옥온올옷완왕외욕울움웃윤은응익읽임잠잡쟁접져족존종좋죽준줄즈즘증질집짓째쪽찾착찬참창채책천철청쳐초촬최추축출충취층친카커컴케코콘크키타태택테텔토투티판팔패퍼페평포푸프플피필항향허형호혹확환효훈휴흐희힘벌써캐갑값갈감강갖객걸검겁겠겨격견겸곁곡곤곧골곰곳광괜굳굴굽궁귀규균극근글급긍긴길김깊깨꺼꼬꼭꽃꾸꿈끄끝끼낌낙난남납낮낸냈냐널넘넣넷녀념녕녹논놀농높놓누눈뉴느늘능늦닌닥닫달닮담답댁덕던덜델독돈돌돼될둘둥뒤득든듣듯등딩따딱딸떠떡떤떨똑뚜뛰뜨뜻띠락란람랑랫략량럭럴럼렇레렌렬렵론롭롯룹륙률릇릎릴링맛망맡맺멀멋멍멘멸몰몽묘묵묶묻뭔뮤믿밤밥뱃범벽볶봉봐뵙뷰빌빛빨뻐뼈뿌뿐쁘삭삶삼샀샘섞섭셈셋션셔솔쇄쇠숨숫숲쉽슈싱싸쌀쌍쎄쏘쑥쓴씀씩앉았앙액앨얀얘엉엎엘옆옛옮옳왔웅워웠웨웹윗융읍잃잇잊잔잖젖젠젤졌졸죄줍쥐즐즉짐짧짝쫓찌찍찢찰찮척첫쳤촌총촉춤췄츠측칙칠침칭칸칼캠컨컫켜켓켰콩쾌쿠퀴큰클큼킨킬킹탁탄탐탑탓탕탱턱털텀텐톤톨톱퇴툴튀튜튼틀틈팀팅팩팬팽펀펄펴폐폭폴폼퐁푹풀풍퓨픈픔픽핀핑핫핵헌헐험헤헬혀혁혈협혜혼홀홈홍황획횟훌훨훼휘흉흑흔흘흙흥흰힌힐';

type Lang = 'zh-hans' | 'zh-hant' | 'ja' | 'ko';

interface CjkTables {
  gbL1: Set<number>;
  gbL2: Set<number>;
  big5L1: Set<number>;
  big5L2: Set<number>;
  jisL1: Set<number>;
  jisL2: Set<number>;
  ksxHangul: Set<number>;
  ksxHanja: Set<number>;
  rank: Record<Lang, Map<number, number>>;
}
let cjkTables: CjkTables | undefined;

function charsOfRows(encoding: string, leads: [number, number], trails: [number, number][]): Set<number> {
  const out = new Set<number>();
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (const [from, to] of trails) {
      for (let trail = from; trail <= to; trail++) {
        const cp = tryDecode(encoding, Uint8Array.of(lead, trail))?.codePointAt(0);
        if (cp !== undefined && cp > 0x7f) out.add(cp);
      }
    }
  }
  return out;
}

function rankMap(list: string): Map<number, number> {
  const m = new Map<number, number>();
  let i = 0;
  for (const ch of list) {
    const cp = ch.codePointAt(0)!;
    if (!m.has(cp)) m.set(cp, i++);
  }
  return m;
}

/** Character classes come from the code tables themselves: each standard's level 1 is its "common characters" set. */
function getCjkTables(): CjkTables {
  if (!cjkTables) {
    const full: [number, number][] = [[0xa1, 0xfe]];
    const big5Trails: [number, number][] = [
      [0x40, 0x7e],
      [0xa1, 0xfe],
    ];
    const big5L1 = charsOfRows('big5', [0xa4, 0xc6], big5Trails);
    const big5L2 = charsOfRows('big5', [0xc9, 0xf9], big5Trails);
    cjkTables = {
      gbL1: charsOfRows('gbk', [0xb0, 0xd7], full),
      gbL2: charsOfRows('gbk', [0xd8, 0xf7], full),
      big5L1,
      big5L2,
      jisL1: charsOfRows('euc-jp', [0xb0, 0xcf], full),
      jisL2: charsOfRows('euc-jp', [0xd0, 0xf4], full),
      ksxHangul: charsOfRows('euc-kr', [0xb0, 0xc8], full),
      ksxHanja: charsOfRows('euc-kr', [0xca, 0xfd], full),
      rank: { 'zh-hans': rankMap(TOP_HANS), 'zh-hant': rankMap(TOP_HANT), ja: rankMap(TOP_JA_KANJI), ko: rankMap(TOP_KO) },
    };
  }
  return cjkTables;
}

function rankWeight(rank: number | undefined): number {
  if (rank === undefined) return 0;
  return rank < 200 ? 4 : rank < 500 ? 3 : 2;
}

const CHINESE_PUNCT = new Set([...'，。、：；？！“”‘’《》（）【】…—·「」『』〈〉'].map((c) => c.codePointAt(0)!));
const JAPANESE_PUNCT = new Set([...'、。「」『』・ー（）【】…‥〜！？：'].map((c) => c.codePointAt(0)!));
const KOREAN_PUNCT = new Set([...'·…“”‘’「」『』《》〈〉（）【】～'].map((c) => c.codePointAt(0)!));
const COMMON_SYMBOLS = new Set([...'※○●◎◇◆□■△▲▽▼☆★→←↑↓①②③④⑤⑥⑦⑧⑨⑩°±×÷§'].map((c) => c.codePointAt(0)!));

/** How plausible one decoded non-ASCII character is in text of the given language (higher is better). */
function charWeight(cp: number, lang: Lang, t: CjkTables): number {
  if (cp === 0xfffd || (cp >= 0x80 && cp <= 0x9f)) return -6;
  // User-defined cells decode to the PUA: real (Windows gaiji) but rare, and typical of a wrong reading.
  if (cp >= 0xe000 && cp <= 0xf8ff) return -2;
  const rank = t.rank[lang].get(cp);
  if (rank !== undefined) return rankWeight(rank);
  const punct = lang === 'ja' ? JAPANESE_PUNCT : lang === 'ko' ? KOREAN_PUNCT : CHINESE_PUNCT;
  if (punct.has(cp)) return 2;
  if (COMMON_SYMBOLS.has(cp)) return 0.5;
  if (cp >= 0xff01 && cp <= 0xff5e) return 0.8;
  if (cp === 0x3000) return 1;
  // Kana are the most frequent characters of Japanese text (particles, endings, loanwords).
  if (cp >= 0x3041 && cp <= 0x309f) return lang === 'ja' ? 4 : -1;
  if (cp >= 0x30a0 && cp <= 0x30ff) return lang === 'ja' ? 2.5 : -1;
  // Half-width katakana are rare in modern text but are what other encodings' bytes turn into under Shift_JIS.
  if (cp >= 0xff61 && cp <= 0xff9f) return -1;
  if (cp >= 0xac00 && cp <= 0xd7a3) {
    if (lang !== 'ko') return -1;
    // Syllables beyond KS X 1001 (CP949's UHC extension) are rare but are still Hangul, unlike what a wrong reading gives.
    return t.ksxHangul.has(cp) ? 1 : 0.8;
  }
  if (cp >= 0x3131 && cp <= 0x318e) return lang === 'ko' ? 0.5 : -1;
  if (cp >= 0x4e00 && cp <= 0x9fff) {
    switch (lang) {
      case 'zh-hans':
        return t.gbL1.has(cp) ? 1 : t.gbL2.has(cp) ? 0.3 : -0.3;
      case 'zh-hant':
        return t.big5L1.has(cp) ? 1 : t.big5L2.has(cp) ? 0.3 : -0.3;
      case 'ja':
        return t.jisL1.has(cp) ? 1 : t.jisL2.has(cp) ? 0.3 : -0.3;
      case 'ko':
        return t.ksxHanja.has(cp) ? 0.2 : -0.5;
    }
  }
  if (cp >= 0x2010 && cp <= 0x2027) return 0.5;
  if (cp >= 0x3001 && cp <= 0x303f) return 0.3;
  if (cp >= 0x0370 && cp <= 0x04ff) return -0.5;
  if (cp >= 0x2500 && cp <= 0x257f) return -0.2;
  if (cp >= 0x2100 && cp <= 0x2bff) return 0;
  if (cp >= 0xa0 && cp <= 0xff) return -0.5;
  return -1;
}

const SPACED_CJK = /[\u3041-\u30ff\u4e00-\u9fff\uac00-\ud7a3] (?=[\u3041-\u30ff\u4e00-\u9fff\uac00-\ud7a3])/g;

interface CjkCandidate {
  family: 'gb' | 'big5' | 'kr' | 'sjis' | 'eucjp' | 'euctw' | 'johab';
  decoder: string;
  langs: Lang[];
}

const CJK_CANDIDATES: CjkCandidate[] = [
  { family: 'gb', decoder: 'gb18030', langs: ['zh-hans', 'zh-hant'] },
  { family: 'big5', decoder: 'big5', langs: ['zh-hant'] },
  { family: 'kr', decoder: 'euc-kr', langs: ['ko'] },
  { family: 'sjis', decoder: 'shift_jis', langs: ['ja'] },
  { family: 'eucjp', decoder: 'euc-jp', langs: ['ja'] },
  { family: 'euctw', decoder: 'euc-tw', langs: ['zh-hant'] },
  { family: 'johab', decoder: 'johab', langs: ['ko'] },
];
const SHORT_CANDIDATES = CJK_CANDIDATES.filter((c) => c.family !== 'euctw' && c.family !== 'johab');

/** Below this score per two non-ASCII bytes the text is not read as CJK... */
const MIN_CJK_PER_PAIR = 1.2;
/** ...unless most of its characters are frequent ones (text full of gaiji, user-defined PUA characters, scores low). */
const MIN_STRONG_SHARE = 0.5;

function plausibleCjk(r: CjkResult | undefined): boolean {
  return r !== undefined && (r.perPair >= MIN_CJK_PER_PAIR || (r.strong >= MIN_STRONG_SHARE && r.perPair > 0.3));
}

interface CjkResult {
  family: CjkCandidate['family'];
  label: string;
  text: string;
  score: number;
  perPair: number;
  /** Share of non-ASCII characters that are frequent in the language (kana, top hanzi/hangul, CJK punctuation). */
  strong: number;
}

function rankCjk(bytes: Uint8Array, candidates: CjkCandidate[], tolerant = false): CjkResult[] {
  const t = getCjkTables();
  let highBytes = 0;
  for (const byte of bytes) if (byte >= 0x80) highBytes++;
  if (highBytes === 0) return [];
  const results: CjkResult[] = [];
  for (const cand of candidates) {
    const text = lenientCjkDecode(cand, bytes, tolerant);
    if (text === null) continue;
    let asciiChars = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x80) asciiChars++;
    // Per two bytes of non-ASCII characters, so readings that pair a high byte with an ASCII byte are not favoured.
    const pairs = Math.max(1, (bytes.length - asciiChars) / 2);
    let best = -Infinity;
    let strong = 0;
    for (const lang of cand.langs) {
      let sum = 0;
      let chars = 0;
      let frequent = 0;
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (cp < 0x80) continue;
        const w = charWeight(cp, lang, t);
        sum += w;
        chars++;
        if (w >= 2) frequent++;
      }
      // Korean separates words with spaces; Chinese and Japanese run characters together.
      const spaced = text.match(SPACED_CJK)?.length ?? 0;
      sum += spaced * (lang === 'ko' ? 0.5 : -0.5);
      if (sum > best) {
        best = sum;
        strong = chars ? frequent / chars : 0;
      }
    }
    results.push({ family: cand.family, label: cjkLabel(cand.family, bytes), text, score: best, perPair: best / pairs, strong });
  }
  return results.sort((a, b) => b.score - a.score);
}

/**
 * Decodes with a candidate, allowing a few invalid sequences in long text (a damaged or cut file is still evidence),
 * none in short strings. Each U+FFFD costs its candidate in the score, so a clean reading still wins.
 */
function lenientCjkDecode(cand: CjkCandidate, bytes: Uint8Array, tolerant: boolean): string | null {
  const text = decodeBytes(bytes, cand.decoder);
  let invalid = 0;
  let high = 0;
  for (const ch of text) {
    if (ch === '\ufffd') invalid++;
    else if (ch.charCodeAt(0) >= 0x80) high++;
  }
  const allowed = tolerant ? 1 + Math.floor(high * 0.05) : 0;
  return invalid <= allowed ? text : null;
}

/** The most specific label the bytes justify; all of a family's labels decode the same. */
function cjkLabel(family: CjkCandidate['family'], b: Uint8Array): string {
  switch (family) {
    case 'gb': {
      let ext = false;
      for (let i = 0; i < b.length; i++) {
        const c = b[i]!;
        if (c < 0x80) continue;
        const c2 = b[i + 1];
        if (c2 === undefined) break;
        if (c2 >= 0x30 && c2 <= 0x39) return 'gb18030';
        if (c < 0xa1 || c > 0xf7 || c2 < 0xa1) ext = true;
        i++;
      }
      return ext ? 'gbk' : 'gb2312';
    }
    case 'kr': {
      for (let i = 0; i < b.length; i++) {
        const c = b[i]!;
        if (c < 0x80) continue;
        if (c < 0xa1 || (b[i + 1] ?? 0xff) < 0xa1) return 'cp949';
        i++;
      }
      return 'euc-kr';
    }
    case 'big5':
      return 'big5';
    case 'sjis':
      return 'shift_jis';
    case 'eucjp':
      return 'euc-jp';
    case 'euctw':
      return 'euc-tw';
    case 'johab':
      return 'johab';
  }
}

function cjkConfidence(best: CjkResult, second: CjkResult | undefined): number {
  const margin = second ? (best.score - second.score) / Math.max(1, Math.abs(best.score)) : 1;
  return round2(Math.max(0.3, Math.min(0.99, 0.35 + best.perPair * 0.1 + margin * 0.4)));
}

// ---------------------------------------------------------------------------------------------------------------
// Single-byte: every candidate code page is read and scored on whether its words look like words.

const COMMON_LATIN = new Set([...'éèêëàâäáãåçñóòôöõúùûüíìîïýÿøæœß'].map((c) => c.codePointAt(0)!));
const TYPOGRAPHIC = new Set([...'‘’“”–—…•€£¥©®™°«»¿¡§±×·½¼¾¢¶'].map((c) => c.codePointAt(0)!));
/** The most frequent letters of Russian, Greek, Hebrew, Arabic and Thai prose: a wrong code page shuffles them. */
const FREQUENT_LETTERS = new Set(
  [...'оеаинтсрвлкмдпуяыьгзбчйαοιετσνηυρπκμλωάέίόήύώיוהלמארבשתנעדכקםןاليمونرتبعهدفكقسةานรอกงมเยวดทัสลิตีบ'].map((c) => c.codePointAt(0)!),
);
const GREEK_TONOS = /[άέήίόύώΐΰ]/;

/** Russian, Bulgarian and Greek words of one letter (prepositions, conjunctions, articles). */
const ONE_LETTER_WORDS = new Set([...'авиксуяоηοω']);

type Script = 'latin' | 'greek' | 'cyrillic' | 'thai' | 'other';

function scriptOf(cp: number): Script {
  if (cp <= 0x24f || (cp >= 0x1e00 && cp <= 0x1eff)) return 'latin';
  if (cp >= 0x370 && cp <= 0x3ff) return 'greek';
  if (cp >= 0x400 && cp <= 0x4ff) return 'cyrillic';
  if (cp >= 0xe00 && cp <= 0xe7f) return 'thai';
  return 'other';
}

const THAI_CONSONANT = /[\u0e01-\u0e2e]/;
const THAI_MARK = /[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/;
const THAI_LEADING_VOWEL = /[\u0e40-\u0e44]/;
/** ฃ and ฅ are obsolete: common in other encodings' bytes read as TIS-620, absent from modern Thai. */
const THAI_OBSOLETE = /[\u0e03\u0e05]/;

/** Thai spelling rules a wrong code page breaks: marks sit on consonants, leading vowels precede one. */
function thaiPenalty(chars: string[]): number {
  let penalty = 0;
  chars.forEach((ch, i) => {
    const prev = chars[i - 1] ?? '';
    if (THAI_OBSOLETE.test(ch)) penalty++;
    else if (THAI_MARK.test(ch) && !THAI_CONSONANT.test(prev) && !THAI_MARK.test(prev)) penalty++;
    else if (THAI_LEADING_VOWEL.test(ch) && !THAI_CONSONANT.test(chars[i + 1] ?? '')) penalty++;
  });
  return penalty;
}

const isLower = (ch: string): boolean => ch.toLowerCase() === ch && ch.toUpperCase() !== ch;
const isUpper = (ch: string): boolean => ch.toUpperCase() === ch && ch.toLowerCase() !== ch;

/** Score of one word that holds non-ASCII letters; `high` is its non-ASCII letters. */
function wordScore(chars: string[], high: string[]): { score: number; upper: number; cased: number } {
  const letters = chars.filter((c) => /\p{L}/u.test(c));
  const scripts = new Set(letters.filter((c) => c.codePointAt(0)! >= 0x80).map((c) => scriptOf(c.codePointAt(0)!)));
  const asciiLetters = letters.some((c) => c.codePointAt(0)! < 0x80);
  const script = scripts.size === 1 ? [...scripts][0]! : 'mixed';
  if (script === 'mixed' || (asciiLetters && script !== 'latin')) return { score: -1.5 * high.length, upper: 0, cased: 0 };
  const cased = letters.filter((c) => isLower(c) || isUpper(c));
  const upper = cased.filter(isUpper).length;
  const rest = cased.slice(1);
  const caseOk = upper === 0 || upper === cased.length || (isUpper(cased[0] ?? '') && rest.every(isLower));
  if (!caseOk) return { score: -1 * high.length, upper, cased: cased.length };
  let score = 0;
  if (script === 'latin') {
    // Latin prose has a few accented letters among plain ones; words made mostly of them are another script misread.
    const share = high.length / letters.length;
    if ((letters.length >= 3 && share > 0.5) || (letters.length === 2 && share === 1))
      return { score: -1 * high.length, upper, cased: cased.length };
    for (const ch of high) {
      const common = COMMON_LATIN.has(ch.toLowerCase().codePointAt(0)!);
      if (!common) score -= 0.5;
      else if (letters.length === 1) score += isLower(ch) ? 0.5 : -0.5;
      else score += isLower(ch) ? 2 : 1;
    }
  } else if (letters.length === 1) {
    score += ONE_LETTER_WORDS.has(letters[0]!.toLowerCase()) ? 1 : -0.5;
  } else if (script === 'greek' && upper === 0 && letters.length >= 5 && !GREEK_TONOS.test(chars.join(''))) {
    // Modern Greek accents every word of two or more syllables (capitals aside); Hebrew read as Greek never does.
    score -= 0.5 * high.length;
  } else {
    for (const ch of high) score += FREQUENT_LETTERS.has(ch.toLowerCase().codePointAt(0)!) ? 2 : 1.5;
    if (script === 'thai') score -= 4 * thaiPenalty(chars);
  }
  return { score, upper, cased: cased.length };
}

/** Plausibility per non-ASCII character of a single-byte reading (about -6 … 2); judged on its first 4,000 such characters. */
function singleByteScore(full: string): number {
  let cut = full.length;
  for (let i = 0, n = 0; i < full.length; i++) {
    if (full.charCodeAt(i) >= 0x80 && ++n === 4000) {
      cut = i + 1;
      break;
    }
  }
  const text = full.slice(0, cut);
  let score = 0;
  let high = 0;
  let upper = 0;
  let cased = 0;
  const tokens = text.match(/[\p{L}\p{M}]+|[^\p{L}\p{M}]/gu) ?? [];
  const words = tokens.filter((t) => /\p{L}/u.test(t));
  const asciiWord = (w: string | undefined): boolean => w !== undefined && /^[A-Za-z]+$/.test(w);
  let wordIndex = -1;
  for (const token of tokens) {
    const isWord = /\p{L}/u.test(token);
    if (isWord) wordIndex++;
    const chars = [...token];
    const highChars = chars.filter((c) => c.codePointAt(0)! >= 0x80);
    if (highChars.length === 0) continue;
    high += highChars.length;
    if (!isWord) {
      const cp = token.codePointAt(0)!;
      score += cp === 0xfffd || (cp >= 0x80 && cp <= 0x9f) ? -6 : TYPOGRAPHIC.has(cp) || cp === 0xa0 ? 1 : -1;
      continue;
    }
    const w = wordScore(chars, highChars);
    // A one- or two-letter Cyrillic/Greek/… word between English words is a Latin accented letter in the wrong code page.
    const nonLatin = highChars.some((c) => scriptOf(c.codePointAt(0)!) !== 'latin');
    const isolated = nonLatin && chars.length <= 2 && asciiWord(words[wordIndex - 1]) && asciiWord(words[wordIndex + 1]);
    score += isolated ? Math.min(w.score, 0) - 0.5 * highChars.length : w.score;
    upper += w.upper;
    cased += w.cased;
  }
  // Prose is mostly lower case; a reading that is mostly capitals usually swaps the case halves of a code page (KOI8).
  if (cased >= 8 && upper / cased > 0.6) score -= high;
  return high ? score / high : 0;
}

const SINGLE_BYTE = [
  'cp874',
  'cp1250',
  'cp1251',
  'cp1252',
  'cp1253',
  'cp1254',
  'cp1255',
  'cp1256',
  'cp1257',
  'cp1258',
  'koi8-r',
  'koi8-u',
  'tis-620',
  'iso8859-1',
  'iso8859-2',
  'iso8859-4',
  'iso8859-5',
  'iso8859-6',
  'iso8859-7',
  'iso8859-8',
  'iso8859-9',
  'iso8859-13',
  'iso8859-15',
  'mac-cyrillic',
  'mac-roman',
  'mac-greek',
  'mac-latin2',
  'cp866',
];
/** Always scored, so that short strings (where jschardet has too little to go on) still get a fair reading. */
const BASE_SINGLE_BYTE = [
  'windows-1252',
  'macroman',
  'windows-1250',
  'windows-1251',
  'koi8-r',
  'iso-8859-5',
  'windows-1253',
  'windows-1255',
  'windows-1256',
  'windows-874',
];

/** jschardet names → WHATWG / IANA labels. */
function normaliseLabel(name: string): string {
  const n = name.toLowerCase().replace(/_/g, '-');
  const map: Record<string, string> = {
    cp874: 'windows-874',
    'tis-620': 'windows-874',
    'mac-cyrillic': 'x-mac-cyrillic',
    maccyrillic: 'x-mac-cyrillic',
    'mac-roman': 'macroman',
    macintosh: 'macroman',
    'mac-greek': 'x-mac-greek',
    macgreek: 'x-mac-greek',
    'mac-latin2': 'x-mac-ce',
    maclatin2: 'x-mac-ce',
    cp866: 'ibm866',
    'iso-8859-1': 'windows-1252',
  };
  if (map[n]) return map[n];
  const cp = /^cp(125\d)$/.exec(n);
  if (cp) return `windows-${cp[1]}`;
  const iso = /^iso-?8859-(\d+)$/.exec(n);
  if (iso) return `iso-8859-${iso[1]}`;
  return n;
}

interface SingleByteGuess {
  name: string;
  confidence: number;
  /** Plausibility per non-ASCII character, jschardet's view included. */
  score: number;
}

function pickSingleByte(bytes: Uint8Array): SingleByteGuess {
  const prior = new Map<string, number>(BASE_SINGLE_BYTE.map((n) => [n, 0]));
  for (const r of chardet.detectAll(bytes, { includeEncodings: SINGLE_BYTE, encodingEra: 63, ignoreThreshold: true }).slice(0, 5)) {
    if (!r.encoding) continue;
    const name = normaliseLabel(r.encoding);
    prior.set(name, Math.max(prior.get(name) ?? 0, r.confidence));
  }
  let best: SingleByteGuess | undefined;
  let second = -Infinity;
  for (const [name, conf] of prior) {
    let text: string;
    try {
      text = decodeBytes(bytes, name);
    } catch {
      continue;
    }
    // Classic Mac OS ended lines with a bare CR: a MacRoman hint that costs nothing to check.
    const macHint = name === 'macroman' && /\r(?!\n)/.test(text) ? 0.3 : 0;
    // jschardet's confidence below its own 0.2 threshold is noise; on a tie the most common code page wins.
    const score = singleByteScore(text) + (conf >= 0.2 ? 1.5 * conf : 0) + macHint + (name === 'windows-1252' ? 0.05 : 0);
    if (!best || score > best.score) {
      second = best?.score ?? second;
      best = { name, confidence: conf, score };
    } else if (score > second) second = score;
  }
  const guess = best ?? { name: 'windows-1252', confidence: 0, score: 0 };
  const margin = Number.isFinite(second) ? guess.score - second : 1;
  const confidence = round2(Math.max(0.2, Math.min(0.95, Math.max(guess.confidence, 0.3 + margin * 0.2))));
  if (guess.name === 'windows-1252') {
    let c1 = false;
    for (const byte of bytes) if (byte >= 0x80 && byte <= 0x9f) c1 = true;
    // Only windows-1252 assigns 0x80–0x9F; text that never uses them is, read carefully, plain ISO-8859-1.
    return { ...guess, name: c1 ? 'windows-1252' : 'iso-8859-1', confidence };
  }
  // TIS-620 is windows-874 without its 0x80–0x9F punctuation; Windows Thai is the usual source, so it is the default.
  return { ...guess, confidence };
}

// ---------------------------------------------------------------------------------------------------------------
// Legacy pipeline

function detectLegacy(sample: Uint8Array, truncated: boolean): DetectedEncoding {
  const declared = declaredCharset(sample);
  const ranked = rankCjk(sample, CJK_CANDIDATES, true);
  if (declared && declaredFits(declared, sample, ranked, truncated)) {
    return { name: declared, confidence: 0.95, bom: false, method: 'declared in document, consistent with bytes' };
  }
  const guess = chooseLegacy(sample, CJK_CANDIDATES, true, ranked);
  return { name: guess.name, confidence: guess.confidence, bom: false, method: guess.method };
}

/** A single-byte reading scoring below this per character is mostly garbage... */
const SINGLE_BYTE_IMPLAUSIBLE = 0.3;
/** ...and one above this reads as ordinary words, which a weak CJK reading must not override. */
const SINGLE_BYTE_CONVINCING = 1.5;
/** Between garbage and ordinary words, a fair CJK reading wins against a mediocre single-byte one. */
const CJK_FAIR = 0.8;
const SINGLE_BYTE_FAIR = 1;
const LATIN_CODE_PAGES = new Set([
  'windows-1252',
  'iso-8859-1',
  'iso-8859-15',
  'macroman',
  'windows-1250',
  'iso-8859-2',
  'windows-1254',
  'windows-1257',
  'windows-1258',
  'x-mac-ce',
]);
/** Below this a CJK reading is mediocre enough for clean Cyrillic, Greek, Hebrew or Thai words to win. */
const CJK_MODERATE = 1.8;
/** A CJK reading this good is not second-guessed (which also saves scoring the single-byte readings). */
const CJK_CONVINCING = 2.5;

function chooseLegacy(
  bytes: Uint8Array,
  candidates: CjkCandidate[],
  tolerant: boolean,
  ranked = rankCjk(bytes, candidates, tolerant),
): { name: string; confidence: number; method: string; text?: string } {
  const best = ranked[0];
  // EUC-TW and Johab are rare: they win on strong evidence only, never by default.
  const common = ranked.find((r) => r.family !== 'euctw' && r.family !== 'johab');
  if (best && best.perPair >= CJK_CONVINCING) {
    return { name: best.label, confidence: cjkConfidence(best, ranked[1]), method: 'CJK character plausibility', text: best.text };
  }
  const single = pickSingleByte(bytes);
  const singleMethod = 'single-byte word plausibility + statistical (jschardet)';
  if (best && plausibleCjk(best)) {
    // Any run of high bytes reads as some Cyrillic or Thai "word", so only Latin readings may beat a good CJK one.
    if (single.score >= SINGLE_BYTE_CONVINCING && (LATIN_CODE_PAGES.has(single.name) || best.perPair < CJK_MODERATE))
      return { name: single.name, confidence: single.confidence, method: singleMethod };
    return { name: best.label, confidence: cjkConfidence(best, ranked[1]), method: 'CJK character plausibility', text: best.text };
  }
  if (common && common.perPair >= CJK_FAIR && single.score < SINGLE_BYTE_FAIR) {
    return {
      name: common.label,
      confidence: round2(cjkConfidence(common, ranked[1]) * 0.8),
      method: 'CJK character plausibility (weak, single-byte readings weaker)',
      text: common.text,
    };
  }
  if (common && common.perPair > 0 && single.score < SINGLE_BYTE_IMPLAUSIBLE) {
    return { name: common.label, confidence: 0.5, method: 'CJK (no single-byte reading is plausible)', text: common.text };
  }
  return { name: single.name, confidence: single.confidence, method: singleMethod };
}

/** `<?xml encoding=…?>`, `<meta charset=…>` or `content="…; charset=…"` near the start of the text. */
function declaredCharset(sample: Uint8Array): string | null {
  const head = latin1(sample.subarray(0, 2048));
  const m = /<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head) ?? /<meta[^>]*\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (!m) return null;
  const label = m[1]!.toLowerCase();
  const known: Record<string, string> = {
    'x-sjis': 'shift_jis',
    sjis: 'shift_jis',
    'shift-jis': 'shift_jis',
    'windows-31j': 'shift_jis',
    cp932: 'shift_jis',
    maccyrillic: 'x-mac-cyrillic',
    'x-euc-jp': 'euc-jp',
    'x-euc-tw': 'euc-tw',
    'ks_c_5601-1987': 'euc-kr',
    'windows-949': 'cp949',
    latin1: 'iso-8859-1',
    'x-mac-roman': 'macroman',
    macintosh: 'macroman',
    mac: 'macroman',
    'cn-big5': 'big5',
    'x-x-big5': 'big5',
    'big5-hkscs': 'big5',
  };
  const name = known[label] ?? label;
  if (/^utf-?(8|16|32)/.test(name)) return null;
  try {
    decodeBytes(Uint8Array.of(0x41), name);
    return name;
  } catch {
    return null;
  }
}

/** A declaration is used only when the bytes decode cleanly with it and it reads about as well as the best guess. */
function declaredFits(declared: string, sample: Uint8Array, ranked: CjkResult[], truncated: boolean): boolean {
  const family = CJK_FAMILY_OF[declared];
  if (family) {
    const mine = ranked.find((r) => r.family === family);
    const best = ranked[0];
    return mine !== undefined && best !== undefined && mine.score > 0 && mine.score >= best.score * 0.8;
  }
  let text: string;
  try {
    text = decodeBytes(truncated ? sample.subarray(0, sample.length - 4) : sample, declared);
  } catch {
    return false;
  }
  if (text.includes('\ufffd') || /[\u0080-\u009f]/.test(text)) return false;
  const best = ranked[0];
  // Multi-byte text labelled as a single-byte charset is a common mislabel: trust a strong CJK reading instead.
  return !(best && best.perPair >= 2.5);
}

const CJK_FAMILY_OF: Record<string, CjkCandidate['family']> = {
  gb2312: 'gb',
  gbk: 'gb',
  gb18030: 'gb',
  'euc-cn': 'gb',
  'x-gbk': 'gb',
  big5: 'big5',
  cp950: 'big5',
  'euc-kr': 'kr',
  cp949: 'kr',
  uhc: 'kr',
  shift_jis: 'sjis',
  'euc-jp': 'eucjp',
  'euc-tw': 'euctw',
  johab: 'johab',
};

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/**
 * Node's ICU `euc-kr` decoder is plain EUC-KR (0x81–0xA0 lead bytes come out as C1 controls), not the WHATWG/CP949
 * superset, so every Korean label goes through iconv-lite's CP949 (UHC), which also reads plain EUC-KR correctly.
 */
const KOREAN_LABELS = new Set(['euc-kr', 'cp949', 'uhc', 'windows-949', 'ks_c_5601-1987', 'ks-c-5601-1987', 'korean']);

/** Labels TextDecoder lacks, by their iconv-lite names. */
const ICONV_NAMES: Record<string, string> = { 'x-mac-greek': 'macgreek', 'x-mac-ce': 'maccenteuro', 'x-mac-turkish': 'macturkish' };

/** Labels that name a superset TextDecoder knows under another name. */
const WHATWG_ALIASES: Record<string, string> = {
  cp936: 'gbk',
  'x-gbk': 'gbk',
  'euc-cn': 'gbk',
  cp950: 'big5',
  'big5-hkscs': 'big5',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
  sjis: 'shift_jis',
  cp874: 'windows-874',
  ibm866: 'ibm866',
  cp866: 'ibm866',
};

function makeDecoder(label: string, fatal: boolean): InstanceType<typeof TextDecoder> | null {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return null;
  }
}

const fatalDecoders = new Map<string, InstanceType<typeof TextDecoder> | null>();

function tryDecode(label: string, bytes: Uint8Array): string | null {
  if (KOREAN_LABELS.has(label)) {
    // The input is not UTF-8, so any U+FFFD in the output is iconv-lite's mark for an invalid sequence.
    const text = iconvDecode(bytes, 'cp949');
    return text.includes('\ufffd') ? null : text;
  }
  let dec = fatalDecoders.get(label);
  if (dec === undefined) {
    dec = makeDecoder(label, true);
    fatalDecoders.set(label, dec);
  }
  if (dec === null) return null;
  try {
    return dec.decode(bytes);
  } catch {
    return null;
  }
}

function iconvDecode(b: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), encoding);
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
