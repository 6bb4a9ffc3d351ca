import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { unzipSync, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { concatBytes, u32be } from './bytes';
import { cjkExifJpeg, insertJpegSegments, jpegSegment, plainJpeg, pngChunk, psdWithIptc, textChunksPng } from './images';
import { mp4File } from './media';
import { NOTE_SENTENCES } from './notes';
import { docxFile, pptxFile, xlsxTimesheet } from './office';
import { textPdf, type PdfLine } from './pdfs';
import { legacyName, writeZip } from './zips';

/**
 * A seeded generator of evidence folders of any size whose mix resembles an animation studio's trove: photographed
 * and scanned sheets (JPEG with EXIF/IPTC/XMP in Chinese and Korean), PNGs with text chunks, PSDs, multi-page
 * editing-sheet PDFs, notes in UTF-8, UTF-16, GB18030, Big5 and EUC-KR, docx/xlsx/pptx, MP4 headers, web-server
 * access logs of thousands of lines, zips (some with GBK member names), exact duplicates and broken files. The same
 * seed and size give the same bytes on every machine, so benchmark runs compare like with like.
 */

export type TroveKind = 'jpeg' | 'png' | 'psd' | 'pdf' | 'note' | 'office' | 'mp4' | 'log' | 'zip' | 'duplicate' | 'broken';

/** Shares of each kind among the files (normalised). Many small files, as real troves are. */
export const DEFAULT_TROVE_MIX: Readonly<Record<TroveKind, number>> = {
  jpeg: 0.3,
  png: 0.08,
  psd: 0.02,
  pdf: 0.08,
  note: 0.27,
  office: 0.06,
  mp4: 0.02,
  log: 0.005,
  zip: 0.015,
  duplicate: 0.08,
  broken: 0.05,
};

export interface TroveOptions {
  files: number;
  seed?: number;
  mix?: Partial<Record<TroveKind, number>>;
}

export interface TroveSummary {
  dir: string;
  files: number;
  bytes: number;
  byKind: Record<TroveKind, number>;
  /** Relative paths of the PDFs (the PDF-text benchmark runs pdftotext over exactly these). */
  pdfs: string[];
}

/** xorshift32: fast, seedable, identical everywhere. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

type Random = () => number;
const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const utf8 = new TextEncoder();

const SHOWS = ['invincible', 'iyanu', 'project_b'];
const STAGES = ['原画', '动画', '修型', '背景', '上色', '콘티', '원화', '수정', 'layout', 'comp'];
const KOREAN_NK = ['로동 시간 조정', '콤퓨터 봉사기 점검', '래일까지 수정 련락 바람', '화일 정리 동무들 확인'];
const ENGLISH = [
  'Retake: mouth shapes on cuts 5-9, keep the model sheet.',
  'Invincible S02 episode 12, scene 34 layout approved.',
  'Please fix the lip sync on cut 18 before Friday.',
  'Background colour key updated; use v3 for all cuts.',
];

interface Templates {
  jpegs: Uint8Array[];
  /** Editing sheets as current software writes them: subset-embedded CJK fonts with ToUnicode maps. */
  embeddedPdfs: Uint8Array[];
  png: Uint8Array;
  psd: Uint8Array;
  office: Uint8Array[];
  mp4: Uint8Array;
}

/** TrueType CJK fonts from Debian's fonts-droid-fallback and fonts-nanum; without them every PDF is legacy-style. */
const CJK_FONT_FILES = ['/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', '/usr/share/fonts/truetype/nanum/NanumGothic.ttf'];

async function embeddedFontPdf(r: Random, n: number, fontBytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const cjk = await doc.embedFont(fontBytes, { subset: true });
  const latin = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0, pages = 1 + Math.floor(r() * 4); p < pages; p++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`EDITING SHEET ${n} / page ${p + 1}`, { x: 72, y: 760, size: 18, font: latin });
    for (let i = 0, lines = 6 + Math.floor(r() * 20); i < lines; i++) {
      const which = r();
      const text = which < 0.35 ? pick(r, NOTE_SENTENCES.zhHans) : which < 0.6 ? pick(r, NOTE_SENTENCES.ko) : pick(r, ENGLISH);
      page.drawText(text, { x: 72, y: 730 - i * 24, size: 11, font: which < 0.6 ? cjk : latin });
    }
  }
  doc.setTitle(`修改意见 ${n} 수정 의견`);
  doc.setAuthor(pick(r, ['김철수', '张三', 'Production desk']));
  doc.setCreator('Adobe InDesign 18.0 (Windows)');
  return doc.save();
}

