import { readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusDir } from './paths';

/** corpus-check.py's encoding families (names outside the map are their own family). */
const FAMILY: Record<string, string> = {
  gb2312: 'gb',
  gbk: 'gb',
  gb18030: 'gb',
  'euc-cn': 'gb',
  'x-gbk': 'gb',
  'euc-kr': 'kr',
  cp949: 'kr',
  uhc: 'kr',
  'windows-949': 'kr',
  'ks-c-5601-1987': 'kr',
  big5: 'big5',
  'big5-hkscs': 'big5',
  cp950: 'big5',
  'shift-jis': 'sjis',
  cp932: 'sjis',
  'windows-31j': 'sjis',
  sjis: 'sjis',
  ms932: 'sjis',
  'euc-jp': 'eucjp',
  'utf-8': 'utf8',
  utf8: 'utf8',
  'us-ascii': 'ascii',
  ascii: 'ascii',
  'utf-16le': 'u16le',
  'utf-16be': 'u16be',
  'iso-2022-jp': '2022jp',
  'iso-2022-kr': '2022kr',
  'iso-2022-cn': '2022cn',
  johab: 'johab',
  'euc-tw': 'euctw',
};

/** The family corpus-check.py files a label under: `GB2312` and `gb18030` are both `gb`; `(BOM)` notes are dropped. */
export function encodingFamily(label: string): string {
  const e = label
    .toLowerCase()
    .replace(/_/g, '-')
    .replace(/\s*\(.*/, '')
    .trim();
  return FAMILY[e] ?? e;
}

/** Rows of the corpus MANIFEST.tsv for one set folder (column 6 is the true encoding, column 8 the file name). */
export function manifest(set: string): string[][] {
  return readFileSync(path.join(corpusDir, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((r) => r[0] === set);
}
