import cns1Symbols from './data/cns-11643-plane1-symbols.json';

// EUC-TW / CNS 11643 planes 1–2. The hanzi of planes 1 and 2 are ordered like Big5 levels 1 and 2 (both sort by
// stroke count and radical) except for the few characters listed below; the symbols of plane 1 come from
// data/cns-11643-plane1-symbols.json. Checked cell by cell against glibc's EUC-TW converter. Planes 3–7 are not
// decoded (U+FFFD).

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
    for (const [start = '', chars = ''] of cns1Symbols.rows) {
      let cell = parseInt(start, 16);
      for (const ch of chars) {
        plane1.set(cell, ch);
        cell = (cell & 0xff) === 0x7e ? cell + 0x100 - 0x5d : cell + 1;
      }
    }
    cnsTables = { plane1, plane2: cnsHanzi(0x2121, 0xc940, 0xf9d5, CNS2_MOVED) };
  }
  return cnsTables;
}

/** The character in a CNS 11643 cell (row and column bytes with or without the high bit), U+FFFD when not decoded. */
export function cnsChar(plane: number, row: number, col: number): string {
  const t = getCnsTables();
  const table = plane === 1 ? t.plane1 : plane === 2 ? t.plane2 : undefined;
  return table?.get(((row & 0x7f) << 8) | (col & 0x7f)) ?? '\ufffd';
}

export function decodeEucTw(b: Uint8Array): string {
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
