import type { MetadataGroups, MetaValue, TimestampEntry } from '../../shared/domain/extraction';
import { isAscii } from '../lib/bytes';
import { type Box, BoxWalker } from './bmff/boxes';
import { decodeShortString } from './encoding/detect';
import type { ByteSource, Extractor, ExtractorOutput } from './types';
import { toDms } from './exif-print';

/**
 * ISO base media (MP4, MOV, M4A, 3GP) container metadata, read box by box with random access: only box headers and
 * the small leaf boxes that carry metadata are read, never sample tables or media data, so multi-GB files are cheap.
 * Groups and tag names follow `exiftool -G1`: QuickTime, Track1…n, UserData, ItemList, Keys, Composite.
 */

const AV_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'iso7',
  'iso8',
  'iso9',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'hvc1',
  'M4V ',
  'M4VH',
  'M4VP',
  'M4A ',
  'M4B ',
  'M4P ',
  'F4V ',
  'F4A ',
  'f4v ',
  'qt  ',
  '3gp4',
  '3gp5',
  '3gp6',
  '3gp7',
  '3gs7',
  '3ge6',
  '3ge7',
  '3gg6',
  '3g2a',
  '3g2b',
  '3g2c',
  'MSNV',
  'NDAS',
  'NDSC',
  'NDSH',
  'NDSM',
  'NDSP',
  'NDSS',
  'NDXC',
  'NDXH',
  'NDXM',
  'NDXP',
  'NDXS',
  'dash',
  'mmp4',
  'XAVC',
  'CAEP',
  'caqv',
  'sdv ',
  'kddi',
  'KDDI',
  'mqt ',
]);
/** HEIF/AVIF stills belong to the image extractor unless the file also carries a movie. */
const IMAGE_BRANDS = new Set(['mif1', 'msf1', 'heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'avif', 'avis', 'avci', 'jpeg', 'miaf']);
/** Canon CR3 raw is a QuickTime-structured still image. */
const REJECT_BRANDS = new Set(['crx ']);
const LEGACY_FIRST_BOXES = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

const BRAND_NAMES: Record<string, string> = {
  isom: 'MP4 Base Media v1 [IS0 14496-12:2003]',
  iso2: 'MP4 Base Media v2 [ISO 14496-12:2005]',
  mp41: 'MP4 v1 [ISO 14496-1:ch13]',
  mp42: 'MP4 v2 [ISO 14496-14]',
  avc1: 'MP4 Base w/ AVC ext [ISO 14496-12:2005]',
  'M4A ': 'Apple iTunes AAC-LC (.M4A) Audio',
  'M4B ': 'Apple iTunes AAC-LC (.M4B) Audio Book',
  'M4P ': 'Apple iTunes AAC-LC (.M4P) AES Protected Audio',
  'M4V ': 'Apple iTunes Video (.M4V) Video',
  'qt  ': 'Apple QuickTime (.MOV/QT)',
  '3gp4': '3GPP Release 4',
  '3gp5': '3GPP Release 5',
  '3gp6': '3GPP Release 6 MMS',
  '3g2a': '3GPP2 Media (.3G2) compliant with 3GPP2 C.S0050-0 V1.0',
  XAVC: 'Sony XAVC',
};

const HANDLER_TYPES: Record<string, string> = {
  vide: 'Video Track',
  soun: 'Audio Track',
  hint: 'Hint Track',
  text: 'Text',
  sbtl: 'Subtitle',
  subt: 'Subtitle',
  tmcd: 'Time Code',
  meta: 'NRT Metadata',
  mdir: 'Metadata',
  mdta: 'Metadata Tags',
  camm: 'Camera Metadata',
  clcp: 'Closed Caption',
  alis: 'Alias Data',
  'url ': 'URL',
  data: 'Data',
  pict: 'Picture',
};

const VENDOR_IDS: Record<string, string> = {
  appl: 'Apple',
  FFMP: 'FFmpeg',
  pent: 'Pentax',
  pntx: 'Pentax',
  kdak: 'Kodak',
  CANN: 'Canon',
  SONY: 'Sony',
};

/** udta `©xxx` atoms (ExifTool UserData names). */
const USER_DATA_TAGS: Record<string, string> = {
  '©nam': 'Title',
  '©ART': 'Artist',
  '©alb': 'Album',
  '©day': 'ContentCreateDate',
  '©too': 'Encoder',
  '©swr': 'SoftwareVersion',
  '©cmt': 'Comment',
  '©des': 'Description',
  '©inf': 'Information',
  '©fmt': 'Format',
  '©mak': 'Make',
  '©mod': 'Model',
  '©cpy': 'Copyright',
  '©aut': 'Author',
  '©wrt': 'Composer',
  '©gen': 'Genre',
  '©enc': 'EncodedBy',
  '©xyz': 'GPSCoordinates',
  '©req': 'Requirements',
  '©dir': 'Director',
  '©prd': 'Producer',
  '©prf': 'Performers',
  '©src': 'SourceCredits',
  '©com': 'Composer',
  '©wrn': 'Warning',
  '©hst': 'HostComputer',
  '©ed1': 'Edit1',
  '©dis': 'Disclaimer',
  '©url': 'URL',
  '©key': 'Keywords',
};

/** ilst item atoms (ExifTool ItemList names). */
const ITEM_LIST_TAGS: Record<string, string> = {
  '©nam': 'Title',
  '©ART': 'Artist',
  aART: 'AlbumArtist',
  '©alb': 'Album',
  '©day': 'ContentCreateDate',
  '©too': 'Encoder',
  '©cmt': 'Comment',
  '©gen': 'Genre',
  '©wrt': 'Composer',
  '©grp': 'Grouping',
  '©lyr': 'Lyrics',
  '©des': 'Description',
  desc: 'Description',
  ldes: 'LongDescription',
  cprt: 'Copyright',
  '©cpy': 'Copyright',
  '©xyz': 'GPSCoordinates',
  '©enc': 'EncodedBy',
  '©mak': 'Make',
  '©mod': 'Model',
  '©swr': 'SoftwareVersion',
  '©st3': 'Subtitle',
  trkn: 'TrackNumber',
  disk: 'DiskNumber',
  tmpo: 'BeatsPerMinute',
  cpil: 'Compilation',
  pgap: 'PlayGap',
  tvsh: 'TVShow',
  tven: 'TVEpisodeID',
  tvsn: 'TVSeason',
  tves: 'TVEpisode',
  tvnn: 'TVNetworkName',
  keyw: 'Keyword',
  catg: 'Category',
  purd: 'PurchaseDate',
  sonm: 'SortName',
  soar: 'SortArtist',
  soal: 'SortAlbum',
};

/** Apple `mdta` key names where ExifTool's spelling is not the plain CamelCase of the key. */
const KEY_NAMES: Record<string, string> = {
  'location.ISO6709': 'GPSCoordinates',
  creationdate: 'CreationDate',
  displayname: 'DisplayName',
  contentidentifier: 'ContentIdentifier',
  'location.name': 'LocationName',
  software: 'Software',
  make: 'Make',
  model: 'Model',
};

/** Mac script codes used in QuickTime `©xxx` text atoms (language codes below 0x400). */
const MAC_LANGUAGE_ENCODINGS: Record<number, string> = { 0: 'macintosh', 11: 'shift_jis', 19: 'big5', 23: 'euc-kr', 33: 'gbk' };
const CJK_ENCODINGS = new Set(['gb2312', 'gbk', 'gb18030', 'big5', 'euc-kr', 'cp949', 'shift_jis', 'euc-jp']);

const MAX_LEAF = 1 << 20;
const MAC_EPOCH_MS = Date.UTC(1904, 0, 1);

interface Track {
  group: string;
  handler?: string;
  timeScale?: number;
  width?: number;
  height?: number;
  rotation?: number;
}

interface MetaContext {
  handler?: string;
  keys: string[];
}

const fourcc = (b: Uint8Array, at: number): string => String.fromCharCode(b[at] ?? 0, b[at + 1] ?? 0, b[at + 2] ?? 0, b[at + 3] ?? 0);
const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** QuickTime seconds since 1904 (UTC by the specification) as ExifTool's date text and ISO UTC. */
export function macDate(seconds: number): { value: string; iso?: string } {
  if (seconds <= 0) return { value: '0000:00:00 00:00:00' };
  const d = new Date(MAC_EPOCH_MS + seconds * 1000);
  if (Number.isNaN(d.getTime())) return { value: '0000:00:00 00:00:00' };
  const iso = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { value: iso.slice(0, 19).replace(/-/g, ':').replace('T', ' '), iso };
}

/** ExifTool's ConvertDuration: seconds below 30 as `1.04 s`, longer as `H:MM:SS`. */
export function formatDuration(seconds: number): string {
  if (seconds < 30) return `${seconds.toFixed(2)} s`;
  let s = Math.round(seconds);
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return days > 0 ? `${days} days ${rest}` : rest;
}

/** ISO 6709 (`+33.9951-118.4762+012.3/`), decimal degrees or DDMM / DDMMSS forms. */
export function parseIso6709(text: string): { lat: number; lon: number; alt?: number } | undefined {
  const m = /^\s*([+-])(\d+)(\.\d+)?([+-])(\d+)(\.\d+)?(?:([+-]\d+(?:\.\d+)?))?/.exec(text);
  if (!m?.[2] || !m[5]) return undefined;
  const part = (sign: string, int: string, frac: string | undefined, degDigits: number): number => {
    const whole = Number(int + (frac ?? ''));
    let v: number;
    if (int.length <= degDigits) v = whole;
    else if (int.length <= degDigits + 2) v = Math.trunc(whole / 100) + (whole % 100) / 60;
    else v = Math.trunc(whole / 10000) + Math.trunc((whole % 10000) / 100) / 60 + (whole % 100) / 3600;
    return sign === '-' ? -v : v;
  };
  const lat = part(m[1] ?? '+', m[2], m[3], 2);
  const lon = part(m[4] ?? '+', m[5], m[6], 3);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return m[7] ? { lat, lon, alt: Number(m[7]) } : { lat, lon };
}

/** Printable ASCII plus tab and line breaks: what an untyped (binary) iTunes data atom must hold to be shown as text. */
function isPrintableAscii(b: Uint8Array): boolean {
  for (const x of b) if (x > 0x7e || (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d)) return false;
  return true;
}

function strictUtf8(b: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return undefined;
  }
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Text in a QuickTime `©xxx` atom: UTF-8 for ISO language codes, a Mac script encoding for old Mac codes. */
function decodeMacText(bytes: Uint8Array, lang: number): MetaValue {
  let end = bytes.indexOf(0) >= 0 ? bytes.indexOf(0) : bytes.length;
  while (end > 0 && bytes[end - 1] === 0x20) end--;
  const trimmed = bytes.subarray(0, end);
  if (isAscii(trimmed)) return { value: new TextDecoder().decode(trimmed) };
  const utf8 = strictUtf8(trimmed);
  if (utf8 !== undefined) return { value: utf8 };
  const macEncoding = lang < 0x400 ? MAC_LANGUAGE_ENCODINGS[lang] : undefined;
  if (macEncoding && macEncoding !== 'macintosh')
    return { value: new TextDecoder(macEncoding).decode(trimmed), bytes: hex(trimmed), encoding: macEncoding };
  // Cheap cameras often leave the language at 0 (English, MacRoman) while writing the system code page (GBK, …).
  const guess = decodeShortString(trimmed);
  if (macEncoding && !CJK_ENCODINGS.has(guess.encoding))
    return { value: new TextDecoder(macEncoding).decode(trimmed), bytes: hex(trimmed), encoding: macEncoding };
  return { value: guess.text, bytes: hex(trimmed), encoding: guess.encoding };
}

function languageCode(packed: number): string | undefined {
  if (packed === 0 || packed === 0x7fff) return undefined;
  if (packed < 0x400) return undefined;
  return String.fromCharCode(((packed >> 10) & 31) + 0x60, ((packed >> 5) & 31) + 0x60, (packed & 31) + 0x60);
}

class Parser {
  readonly groups: MetadataGroups = {};
  readonly timestamps: TimestampEntry[] = [];
  readonly warnings: string[] = [];
  private readonly walker: BoxWalker;
  private trackCount = 0;
  private readonly tracks: Track[] = [];
  private mediaDataSize = 0;
  private movieDuration?: number;
  private gps?: { lat: number; lon: number };
  /** Track and media dates equal to the movie's add nothing to a timeline. */
  private readonly movieDates = new Set<string>();

  constructor(source: ByteSource) {
    this.walker = new BoxWalker(source, { warn: (message) => this.warn(message) });
  }

  private set(group: string, tag: string, value: MetaValue): void {
    const g = (this.groups[group] ??= {});
    if (!(tag in g)) g[tag] = value;
  }

  private warn(message: string): void {
    if (this.warnings.length < 20) this.warnings.push(message);
  }

  private date(group: string, tag: string, seconds: number, skip?: Set<string>): string | undefined {
    const d = macDate(seconds);
    this.set(group, tag, { value: d.value });
    if (d.iso && !skip?.has(d.iso)) this.timestamps.push({ field: `${group}:${tag}`, value: d.iso, hasOffset: true, utc: d.iso });
    return d.iso;
  }

  private leaf(box: Box, max = MAX_LEAF): Promise<Uint8Array> {
    return this.walker.payload(box, max);
  }

  async parseFile(): Promise<void> {
    for await (const box of this.walker.children(this.walker.file)) {
      switch (box.type) {
        case 'ftyp':
          this.ftyp(await this.leaf(box, 4096));
          break;
        case 'moov':
          await this.children(box, 1, (child) => this.moovChild(child));
          break;
        case 'mdat':
          this.set('QuickTime', 'MediaDataSize', { value: box.end - box.payload });
          this.set('QuickTime', 'MediaDataOffset', { value: box.payload });
          this.mediaDataSize += box.end - box.payload;
          break;
        default:
          break;
      }
    }
    this.composite();
  }

  private async children(parent: Box, depth: number, visit: (box: Box) => Promise<void>, from = parent.payload): Promise<void> {
    for await (const box of this.walker.children(parent, depth, from)) await visit(box);
  }

  private ftyp(b: Uint8Array): void {
    if (b.byteLength < 8) return;
    const major = fourcc(b, 0);
    this.set('QuickTime', 'MajorBrand', BRAND_NAMES[major] ? { value: BRAND_NAMES[major], raw: major } : { value: major });
    const minor = view(b).getUint32(4);
    this.set('QuickTime', 'MinorVersion', { value: `${minor >>> 16}.${(minor >>> 8) & 255}.${minor & 255}` });
    const compatible: string[] = [];
    for (let i = 8; i + 4 <= b.byteLength; i += 4) if (view(b).getUint32(i) !== 0) compatible.push(fourcc(b, i));
    if (compatible.length > 0) this.set('QuickTime', 'CompatibleBrands', { value: compatible });
  }

  private async moovChild(box: Box): Promise<void> {
    switch (box.type) {
      case 'mvhd':
        this.mvhd(await this.leaf(box));
        break;
      case 'trak': {
        const track: Track = { group: `Track${++this.trackCount}` };
        this.tracks.push(track);
        await this.children(box, 2, (child) => this.trakChild(child, track, 2));
        break;
      }
      case 'udta':
        await this.children(box, 2, (child) => this.udtaChild(child, 'UserData', 2));
        break;
      case 'meta':
        await this.meta(box, 'QuickTime', 2);
        break;
      default:
        break;
    }
  }

  private mvhd(b: Uint8Array): void {
    if (b.byteLength < 4) return;
    const v = view(b);
    const version = b[0] ?? 0;
    const need = version === 1 ? 32 : 20;
    if (b.byteLength < need) {
      this.warn('truncated mvhd');
      return;
    }
    const wide = version === 1;
    const created = wide ? Number(v.getBigUint64(4)) : v.getUint32(4);
    const modified = wide ? Number(v.getBigUint64(12)) : v.getUint32(8);
    const timeScale = v.getUint32(wide ? 20 : 12);
    const duration = wide ? Number(v.getBigUint64(24)) : v.getUint32(16);
    for (const iso of [this.date('QuickTime', 'CreateDate', created), this.date('QuickTime', 'ModifyDate', modified)])
      if (iso) this.movieDates.add(iso);
    this.set('QuickTime', 'TimeScale', { value: timeScale });
    if (timeScale > 0) {
      this.movieDuration = duration / timeScale;
      this.set('QuickTime', 'Duration', { value: formatDuration(this.movieDuration), raw: this.movieDuration });
    }
    const rest = wide ? 32 : 20;
    if (b.byteLength >= rest + 6) {
      const rate = v.getInt32(rest) / 65536;
      const volume = v.getInt16(rest + 4) / 256;
      this.set('QuickTime', 'PreferredRate', { value: rate });
      this.set('QuickTime', 'PreferredVolume', { value: `${(volume * 100).toFixed(2)}%`, raw: volume });
    }
    if (b.byteLength >= rest + 80) this.set('QuickTime', 'NextTrackID', { value: v.getUint32(rest + 76) });
  }

  private async trakChild(box: Box, track: Track, depth: number): Promise<void> {
    switch (box.type) {
      case 'tkhd':
        this.tkhd(await this.leaf(box), track);
        break;
      case 'mdia':
      case 'minf':
      case 'stbl':
        await this.children(box, depth + 1, (child) => this.trakChild(child, track, depth + 1));
        break;
      case 'mdhd':
        this.mdhd(await this.leaf(box), track);
        break;
      case 'hdlr':
        this.hdlr(await this.leaf(box), track.group, (type) => (track.handler ??= type));
        break;
      case 'stsd':
        this.stsd(await this.leaf(box, 64 * 1024), track);
        break;
      case 'udta':
        await this.children(box, depth + 1, (child) => this.udtaChild(child, track.group, depth + 1));
        break;
      case 'meta':
        await this.meta(box, track.group, depth + 1);
        break;
      default:
        break;
    }
  }

  private tkhd(b: Uint8Array, track: Track): void {
    const version = b[0] ?? 0;
    const wide = version === 1;
    const base = wide ? 36 : 24; // offset of the reserved block after duration
    if (b.byteLength < base + 60) {
      this.warn(`truncated tkhd in ${track.group}`);
      return;
    }
    const v = view(b);
    const g = track.group;
    this.date(g, 'TrackCreateDate', wide ? Number(v.getBigUint64(4)) : v.getUint32(4), this.movieDates);
    this.date(g, 'TrackModifyDate', wide ? Number(v.getBigUint64(12)) : v.getUint32(8), this.movieDates);
    this.set(g, 'TrackID', { value: v.getUint32(wide ? 20 : 12) });
    const duration = wide ? Number(v.getBigUint64(28)) : v.getUint32(20);
    const movieScale = this.groups['QuickTime']?.['TimeScale']?.value;
    if (typeof movieScale === 'number' && movieScale > 0) {
      const seconds = duration / movieScale;
      this.set(g, 'TrackDuration', { value: formatDuration(seconds), raw: seconds });
    }
    this.set(g, 'TrackLayer', { value: v.getInt16(base + 8) });
    const volume = v.getInt16(base + 12) / 256;
    this.set(g, 'TrackVolume', { value: `${(volume * 100).toFixed(2)}%`, raw: volume });
    const a = v.getInt32(base + 16) / 65536;
    const bm = v.getInt32(base + 20) / 65536;
    const width = v.getUint32(base + 52) / 65536;
    const height = v.getUint32(base + 56) / 65536;
    if (width > 0 && height > 0) {
      track.width = Math.trunc(width);
      track.height = Math.trunc(height);
      track.rotation = (Math.round((Math.atan2(bm, a) * 180) / Math.PI) + 360) % 360;
      this.set(g, 'ImageWidth', { value: track.width });
      this.set(g, 'ImageHeight', { value: track.height });
    }
  }

  private mdhd(b: Uint8Array, track: Track): void {
    const wide = b[0] === 1;
    if (b.byteLength < (wide ? 34 : 22)) {
      this.warn(`truncated mdhd in ${track.group}`);
      return;
    }
    const v = view(b);
    const g = track.group;
    this.date(g, 'MediaCreateDate', wide ? Number(v.getBigUint64(4)) : v.getUint32(4), this.movieDates);
    this.date(g, 'MediaModifyDate', wide ? Number(v.getBigUint64(12)) : v.getUint32(8), this.movieDates);
    const scale = v.getUint32(wide ? 20 : 12);
    const duration = wide ? Number(v.getBigUint64(24)) : v.getUint32(16);
    track.timeScale = scale;
    this.set(g, 'MediaTimeScale', { value: scale });
    if (scale > 0) this.set(g, 'MediaDuration', { value: formatDuration(duration / scale), raw: duration / scale });
    const lang = languageCode(v.getUint16(wide ? 32 : 20));
    if (lang) this.set(g, 'MediaLanguageCode', { value: lang });
  }

  /** ISO handler names are C strings; QuickTime ones are Pascal strings (length byte first). */
  private hdlr(b: Uint8Array, group: string, onType: (type: string) => void): void {
    if (b.byteLength < 12) return;
    const componentType = fourcc(b, 4);
    const type = fourcc(b, 8);
    if (componentType === 'mhlr' || componentType === 'dhlr') {
      // Data handlers (`dhlr`) only describe where samples live; the media handler is what analysts want.
      if (componentType === 'dhlr') return;
      this.set(group, 'HandlerClass', { value: 'Media Handler', raw: componentType });
    }
    onType(type);
    this.set(group, 'HandlerType', HANDLER_TYPES[type] ? { value: HANDLER_TYPES[type], raw: type } : { value: type });
    const vendor = fourcc(b, 12);
    if (vendor.trim() && b[12] !== 0)
      this.set(group, 'HandlerVendorID', VENDOR_IDS[vendor] ? { value: VENDOR_IDS[vendor], raw: vendor } : { value: vendor });
    let name = b.subarray(24);
    const first = name[0] ?? 0;
    if (first > 0 && first < name.byteLength && (componentType === 'mhlr' || first === name.byteLength - 1))
      name = name.subarray(1, 1 + first);
    const nul = name.indexOf(0);
    if (nul >= 0) name = name.subarray(0, nul);
    if (name.byteLength > 0) this.set(group, 'HandlerDescription', decodeMacText(name, 0));
  }

  private stsd(b: Uint8Array, track: Track): void {
    if (b.byteLength < 16) return;
    const v = view(b);
    if (v.getUint32(4) === 0) return;
    const entrySize = v.getUint32(8);
    const format = fourcc(b, 12);
    const e = b.subarray(8, 8 + Math.max(entrySize, 16));
    const ev = view(e);
    const g = track.group;
    if (track.handler === 'vide') {
      this.set(g, 'CompressorID', { value: format });
      if (e.byteLength < 86) return;
      const vendor = fourcc(e, 20);
      if (e[20] !== 0) this.set(g, 'VendorID', VENDOR_IDS[vendor] ? { value: VENDOR_IDS[vendor], raw: vendor } : { value: vendor });
      this.set(g, 'SourceImageWidth', { value: ev.getUint16(32) });
      this.set(g, 'SourceImageHeight', { value: ev.getUint16(34) });
      this.set(g, 'XResolution', { value: ev.getUint32(36) / 65536 });
      this.set(g, 'YResolution', { value: ev.getUint32(40) / 65536 });
      const nameLen = Math.min(e[50] ?? 0, 31);
      if (nameLen > 0) this.set(g, 'CompressorName', decodeMacText(e.subarray(51, 51 + nameLen), 0));
      this.set(g, 'BitDepth', { value: ev.getUint16(82) });
    } else if (track.handler === 'soun') {
      this.set(g, 'AudioFormat', { value: format });
      if (e.byteLength < 36) return;
      const vendor = fourcc(e, 20);
      if (e[20] !== 0) this.set(g, 'VendorID', VENDOR_IDS[vendor] ? { value: VENDOR_IDS[vendor], raw: vendor } : { value: vendor });
      this.set(g, 'AudioChannels', { value: ev.getUint16(24) });
      this.set(g, 'AudioBitsPerSample', { value: ev.getUint16(26) });
      this.set(g, 'AudioSampleRate', { value: ev.getUint32(32) / 65536 });
    } else {
      this.set(g, 'OtherFormat', { value: format });
    }
  }

  private async udtaChild(box: Box, group: string, depth: number): Promise<void> {
    if (box.type === 'meta') {
      // ExifTool reports the handler of the movie-level metadata box in the QuickTime group.
      await this.meta(box, group === 'UserData' ? 'QuickTime' : group, depth + 1);
      return;
    }
    const tag = USER_DATA_TAGS[box.type];
    if (!tag) return;
    const b = await this.leaf(box, 64 * 1024);
    if (b.byteLength < 4) return;
    const v = view(b);
    const len = v.getUint16(0);
    const lang = v.getUint16(2);
    // A few writers store the string without the QuickTime length/language prefix.
    const text = len > 0 && len + 4 <= b.byteLength ? b.subarray(4, 4 + len) : b;
    this.text(group, tag, decodeMacText(text, lang));
  }

  private text(group: string, tag: string, value: MetaValue): void {
    if (tag === 'GPSCoordinates' && typeof value.value === 'string') {
      const pos = parseIso6709(value.value);
      if (pos) {
        this.gps ??= pos;
        const raw = pos.alt === undefined ? `${pos.lat} ${pos.lon}` : `${pos.lat} ${pos.lon} ${pos.alt}`;
        const shown = `${toDms(pos.lat, 'N')}, ${toDms(pos.lon, 'E')}${pos.alt === undefined ? '' : `, ${Math.abs(pos.alt)} m ${pos.alt < 0 ? 'Below' : 'Above'} Sea Level`}`;
        this.set(group, tag, { value: shown, raw });
        return;
      }
    }
    if (
      typeof value.value === 'string' &&
      (tag === 'CreationDate' || tag === 'ContentCreateDate') &&
      this.textDate(group, tag, value.value)
    )
      return;
    this.set(group, tag, value);
  }

  /**
   * Dates written as text keep the writer's own offset, if any (Apple `creationdate` carries the local offset).
   * Shown the way ExifTool shows them; a bare year (iTunes `©day`) is left as it is.
   */
  private textDate(group: string, tag: string, text: string): boolean {
    const m = /^(\d{4})-?(\d{2})-?(\d{2})[T ](\d{2}):?(\d{2}):?(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
    if (!m) return false;
    const zone = m[8] ? (m[8] === 'Z' ? 'Z' : `${m[8].slice(0, 3)}:${m[8].slice(-2)}`) : '';
    const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${zone}`;
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return false;
    this.set(group, tag, { value: `${m[1]}:${m[2]}:${m[3]} ${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${zone}` });
    this.timestamps.push({ field: `${group}:${tag}`, value: iso, hasOffset: zone !== '', ...(zone ? { utc: date.toISOString() } : {}) });
    return true;
  }

  /** `meta` is a full box in MP4 but a plain container in QuickTime; the first child tells which. */
  private async meta(box: Box, handlerGroup: string, depth: number): Promise<void> {
    const probe = await this.walker.read(box.payload, 8);
    const from = probe.byteLength >= 8 && fourcc(probe, 4) !== 'hdlr' && view(probe).getUint32(0) === 0 ? box.payload + 4 : box.payload;
    const ctx: MetaContext = { keys: [] };
    await this.children(
      box,
      depth,
      async (child) => {
        if (child.type === 'hdlr') {
          this.hdlr(await this.leaf(child), handlerGroup, (type) => (ctx.handler = type));
        } else if (child.type === 'keys') {
          ctx.keys = this.keys(await this.leaf(child));
        } else if (child.type === 'ilst') {
          await this.children(child, depth + 1, (item) => this.ilstItem(item, ctx));
        }
      },
      from,
    );
  }

  private keys(b: Uint8Array): string[] {
    const out: string[] = [];
    if (b.byteLength < 8) return out;
    const count = view(b).getUint32(4);
    let offset = 8;
    for (let i = 0; i < count && offset + 8 <= b.byteLength; i++) {
      const size = view(b).getUint32(offset);
      if (size < 8 || offset + size > b.byteLength) break;
      out.push(new TextDecoder().decode(b.subarray(offset + 8, offset + size)));
      offset += size;
    }
    return out;
  }

  private async ilstItem(item: Box, ctx: MetaContext): Promise<void> {
    const b = await this.leaf(item, 256 * 1024);
    let group = 'ItemList';
    let tag: string | undefined;
    if (ctx.handler === 'mdta') {
      group = 'Keys';
      // In a `mdta` list the item "type" is the 1-based index into the keys box.
      const keyIndex = [...item.type].reduce((n, c) => n * 256 + c.charCodeAt(0), 0);
      const key = ctx.keys[keyIndex - 1];
      if (key) tag = keyTagName(key);
    } else {
      tag = ITEM_LIST_TAGS[item.type];
    }
    if (!tag) return;
    let offset = 0;
    let freeformName: string | undefined;
    while (offset + 8 <= b.byteLength) {
      const size = view(b).getUint32(offset);
      const type = fourcc(b, offset + 4);
      if (size < 8 || offset + size > b.byteLength) break;
      if (type === 'name') freeformName = new TextDecoder().decode(b.subarray(offset + 12, offset + size));
      if (type === 'data' && size >= 16) {
        const value = itemValue(item.type, view(b).getUint32(offset + 8) & 0xffffff, b.subarray(offset + 16, offset + size));
        if (value) this.text(group, freeformName ?? tag, value);
        return;
      }
      offset += size;
    }
  }

  private composite(): void {
    const video = this.tracks.find((t) => t.handler === 'vide' && t.width);
    if (video?.width && video.height) {
      this.set('Composite', 'ImageSize', { value: `${video.width}x${video.height}`, raw: `${video.width} ${video.height}` });
      this.set('Composite', 'Rotation', { value: video.rotation ?? 0 });
    }
    if (this.movieDuration && this.movieDuration > 0 && this.mediaDataSize > 0) {
      const bps = Math.round((this.mediaDataSize * 8) / this.movieDuration);
      this.set('Composite', 'AvgBitrate', { value: formatBitrate(bps), raw: bps });
    }
    if (this.gps) {
      this.set('Composite', 'GPSLatitude', { value: toDms(this.gps.lat, 'N'), raw: this.gps.lat });
      this.set('Composite', 'GPSLongitude', { value: toDms(this.gps.lon, 'E'), raw: this.gps.lon });
    }
  }
}

function formatBitrate(bps: number): string {
  if (bps >= 1e6) return `${(bps / 1e6).toPrecision(3)} Mbps`;
  if (bps >= 1e3) return `${(bps / 1e3).toPrecision(3)} kbps`;
  return `${bps} bps`;
}

function keyTagName(key: string): string {
  const short = key.replace(/^com\.apple\.quicktime\./, '').replace(/^com\.android\./, '');
  return (
    KEY_NAMES[short] ??
    short
      .split(/[.\s_-]+/)
      .filter(Boolean)
      .map((p) => p[0]?.toUpperCase() + p.slice(1))
      .join('')
  );
}

/** Value of an ilst `data` atom by its well-known type (1 UTF-8, 2 UTF-16, 21/22 integers; 0 = implied by the atom). */
function itemValue(atom: string, type: number, d: Uint8Array): MetaValue | undefined {
  const v = view(d);
  if (atom === 'trkn' || atom === 'disk') {
    if (d.byteLength < 6) return undefined;
    const n = v.getUint16(2);
    const of = v.getUint16(4);
    return { value: of ? `${n} of ${of}` : `${n}` };
  }
  switch (type) {
    case 1:
      return { value: new TextDecoder().decode(d) };
    case 2:
      return { value: new TextDecoder('utf-16be').decode(d) };
    case 21:
    case 22: {
      const signed = type === 21;
      let n: number | undefined;
      if (d.byteLength === 1) n = signed ? v.getInt8(0) : v.getUint8(0);
      else if (d.byteLength === 2) n = signed ? v.getInt16(0) : v.getUint16(0);
      else if (d.byteLength === 4) n = signed ? v.getInt32(0) : v.getUint32(0);
      else if (d.byteLength === 8) n = Number(signed ? v.getBigInt64(0) : v.getBigUint64(0));
      if (n === undefined) return undefined;
      if (atom === 'cpil') return { value: n ? 'Yes' : 'No', raw: n };
      if (atom === 'pgap') return { value: n ? 'No Gap' : 'Insert Gap', raw: n };
      return { value: n };
    }
    case 23:
      return d.byteLength >= 4 ? { value: v.getFloat32(0) } : undefined;
    case 24:
      return d.byteLength >= 8 ? { value: v.getFloat64(0) } : undefined;
    case 0:
      return isPrintableAscii(d) && d.byteLength > 0 ? { value: new TextDecoder().decode(d) } : undefined;
    default:
      return undefined;
  }
}

/** Walks the top-level boxes present in `head` looking for a movie box. */
function hasTopLevelMovie(head: Uint8Array): boolean {
  let offset = 0;
  for (let i = 0; i < 64 && offset + 8 <= head.byteLength; i++) {
    const size = view(head).getUint32(offset);
    const type = fourcc(head, offset + 4);
    if (type === 'moov') return true;
    if (size < 8) return false;
    offset += size;
  }
  return false;
}

function isPlausibleBoxType(type: string): boolean {
  return /^[\x20-\x7e\xa9]{4}$/.test(type);
}

function isIsoMediaVideo(head: Uint8Array): boolean {
  if (head.byteLength < 12) return false;
  const size = view(head).getUint32(0);
  const type = fourcc(head, 4);
  if (type === 'ftyp') {
    if (size < 16) return false;
    const major = fourcc(head, 8);
    if (REJECT_BRANDS.has(major)) return false;
    if (IMAGE_BRANDS.has(major)) return hasTopLevelMovie(head);
    if (AV_BRANDS.has(major)) return true;
    for (let i = 16; i + 4 <= Math.min(size, head.byteLength); i += 4) if (AV_BRANDS.has(fourcc(head, i))) return true;
    return hasTopLevelMovie(head);
  }
  if (!LEGACY_FIRST_BOXES.has(type) || (size !== 0 && size !== 1 && size < 8)) return false;
  // Pre-ftyp QuickTime: the first boxes must chain to a movie or media-data box.
  let offset = 0;
  for (let i = 0; i < 16 && offset + 8 <= head.byteLength; i++) {
    const s = view(head).getUint32(offset);
    const t = fourcc(head, offset + 4);
    if (!isPlausibleBoxType(t)) return false;
    if (t === 'moov' || t === 'mdat') return true;
    if (s < 8) return false;
    offset += s;
  }
  return false;
}

export const videoExtractor: Extractor = {
  name: 'video',
  version: 2,
  accepts: (_input, head) => isIsoMediaVideo(head),
  async extract(input): Promise<ExtractorOutput> {
    const parser = new Parser(input.source);
    await parser.parseFile();
    return {
      metadata: parser.groups,
      timestamps: parser.timestamps,
      ...(parser.warnings.length > 0 ? { warnings: parser.warnings } : {}),
    };
  },
};