/** Built once per run: the fixture generators are the slow part, variations of their output are cheap. */
async function templates(r: Random): Promise<Templates> {
  const font = CJK_FONT_FILES.find((f) => existsSync(f));
  const embeddedPdfs: Uint8Array[] = [];
  for (let n = 0; font && n < 40; n++) embeddedPdfs.push(await embeddedFontPdf(r, n, readFileSync(font)));
  const rich = cjkExifJpeg().bytes;
  const scans = [64, 160, 320, 480].map((w) => noiseJpeg(r, w, Math.round(w * 0.75)));
  // A metadata-rich header in front of scans of several sizes: a photographed sheet, whatever its resolution.
  const jpegs = scans.map((scan) => withExifFrom(rich, scan));
  return {
    jpegs: [rich, ...jpegs],
    embeddedPdfs,
    png: textChunksPng().bytes,
    psd: psdWithIptc().bytes,
    office: [docxFile().bytes, xlsxTimesheet().bytes, pptxFile().bytes],
    mp4: mp4File().bytes,
  };
}

/** Noise compresses badly, so the scan is about as large as a real photographed sheet of that size. */
function noiseJpeg(r: Random, width: number, height: number): Uint8Array {
  const base = plainJpeg(width, height);
  const payload = new Uint8Array(Math.min(60_000, width * height));
  for (let i = 0; i < payload.length; i++) payload[i] = Math.floor(r() * 256);
  // An APP15 block stands in for entropy-coded data: readers skip it, hashing pays for its bytes.
  return insertJpegSegments(base, [jpegSegment(0xef, payload)]);
}

/** The APPn segments of `rich` in front of the frame of `scan`. */
function withExifFrom(rich: Uint8Array, scan: Uint8Array): Uint8Array {
  const segments: Uint8Array[] = [];
  for (let at = 2; at + 4 <= rich.length && rich[at] === 0xff;) {
    const marker = rich[at + 1] as number;
    const length = ((rich[at + 2] as number) << 8) | (rich[at + 3] as number);
    if (marker >= 0xe1 && marker <= 0xed) segments.push(rich.subarray(at, at + 2 + length));
    if (marker === 0xda) break;
    at += 2 + length;
  }
  return insertJpegSegments(scan, segments);
}

function note(r: Random, n: number): { ext: string; bytes: Uint8Array } {
  const variant = r();
  const lines = (sentences: readonly string[]): string => {
    const count = 2 + Math.floor(r() * 12);
    const out = [`# note ${n}`];
    for (let i = 0; i < count; i++) out.push(pick(r, sentences));
    return `${out.join('\r\n')}\r\n`;
  };
  if (variant < 0.25) return { ext: '.txt', bytes: utf8.encode(lines([...NOTE_SENTENCES.zhHans, ...ENGLISH])) };
  if (variant < 0.4) return { ext: '.txt', bytes: iconv.encode(lines(NOTE_SENTENCES.zhHans), 'gb18030') };
  if (variant < 0.5) return { ext: '.txt', bytes: iconv.encode(lines(NOTE_SENTENCES.zhHant), 'big5') };
  if (variant < 0.7) return { ext: '.txt', bytes: iconv.encode(lines([...NOTE_SENTENCES.ko, ...KOREAN_NK]), 'euc-kr') };
  if (variant < 0.8) return { ext: '.txt', bytes: utf8.encode(lines(NOTE_SENTENCES.ko)) };
  if (variant < 0.9) {
    const text = lines([...NOTE_SENTENCES.zhHans, ...NOTE_SENTENCES.ko]);
    return { ext: '.txt', bytes: concatBytes([Uint8Array.of(0xff, 0xfe), iconv.encode(text, 'utf-16le')]) };
  }
  return { ext: '.md', bytes: utf8.encode(lines(ENGLISH)) };
}

