import { spawnSync } from 'node:child_process';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';

/**
 * Pictures made in code for the OCR, perceptual-hash and benchmark tests: printed Chinese, Korean and English text
 * in Noto Sans CJK (Debian `fonts-noto-cjk`, which CI installs), and seeded drawings of shapes and CJK labels.
 */

/**
 * One face of the Noto CJK collection covers Han (both scripts), Hangul and Latin; skia registers it as JP. The
 * canvas `lang` picks the regional glyph forms through the font's `locl` feature, so simplified Chinese is drawn with
 * mainland forms and traditional with Taiwanese ones, as printed documents would be.
 */
export function cjkFontFamily(): string {
  const families = GlobalFonts.families.map((f) => f.family);
  const found = ['Noto Sans CJK SC', 'Noto Sans CJK KR', 'Noto Sans CJK JP', 'Noto Sans CJK TC'].find((f) => families.includes(f));
  if (!found) throw new Error('no Noto Sans CJK font found: install the Debian package fonts-noto-cjk');
  return found;
}

/** Printed notes of the kind found on editing sheets, per script, with the language tag that selects glyph forms. */
export const SAMPLE_LANG = { simplified: 'zh-CN', traditional: 'zh-TW', korean: 'ko', english: 'en' } as const;

export const SAMPLE_LINES = {
  simplified: ['原画修型请注意口型', '第十二集背景颜色需要调整', '角色转身动作太快请重画', '所有镜头按时间表交付'],
  traditional: ['原畫修型請注意口型', '第十二集背景顏色需要調整', '角色轉身動作太快請重畫', '所有鏡頭按時間表交付'],
  korean: ['원화 수정 의견을 확인하십시오', '제12화 콘티 수정', '인빈서블 배경 색상 조정', '캐릭터 동작이 너무 빠릅니다'],
  english: [
    'Invincible key frame revision',
    'Episode 12 background colour notes',
    'Please redraw the turnaround',
    'Deliver all shots by Friday',
  ],
} as const;

export interface TextImageOptions {
  /** Font size in pixels; 50 px is 12 pt at 300 dpi. */
  fontPx?: number;
  width?: number;
  height?: number;
  margin?: number;
  lineSpacing?: number;
}

/** A line of text and, when it matters for the glyph forms, its BCP 47 language (`zh-CN`, `zh-TW`, `ko`). */
export type TextLine = string | { text: string; lang: string };

/** Lines of dark text on white, as a PNG: a scanned typed note at 300 dpi. */
export function renderTextImage(lines: readonly TextLine[], options: TextImageOptions & { lang?: string } = {}): Buffer {
  const fontPx = options.fontPx ?? 50;
  const margin = options.margin ?? Math.round(fontPx * 1.5);
  const step = Math.round(fontPx * (options.lineSpacing ?? 1.8));
  const family = cjkFontFamily();
  const measure = createCanvas(1, 1).getContext('2d');
  measure.font = `${fontPx}px "${family}"`;
  const texts = lines.map((l) => (typeof l === 'string' ? { text: l, lang: options.lang ?? 'en' } : l));
  const widest = Math.max(...texts.map((l) => measure.measureText(l.text).width));
  const width = options.width ?? Math.ceil(widest + 2 * margin);
  const height = options.height ?? margin * 2 + step * lines.length;
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#1a1a1a';
  g.font = `${fontPx}px "${family}"`;
  g.textBaseline = 'top';
  texts.forEach((line, i) => {
    g.lang = line.lang;
    g.fillText(line.text, margin, margin + i * step);
  });
  return canvas.toBuffer('image/png');
}

/** Mulberry32: small, fast and deterministic, so a seed always draws the same picture. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LABELS = ['原画', '修型', '背景', '원화', '콘티', '인빈서블', 'KEY', 'BG', '第12集', '口型', '동작', 'TAKE 3'];

function randomColour(rand: () => number): string {
  const channel = (): number => Math.floor(rand() * 256);
  return `rgb(${channel()}, ${channel()}, ${channel()})`;
}

function drawShape(g: SKRSContext2D, rand: () => number, width: number, height: number): void {
  g.fillStyle = randomColour(rand);
  g.strokeStyle = randomColour(rand);
  g.lineWidth = 2 + rand() * 10;
  const x = rand() * width;
  const y = rand() * height;
  const size = (0.1 + rand() * 0.35) * Math.min(width, height);
  const kind = Math.floor(rand() * 4);
  g.beginPath();
  if (kind === 0) g.rect(x - size / 2, y - size / 2, size, size * (0.5 + rand()));
  else if (kind === 1) g.arc(x, y, size / 2, 0, Math.PI * 2);
  else {
    g.moveTo(x, y);
    for (let i = 0; i < 2 + kind; i++) g.lineTo(rand() * width, rand() * height);
    g.closePath();
  }
  if (rand() < 0.7) g.fill();
  g.stroke();
}

/**
 * A seeded drawing: a tinted background, 6 to 12 filled or outlined shapes and two or three CJK/Latin labels, like a
 * colour model sheet. Different seeds give unrelated pictures; the same seed always the same one.
 */
