import { decodeBytes } from './decode';
import { decodeShortString } from './detect';

/**
 * Windows code page identifiers, as Office property sets (CodePage), BIFF5 workbooks (CODEPAGE) and RTF (\ansicpg)
 * name the encoding of their 8-bit strings, mapped to the labels decodeBytes understands.
 */
const LABELS: Record<number, string> = {
  437: 'cp437',
  850: 'cp850',
  852: 'cp852',
  866: 'ibm866',
  874: 'windows-874',
  932: 'shift_jis',
  936: 'gbk',
  949: 'cp949',
  950: 'big5',
  1200: 'utf-16le',
  1201: 'utf-16be',
  1250: 'windows-1250',
  1251: 'windows-1251',
  1252: 'windows-1252',
  1253: 'windows-1253',
  1254: 'windows-1254',
  1255: 'windows-1255',
  1256: 'windows-1256',
  1257: 'windows-1257',
  1258: 'windows-1258',
  1361: 'johab',
  10000: 'macroman',
  10006: 'x-mac-greek',
  10007: 'x-mac-cyrillic',
  10029: 'x-mac-ce',
  10081: 'x-mac-turkish',
  20127: 'us-ascii',
  20866: 'koi8-r',
  20932: 'euc-jp',
  20936: 'gb2312',
  20949: 'euc-kr',
  21866: 'koi8-u',
  28591: 'iso-8859-1',
  28592: 'iso-8859-2',
  28593: 'iso-8859-3',
  28594: 'iso-8859-4',
  28595: 'iso-8859-5',
  28596: 'iso-8859-6',
  28597: 'iso-8859-7',
  28598: 'iso-8859-8',
  28599: 'iso-8859-9',
  28603: 'iso-8859-13',
  28605: 'iso-8859-15',
  38598: 'iso-8859-8-i',
  50220: 'iso-2022-jp',
  50221: 'iso-2022-jp',
  50222: 'iso-2022-jp',
  50225: 'iso-2022-kr',
  50227: 'iso-2022-cn',
  51932: 'euc-jp',
  51936: 'gbk',
  51949: 'euc-kr',
  54936: 'gb18030',
  65001: 'utf-8',
};

/** The decodeBytes label of a Windows code page, or undefined for one we cannot decode. */
export const codePageLabel = (codePage: number): string | undefined => LABELS[codePage];

/**
 * Decodes 8-bit text in the code page its container declares. Without a usable declaration the short-string
 * detector decides (CJK legacy encodings first), and `declared` says so.
 */
export function decodeCodePage(bytes: Uint8Array, codePage: number | undefined): { text: string; encoding: string; declared: boolean } {
  const label = codePage === undefined ? undefined : codePageLabel(codePage);
  if (label) return { text: decodeBytes(bytes, label), encoding: label, declared: true };
  const guess = decodeShortString(bytes);
  return { text: guess.text, encoding: guess.encoding, declared: false };
}