function pdf(r: Random, n: number): Uint8Array {
  const pages: PdfLine[][] = [];
  const count = 1 + Math.floor(r() * 4);
  for (let p = 0; p < count; p++) {
    const lines: PdfLine[] = [['F4', 18, 72, 760, `EDITING SHEET ${n} / page ${p + 1}`]];
    for (let i = 0; i < 6 + Math.floor(r() * 20); i++) {
      const y = 730 - i * 24;
      const which = r();
      if (which < 0.35) lines.push(['F1', 12, 72, y, pick(r, NOTE_SENTENCES.zhHans)]);
      else if (which < 0.6) lines.push(['F2', 12, 72, y, pick(r, NOTE_SENTENCES.ko)]);
      else lines.push(['F4', 11, 72, y, pick(r, ENGLISH)]);
    }
    pages.push(lines);
  }
  const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
  return textPdf(pages, {
    title: `修改意见 ${n} 수정 의견`,
    author: pick(r, ['김철수', '张三', 'Production desk']),
    created: `D:202403${day}101500+09'00'`,
  });
}

function accessLog(r: Random, n: number): Uint8Array {
  // North-eastern China (Liaoning, Jilin), Pyongyang's allocation, and a cloud host, as in the real case.
  const clients = ['175.167.13.9', '119.119.66.1', '222.161.20.4', '175.45.176.12', '52.95.110.1', '2001:db8::7'];
  const methods = ['GET', 'GET', 'GET', 'GET', 'PUT', 'POST', 'PROPFIND', 'MKCOL'];
  const lines: string[] = [];
  let t = Date.UTC(2024, 2, 1) + n * 3_600_000;
  for (let i = 0, count = 1000 + Math.floor(r() * 4000); i < count; i++) {
    t += Math.floor(r() * 90_000);
    const d = new Date(t);
    const stamp = `${String(d.getUTCDate()).padStart(2, '0')}/${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;
    const file = `/works/${pick(r, SHOWS)}/s02/ep${String(1 + Math.floor(r() * 12)).padStart(2, '0')}/${encodeURI(pick(r, STAGES))}/cut_${Math.floor(r() * 300)}.psd`;
    lines.push(
      `${pick(r, clients)} - - [${stamp}] "${pick(r, methods)} ${file} HTTP/1.1" ${pick(r, [200, 200, 201, 206, 304, 404])} ${Math.floor(r() * 2e6)} "-" "Mozilla/5.0"`,
    );
  }
  return utf8.encode(`${lines.join('\n')}\n`);
}

function zipArchive(r: Random, n: number, t: Templates): Uint8Array {
  const count = 5 + Math.floor(r() * 45);
  if (r() < 0.2) {
    // Made on a Chinese Windows: GBK names and no UTF-8 flag.
    return writeZip(
      Array.from({ length: count }, (_, i) => ({
        name: legacyName(`原画/第${n}集_${i}.txt`, 'gbk'),
        data: new Uint8Array(iconv.encode(pick(r, NOTE_SENTENCES.zhHans), 'gbk')),
        method: 'deflate' as const,
      })),
    );
  }
  const members: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i++) {
    if (r() < 0.3) members[`scan/${n}_${i}.jpg`] = unique(pick(r, t.jpegs), n * 1000 + i, 'jpeg');
    else members[`notes/${n}_${i}.txt`] = note(r, n * 1000 + i).bytes;
  }
  return zipSync(members, { level: 6 });
}

/** Makes a template's bytes unique to one file without changing what a reader finds in it. */
function unique(bytes: Uint8Array, n: number, kind: 'jpeg' | 'png' | 'psd' | 'mp4' | 'pdf' | 'office'): Uint8Array {
  const tag = utf8.encode(`workbench-trove ${n}`);
  switch (kind) {
    case 'jpeg':
      return insertJpegSegments(bytes, [jpegSegment(0xfe, tag)]);
    case 'png': {
      const iend = bytes.length - 12;
      return concatBytes([bytes.subarray(0, iend), pngChunk('tEXt', concatBytes([utf8.encode('Comment\0'), tag])), bytes.subarray(iend)]);
    }
    case 'mp4':
      return concatBytes([bytes, u32be(8 + tag.length), utf8.encode('free'), tag]);
    case 'office': {
      const parts = unzipSync(bytes);
      parts[`customXml/item${n}.xml`] = utf8.encode(`<?xml version="1.0"?><id>${n}</id>`);
      return zipSync(parts);
    }
    case 'psd':
    case 'pdf':
      // Both readers ignore bytes after the end of the file's structure (PDF after %%EOF, PSD after the image data).
      return concatBytes([bytes, utf8.encode(`\n%${new TextDecoder().decode(tag)}\n`)]);
  }
}

function broken(r: Random, t: Templates): { ext: string; bytes: Uint8Array } {
  const which = r();
  const jpeg = pick(r, t.jpegs);
  if (which < 0.2) return { ext: '.jpg', bytes: jpeg.subarray(0, Math.floor(jpeg.length * r())) };
  if (which < 0.35) return { ext: '.txt', bytes: Uint8Array.from({ length: 4096 }, () => Math.floor(r() * 256)) };
  if (which < 0.5) return { ext: '.pdf', bytes: utf8.encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog') };
  if (which < 0.65) return { ext: '.docx', bytes: t.office[0]!.subarray(0, 700) };
  if (which < 0.8) return { ext: '.png', bytes: new Uint8Array(0) };
  return {
    ext: '.zip',
    bytes: concatBytes([utf8.encode('PK\u0003\u0004'), Uint8Array.from({ length: 300 }, () => Math.floor(r() * 256))]),
  };
}

/** Folder of the n-th file: show / season / episode / stage, the way a studio's server is laid out. */
function folderOf(r: Random, n: number): string {
  const show = SHOWS[n % SHOWS.length] as string;
  const episode = `ep${String(1 + (Math.floor(n / 7) % 12)).padStart(2, '0')}`;
  return path.join('works', show, `s0${1 + (Math.floor(n / 97) % 2)}`, episode, pick(r, STAGES));
}

/**
 * Writes the trove below `dir` (which must be empty or absent) and returns what it wrote. PDFs are 70% current
 * (embedded subset fonts), 30% legacy CJK (predefined CMaps, no embedded font: pdf.js builds a 30,000-entry map per
 * font for those, which makes them several times slower to read than the rest).
 */
export async function writeTrove(dir: string, options: TroveOptions): Promise<TroveSummary> {
  const r = prng(options.seed ?? 20240315);
  const mix = { ...DEFAULT_TROVE_MIX, ...options.mix };
  const kinds = Object.keys(mix) as TroveKind[];
  const total = kinds.reduce((sum, k) => sum + mix[k], 0);
  const t = await templates(r);
  const written: string[] = [];
  const byKind = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<TroveKind, number>;
  const pdfs: string[] = [];
  const folders = new Set<string>();
  let bytes = 0;
  for (let n = 0; n < options.files; n++) {
    let roll = r() * total;
    const kind = kinds.find((k) => (roll -= mix[k]) < 0) ?? 'note';
    const folder = folderOf(r, n);
    let ext: string;
    let data: Uint8Array;
    if (kind === 'duplicate' && written.length > 0) {
      const original = pick(r, written.slice(-2000));
      ext = path.extname(original);
      data = new Uint8Array(readBack(dir, original));
    } else if (kind === 'jpeg' || kind === 'duplicate') {
      ext = '.jpg';
      data = unique(pick(r, t.jpegs), n, 'jpeg');
    } else if (kind === 'png') [ext, data] = ['.png', unique(t.png, n, 'png')];
    else if (kind === 'psd') [ext, data] = ['.psd', unique(t.psd, n, 'psd')];
    else if (kind === 'pdf')
      [ext, data] = ['.pdf', t.embeddedPdfs.length && r() < 0.7 ? unique(pick(r, t.embeddedPdfs), n, 'pdf') : pdf(r, n)];
    else if (kind === 'office') {
      const which = Math.floor(r() * 3);
      ext = ['.docx', '.xlsx', '.pptx'][which] as string;
      data = unique(t.office[which] as Uint8Array, n, 'office');
    } else if (kind === 'mp4') [ext, data] = ['.mp4', unique(t.mp4, n, 'mp4')];
    else if (kind === 'log') [ext, data] = ['.log', accessLog(r, n)];
    else if (kind === 'zip') [ext, data] = ['.zip', zipArchive(r, n, t)];
    else if (kind === 'broken') ({ ext, bytes: data } = broken(r, t));
    else ({ ext, bytes: data } = note(r, n));
    const rel = path.join(folder, `${String(n).padStart(6, '0')}${kind === 'log' ? '_access' : ''}${ext}`);
    const abs = path.join(dir, rel);
    if (!folders.has(folder)) {
      mkdirSync(path.join(dir, folder), { recursive: true });
      folders.add(folder);
    }
    writeFileSync(abs, data);
    written.push(rel);
    if (ext === '.pdf' && kind === 'pdf') pdfs.push(rel);
    byKind[kind]++;
    bytes += data.byteLength;
  }
  return { dir, files: options.files, bytes, byKind, pdfs };
}

/** Duplicates re-read their original: cheaper than holding 100,000 files in memory. */
const readBack = (dir: string, rel: string): Buffer => readFileSync(path.join(dir, rel));
