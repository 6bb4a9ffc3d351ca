import { constants, crc32, inflateSync } from 'node:zlib';
import { ByteReader, latin1, MAX_INFLATED_BYTES } from './binary';
import { addTiff, emptySegments, setTag, type Segments } from './segments';
import { legacyText } from './text';
import { decodeXmpBytes } from '../xmp';

const COLOR_TYPE: Record<number, string> = { 0: 'Grayscale', 2: 'RGB', 3: 'Palette', 4: 'Grayscale with Alpha', 6: 'RGB with Alpha' };
const XMP_KEYWORD = 'XML:com.adobe.xmp';

/** zlib data, tolerating a missing Adler-32 trailer (ExifTool reports those as "Error inflating"); output past the cap is an error. */
export function inflateLenient(data: Uint8Array, what: string, warnings: string[]): Uint8Array | undefined {
  try {
    return inflateSync(data, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch {
    try {
      const out = inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: MAX_INFLATED_BYTES });
      warnings.push(`PNG: ${what} is not a complete zlib stream; read what could be inflated`);
      return out;
    } catch (e) {
      warnings.push(`PNG: error inflating ${what} (${e instanceof Error ? e.message : String(e)})`);
      return undefined;
    }
  }
}

/** ExifTool turns a text keyword into a tag name: words joined and capitalised, other characters dropped. */
export function pngKeywordTag(keyword: string): string {
  const joined = keyword.trim().replace(/\s+(.)/g, (_, c: string) => c.toUpperCase());
  const clean = joined.replace(/[^-\w]/g, '');
  return clean ? clean[0]!.toUpperCase() + clean.slice(1) : 'Unknown';
}

/** ImageMagick's `Raw profile type xxx`: "\nxxx\n  <length>\n<hex lines>". */
function rawProfile(text: string): Uint8Array | undefined {
  const m = /^\s*\S+\s+(\d+)\s+([0-9a-fA-F\s]+)$/.exec(text);
  if (!m) return undefined;
  const hex = m[2]!.replace(/\s+/g, '');
  return Uint8Array.from(Buffer.from(hex.slice(0, Number(m[1]) * 2), 'hex'));
}

function handleText(s: Segments, keyword: string, text: string | Uint8Array, lang?: string): void {
  if (keyword === XMP_KEYWORD) {
    s.xmp.push(typeof text === 'string' ? text : decodeXmpBytes(text));
    return;
  }
  const str = typeof text === 'string' ? text : latin1(text);
  const raw = /^Raw profile type (\w+)$/i.exec(keyword);
  const profile = raw ? rawProfile(str) : undefined;
  if (raw && profile) {
    const kind = raw[1]!.toLowerCase();
    if (kind === 'exif' || kind === 'app1') addTiff(s, profile);
    else if (kind === 'iptc') {
      if (latin1(profile.subarray(0, 4)) === '8BIM') s.photoshop.push(profile);
      else s.iptc.push(profile);
    } else if (kind === '8bim') s.photoshop.push(profile);
    else if (kind === 'xmp') s.xmp.push(decodeXmpBytes(profile));
    else if (kind === 'icc' || kind === 'icm') s.icc.push(profile);
    return;
  }
  const tag = pngKeywordTag(keyword) + (lang ? `-${lang}` : '');
  setTag(s.groups, 'PNG', tag, typeof text === 'string' ? { value: text } : legacyText(text));
}

/**
 * Walks PNG chunks (CRC-checked): IHDR, tEXt/zTXt/iTXt (any keyword, XMP, ImageMagick raw profiles), eXIf, iCCP,
 * tIME, pHYs, gAMA. Stops at IEND; a truncated file keeps what was read.
 */
