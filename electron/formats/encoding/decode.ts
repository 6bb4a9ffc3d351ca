import { decodeStandard, iconvDecode, latin1 } from './codecs';
import { decodeEucTw } from './euc-tw';
import { decodeIso2022Cn, decodeIso2022Kr } from './iso-2022';
import { decodeJohab } from './johab';
import { decodeUtf32, stripBom } from './unicode';

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
      return latin1(bytes);
    case 'tis-620':
      return iconvDecode(bytes, 'tis620');
    case 'macroman':
      return decodeBytes(bytes, 'macintosh');
    case 'windows-1252':
    case 'cp1252':
      // Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x93 → U+0093, not “).
      return iconvDecode(bytes, 'windows-1252');
  }
  const text = decodeStandard(bytes, label);
  if (text === null) throw new Error(`unsupported text encoding "${encoding}"`);
  return text;
}
