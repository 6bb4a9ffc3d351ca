import iconv from 'iconv-lite';

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

/**
 * Decodes with a lower-case label that TextDecoder or iconv-lite knows (the Korean labels always through CP949);
 * null when neither knows it.
 */
export function decodeStandard(bytes: Uint8Array, label: string): string | null {
  if (KOREAN_LABELS.has(label)) return iconvDecode(bytes, 'cp949');
  const iconvName = ICONV_NAMES[label];
  if (iconvName) return iconvDecode(bytes, iconvName);
  const decoder = makeDecoder(WHATWG_ALIASES[label] ?? label, false);
  if (decoder) return decoder.decode(bytes);
  if (iconv.encodingExists(label)) return iconvDecode(bytes, label);
  return null;
}

const fatalDecoders = new Map<string, InstanceType<typeof TextDecoder> | null>();

/** The text when the bytes are valid in the encoding, else null. */
export function tryDecode(label: string, bytes: Uint8Array): string | null {
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

export function iconvDecode(b: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), encoding);
}

/** One character per byte (ISO-8859-1): exact for ASCII, and how escape sequences and markup are matched. */
export function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}
