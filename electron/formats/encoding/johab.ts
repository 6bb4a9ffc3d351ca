import { tryDecode } from './codecs';

// Johab (KS X 1001 annex 3): Hangul composed from 5-bit jamo indexes, symbols and hanja mapped onto KS X 1001 rows.
// Neither TextDecoder nor iconv-lite has it.

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

export function decodeJohab(b: Uint8Array): string {
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