export function readPng(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const r = new ByteReader(bytes);
  let o = 8;
  let sawEnd = false;
  while (o + 12 <= bytes.length) {
    const length = r.u32(o)!;
    const type = r.ascii(o + 4, 4);
    const data = r.slice(o + 8, length);
    if (!data) {
      s.warnings.push(`PNG: ${type} chunk at byte ${o} is truncated`);
      break;
    }
    const stored = r.u32(o + 8 + length);
    if (stored !== undefined && stored !== crc32(bytes.subarray(o + 4, o + 8 + length)))
      s.warnings.push(`PNG: bad CRC in ${type} chunk at byte ${o}`);
    const d = new ByteReader(data);
    const nul = data.indexOf(0);
    const keyword = nul > 0 ? latin1(data.subarray(0, nul)) : '';
    switch (type) {
      case 'IHDR': {
        setTag(s.groups, 'PNG', 'ImageWidth', { value: d.u32(0) ?? 0 });
        setTag(s.groups, 'PNG', 'ImageHeight', { value: d.u32(4) ?? 0 });
        setTag(s.groups, 'PNG', 'BitDepth', { value: d.u8(8) ?? 0 });
        const ct = d.u8(9) ?? 0;
        setTag(s.groups, 'PNG', 'ColorType', COLOR_TYPE[ct] ? { value: COLOR_TYPE[ct], raw: ct } : { value: ct });
        setTag(s.groups, 'PNG', 'Compression', { value: d.u8(10) === 0 ? 'Deflate/Inflate' : (d.u8(10) ?? 0), raw: d.u8(10) ?? 0 });
        setTag(s.groups, 'PNG', 'Filter', { value: d.u8(11) === 0 ? 'Adaptive' : (d.u8(11) ?? 0), raw: d.u8(11) ?? 0 });
        const il = d.u8(12) ?? 0;
        setTag(s.groups, 'PNG', 'Interlace', { value: il === 0 ? 'Noninterlaced' : il === 1 ? 'Adam7 Interlace' : il, raw: il });
        break;
      }
      case 'tEXt':
        if (nul > 0) handleText(s, keyword, data.subarray(nul + 1));
        break;
      case 'zTXt': {
        if (nul <= 0) break;
        const inflated = inflateLenient(data.subarray(nul + 2), `zTXt '${keyword}'`, s.warnings);
        if (inflated) handleText(s, keyword, inflated);
        break;
      }
      case 'iTXt': {
        if (nul <= 0) break;
        const compressed = data[nul + 1] === 1;
        const langEnd = data.indexOf(0, nul + 3);
        const transEnd = langEnd < 0 ? -1 : data.indexOf(0, langEnd + 1);
        if (transEnd < 0) {
          s.warnings.push(`PNG: malformed iTXt '${keyword}'`);
          break;
        }
        const lang = latin1(data.subarray(nul + 3, langEnd));
        const body = data.subarray(transEnd + 1);
        const raw = compressed ? inflateLenient(body, `iTXt '${keyword}'`, s.warnings) : body;
        if (raw) handleText(s, keyword, keyword === XMP_KEYWORD ? raw : new TextDecoder('utf-8').decode(raw), lang || undefined);
        break;
      }
      case 'eXIf':
        addTiff(s, data);
        break;
      case 'iCCP': {
        if (nul <= 0) break;
        setTag(s.groups, 'PNG', 'ProfileName', legacyText(data.subarray(0, nul)));
        const icc = inflateLenient(data.subarray(nul + 2), 'iCCP', s.warnings);
        if (icc) s.icc.push(icc);
        break;
      }
      case 'tIME': {
        const p2 = (n: number | undefined): string => String(n ?? 0).padStart(2, '0');
        const [y, mo, da, h, mi, se] = [d.u16(0), d.u8(2), d.u8(3), d.u8(4), d.u8(5), d.u8(6)];
        const value = `${y ?? 0}:${p2(mo)}:${p2(da)} ${p2(h)}:${p2(mi)}:${p2(se)}`;
        setTag(s.groups, 'PNG', 'ModifyDate', { value });
        // The PNG spec defines tIME as UTC.
        const iso = `${y ?? 0}-${p2(mo)}-${p2(da)}T${p2(h)}:${p2(mi)}:${p2(se)}Z`;
        const ms = Date.parse(iso);
        if (!Number.isNaN(ms)) s.timestamps.push({ field: 'PNG:ModifyDate', value: iso, hasOffset: true, utc: new Date(ms).toISOString() });
        break;
      }
      case 'pHYs':
        setTag(s.groups, 'PNG-pHYs', 'PixelsPerUnitX', { value: d.u32(0) ?? 0 });
        setTag(s.groups, 'PNG-pHYs', 'PixelsPerUnitY', { value: d.u32(4) ?? 0 });
        setTag(s.groups, 'PNG-pHYs', 'PixelUnits', d.u8(8) === 1 ? { value: 'meters', raw: 1 } : { value: 'Unknown', raw: d.u8(8) ?? 0 });
        break;
      case 'gAMA': {
        const g = d.u32(0);
        if (g) setTag(s.groups, 'PNG', 'Gamma', { value: Number((100000 / g).toFixed(4)) });
        break;
      }
    }
    o += 12 + length;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) s.warnings.push('PNG: no IEND chunk (truncated)');
  return s;
}
