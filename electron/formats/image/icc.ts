import exifr from 'exifr';
import type { MetadataGroups, MetaValue } from '../../../shared/domain/extraction';
import { ByteReader } from './binary';

const iccKeys = exifr.tagKeys.get('icc') as Map<number | string, string> | undefined;

const PROFILE_CLASS: Record<string, string> = {
  scnr: 'Input Device Profile',
  mntr: 'Display Device Profile',
  prtr: 'Output Device Profile',
  link: 'DeviceLink Profile',
  spac: 'ColorSpace Conversion Profile',
  abst: 'Abstract Profile',
  nmcl: 'NamedColor Profile',
  nkpf: 'Nikon Input Device Profile (NON-STANDARD!)',
};
const PLATFORM: Record<string, string> = {
  APPL: 'Apple Computer Inc.',
  MSFT: 'Microsoft Corporation',
  SGI: 'Silicon Graphics Inc.',
  SUNW: 'Sun Microsystems Inc.',
  TGNT: 'Taligent Inc.',
};
const INTENT = ['Perceptual', 'Media-Relative Colorimetric', 'Saturation', 'ICC-Absolute Colorimetric'];

const fourCC = (r: ByteReader, o: number): string =>
  r
    .ascii(o, 4)
    .replace(/[\0-\x1f]/g, '')
    .replace(/ +$/, '');
const s15 = (r: ByteReader, o: number): number => Number(((r.i32(o) ?? 0) / 65536).toFixed(5));

function header(r: ByteReader): Record<string, MetaValue> {
  const h: Record<string, MetaValue> = {};
  const cmm = fourCC(r, 4);
  h.ProfileCMMType = { value: cmm };
  const major = r.u8(8) ?? 0;
  const minorBug = r.u8(9) ?? 0;
  h.ProfileVersion = { value: `${major}.${minorBug >> 4}.${minorBug & 15}`, raw: (major << 8) | minorBug };
  const cls = fourCC(r, 12);
  h.ProfileClass = PROFILE_CLASS[cls] ? { value: PROFILE_CLASS[cls], raw: cls } : { value: cls };
  h.ColorSpaceData = { value: fourCC(r, 16) };
  h.ProfileConnectionSpace = { value: fourCC(r, 20) };
  const dt = [24, 26, 28, 30, 32, 34].map((o) => r.u16(o) ?? 0);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  h.ProfileDateTime = { value: `${dt[0]}:${p2(dt[1]!)}:${p2(dt[2]!)} ${p2(dt[3]!)}:${p2(dt[4]!)}:${p2(dt[5]!)}` };
  h.ProfileFileSignature = { value: fourCC(r, 36) };
  const platform = fourCC(r, 40);
  h.PrimaryPlatform = PLATFORM[platform] ? { value: PLATFORM[platform], raw: platform } : { value: platform };
  h.CMMFlags = { value: r.u32(44) ?? 0 };
  h.DeviceManufacturer = { value: fourCC(r, 48) };
  h.DeviceModel = { value: fourCC(r, 52) };
  h.DeviceAttributes = { value: `${r.u32(56) ?? 0} ${r.u32(60) ?? 0}` };
  const intent = r.u32(64) ?? 0;
  h.RenderingIntent = INTENT[intent] ? { value: INTENT[intent], raw: intent } : { value: intent };
  h.ConnectionSpaceIlluminant = { value: [68, 72, 76].map((o) => s15(r, o)).join(' ') };
  h.ProfileCreator = { value: fourCC(r, 80) };
  h.ProfileID = { value: [...(r.slice(84, 16) ?? [])].join(' ') };
  return h;
}

/** Text of a `desc`, `text` or `mluc` tag; `mluc` alternatives come back with their `ll-CC` language. */
function tagText(r: ByteReader, o: number, size: number): Array<{ lang?: string; text: string }> | undefined {
  const type = r.ascii(o, 4);
  if (type === 'desc') {
    const n = r.u32(o + 8) ?? 0;
    const b = r.slice(o + 12, Math.min(n, size - 12));
    return b ? [{ text: new TextDecoder('latin1').decode(b).replace(/\0[\s\S]*$/, '') }] : undefined;
  }
  if (type === 'text') {
    const b = r.slice(o + 8, size - 8);
    return b ? [{ text: new TextDecoder('latin1').decode(b).replace(/\0[\s\S]*$/, '') }] : undefined;
  }
  if (type === 'mluc') {
    const count = r.u32(o + 8) ?? 0;
    const recordSize = r.u32(o + 12) ?? 12;
    const out: Array<{ lang?: string; text: string }> = [];
    for (let i = 0; i < Math.min(count, 256); i++) {
      const rec = o + 16 + i * recordSize;
      const lang = `${r.ascii(rec, 2)}-${r.ascii(rec + 2, 2)}`;
      const len = r.u32(rec + 4) ?? 0;
      const at = r.u32(rec + 8) ?? 0;
      const b = r.slice(o + at, len);
      if (b) out.push({ lang, text: new TextDecoder('utf-16be').decode(b).replace(/\0+$/, '') });
    }
    return out;
  }
  return undefined;
}

/**
 * ICC profile → ExifTool's `ICC-header` (fixed header fields) and `ICC_Profile` (tag table) groups.
 * Text tags are decoded; curves and other binary tags are summarised by size.
 */
export function parseIcc(bytes: Uint8Array): { groups: MetadataGroups; warnings: string[] } {
  const r = new ByteReader(bytes);
  if (bytes.length < 132 || r.ascii(36, 4) !== 'acsp') return { groups: {}, warnings: ['ICC: not an ICC profile (no acsp signature)'] };
  const warnings: string[] = [];
  const profile: Record<string, MetaValue> = {};
  const count = Math.min(r.u32(128) ?? 0, 1000);
  for (let i = 0; i < count; i++) {
    const at = 132 + i * 12;
    const sig = r.ascii(at, 4);
    const offset = r.u32(at + 4);
    const size = r.u32(at + 8);
    if (offset === undefined || size === undefined || !r.has(offset, size)) {
      warnings.push(`ICC: tag '${sig}' points outside the profile`);
      continue;
    }
    const name = iccKeys?.get(sig) ?? `ICC_${sig.replace(/[^\w]/g, '_')}`;
    const type = r.ascii(offset, 4);
    const texts = tagText(r, offset, size);
    if (texts) {
      // ExifTool gives the bare tag name to the en-US text of a multi-language tag, suffixing the others.
      const base = Math.max(
        0,
        texts.findIndex((t) => t.lang === 'en-US'),
      );
      texts.forEach((t, idx) => {
        const key = idx === base ? name : `${name}-${t.lang}`;
        if (!profile[key]) profile[key] = { value: t.text };
      });
    } else if (type === 'XYZ ' && size >= 20) {
      profile[name] = { value: [8, 12, 16].map((o) => s15(r, offset + o)).join(' ') };
    } else if (type === 'sf32' && size >= 12) {
      const values: number[] = [];
      for (let o = 8; o + 4 <= size; o += 4) values.push(s15(r, offset + o));
      profile[name] = { value: values.join(' ') };
    } else if (type === 'sig ' && size >= 12) {
      profile[name] = { value: fourCC(r, offset + 8) };
    } else {
      profile[name] = { value: `(Binary data ${size} bytes)` };
    }
  }
  return { groups: { 'ICC-header': header(r), ICC_Profile: profile }, warnings };
}