export function renderScene(seed: number, width = 800, height = 600): Buffer {
  const rand = seededRandom(seed);
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  const gradient = g.createLinearGradient(0, 0, rand() * width, height);
  gradient.addColorStop(0, randomColour(rand));
  gradient.addColorStop(1, randomColour(rand));
  g.fillStyle = gradient;
  g.fillRect(0, 0, width, height);
  const shapes = 6 + Math.floor(rand() * 7);
  for (let i = 0; i < shapes; i++) drawShape(g, rand, width, height);
  const family = cjkFontFamily();
  const labels = 2 + Math.floor(rand() * 2);
  for (let i = 0; i < labels; i++) {
    g.fillStyle = randomColour(rand);
    g.font = `${Math.round(40 + rand() * 60)}px "${family}"`;
    g.fillText(LABELS[Math.floor(rand() * LABELS.length)] ?? '原画', rand() * width * 0.7, 60 + rand() * (height - 80));
  }
  return canvas.toBuffer('image/png');
}

/** A video codec the bundled ffmpeg can encode, with the container it is usually found in. */
export interface TestVideoFormat {
  name: string;
  file: string;
  args: readonly string[];
}

export const TEST_VIDEO_FORMATS: readonly TestVideoFormat[] = [
  { name: 'H.264 in MP4', file: 'h264.mp4', args: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'] },
  { name: 'MPEG-4 Part 2 in AVI', file: 'mpeg4.avi', args: ['-c:v', 'mpeg4', '-q:v', '4'] },
  { name: 'VP8 in WebM', file: 'vp8.webm', args: ['-c:v', 'libvpx', '-b:v', '400k'] },
  { name: 'VP9 in WebM', file: 'vp9.webm', args: ['-c:v', 'libvpx-vp9', '-b:v', '300k', '-deadline', 'realtime', '-cpu-used', '8'] },
  { name: 'ProRes in QuickTime MOV', file: 'prores.mov', args: ['-c:v', 'prores'] },
  { name: 'H.264 in QuickTime MOV', file: 'h264.mov', args: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'] },
  { name: 'HEVC in MP4', file: 'hevc.mp4', args: ['-c:v', 'libx265', '-preset', 'ultrafast', '-tag:v', 'hvc1'] },
  { name: 'MPEG-2 in MPEG-PS', file: 'mpeg2.mpg', args: ['-c:v', 'mpeg2video', '-q:v', '4'] },
  { name: 'WMV2 in ASF', file: 'wmv2.wmv', args: ['-c:v', 'wmv2', '-q:v', '4'] },
  { name: 'Theora in Ogg', file: 'theora.ogv', args: ['-c:v', 'libtheora', '-q:v', '6'] },
];

/** The three 2-second scenes of every test video: ffmpeg's test pattern, SMPTE colour bars, then a Mandelbrot set. */
export const TEST_VIDEO_SCENES = [0, 2, 4] as const;
export const TEST_VIDEO_SECONDS = 6;

/** Encodes the three-scene test video (320×240, 25 fps) with the given ffmpeg into `file`. */
export function encodeTestVideo(ffmpeg: string, file: string, format: TestVideoFormat): void {
  const scene = (source: string): string[] => ['-f', 'lavfi', '-i', `${source}=size=320x240:rate=25`];
  const result = spawnSync(
    ffmpeg,
    [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-y',
      ...scene('testsrc'),
      ...scene('smptebars'),
      ...scene('mandelbrot'),
      '-filter_complex',
      '[0]trim=duration=2[a];[1]trim=duration=2[b];[2]trim=duration=2[c];[a][b][c]concat=n=3:v=1:a=0[v]',
      '-map',
      '[v]',
      ...format.args,
      file,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`ffmpeg could not encode ${format.name}: ${result.stderr}`);
}

/** A scanned document: each picture, scanned at 300 dpi, fills one page of its own size, with no text layer. */
export async function scannedPdf(pages: readonly Uint8Array[]): Promise<Uint8Array> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  for (const png of pages) {
    const image = await doc.embedPng(png);
    const [width, height] = [(image.width * 72) / 300, (image.height * 72) / 300];
    doc.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return doc.save();
}
