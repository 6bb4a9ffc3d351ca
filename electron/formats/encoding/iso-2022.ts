import { decodeStandard, iconvDecode, latin1 } from './codecs';
import { cnsChar } from './euc-tw';

/** ISO-2022 text is 7-bit and switches character sets with escape sequences; the designations name the variant. */
export function detectIso2022(b: Uint8Array): string | null {
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
export function decodeIso2022Kr(b: Uint8Array): string {
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
  // The shifted bytes are now EUC-KR, which CP949 reads unchanged (see codecs.ts for why not TextDecoder).
  return iconvDecode(Uint8Array.from(out), 'cp949');
}

/** RFC 1922: GB 2312 or CNS 11643 plane 1 in G1 (SO/SI), CNS plane 2 in G2 (single shift ESC N); shift state ends at each line. */
export function decodeIso2022Cn(b: Uint8Array): string {
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
      if (g1 === 'gb') out += decodeStandard(Uint8Array.of(byte | 0x80, next | 0x80), 'gbk') ?? '\ufffd';
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
