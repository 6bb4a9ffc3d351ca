/**
 * `node --import tsx electron/bench/visual-bench.ts [--rounds 3] [--json] [--only ocr,hashes,clustering,video]`
 *
 * Times the visual-evidence computations on generated inputs, reporting medians and the load average (the machine is
 * shared): OCR of one A4 page at 300 dpi (2480×3508 px, 20 lines of Chinese, Korean and English; target under 10 s),
 * dHash + pHash per image at three sizes, a PDF's page 1 drawn and hashed, clustering and nearest-neighbour queries
 * over 100,000 random hashes, and key frames of a short video. With --json the last line is one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { HashIndex } from '../formats/visual/hash-index';
import { extractKeyFrames, ffmpegPath } from '../formats/visual/key-frames';
import { OcrEngine } from '../formats/visual/ocr';
import { hashImage } from '../formats/visual/perceptual-hash';
import { renderPdfPage } from '../formats/visual/pdf-page';
import { SIMILARITY_THRESHOLD } from '../formats/visual/similarity';
import { encodeTestVideo, renderScene, renderTextImage, seededRandom, TEST_VIDEO_FORMATS } from '../test-support/generate/visual';
import { characterAccuracy } from '../test-support/ocr-accuracy';
import { loadAverage, machine, median, round } from './tools';

const argv = process.argv.slice(2);
const rounds = Number(argv[argv.indexOf('--rounds') + 1]) || 3;
const asJson = argv.includes('--json');
const SECTIONS = ['ocr', 'hashes', 'clustering', 'video'] as const;
const only = new Set(argv.includes('--only') ? (argv[argv.indexOf('--only') + 1] ?? '').split(',') : SECTIONS);
const wanted = (section: (typeof SECTIONS)[number]): boolean => only.has(section);
const log = (line: string): void => {
  if (!asJson) console.log(line);
};

type Script = 'zh-CN' | 'ko' | 'en';

/** Twenty lines as an editing sheet might carry them: Chinese instructions, Korean translations, English titles. */
const PAGE_LINES: { text: string; lang: Script }[] = [
  { text: 'INVINCIBLE EP.12 LAYOUT NOTES', lang: 'en' },
  { text: '第十二集 原画修型请注意口型', lang: 'zh-CN' },
  { text: '제12화 원화 수정 의견을 확인하십시오', lang: 'ko' },
  { text: 'Scene 34 cut 5: redraw the turnaround', lang: 'en' },
  { text: '背景颜色需要调整 天空再暗一点', lang: 'zh-CN' },
  { text: '배경 색상 조정 하늘을 더 어둡게', lang: 'ko' },
  { text: '角色转身动作太快请重画', lang: 'zh-CN' },
  { text: '캐릭터 동작이 너무 빠릅니다 다시 그리십시오', lang: 'ko' },
  { text: 'Deliver all shots by Friday 18:00', lang: 'en' },
  { text: '所有镜头按时间表交付', lang: 'zh-CN' },
  { text: '모든 장면을 일정대로 납품하십시오', lang: 'ko' },
  { text: 'Key frames 0042 to 0057 approved', lang: 'en' },
  { text: '第三十四场 第五镜 口型不对', lang: 'zh-CN' },
  { text: '인빈서블 34장면 5컷 입모양 수정', lang: 'ko' },
  { text: 'Check the model sheet before inking', lang: 'en' },
  { text: '上色前请核对人物设定', lang: 'zh-CN' },
  { text: '채색 전에 설정을 확인하십시오', lang: 'ko' },
  { text: 'Timesheet revision 3 attached', lang: 'en' },
  { text: '修改后重新上色 明天交', lang: 'zh-CN' },
  { text: '수정 후 다시 채색 내일 제출', lang: 'ko' },
];

/** Wall time, and CPU time of the whole process (tesseract's worker threads included), which the load does not inflate. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, value };
}

function accuracyByScript(text: string): Record<Script, number> {
  const read = text.split('\n');
  const byScript: Record<Script, number[]> = { 'zh-CN': [], ko: [], en: [] };
  for (const line of PAGE_LINES) byScript[line.lang].push(Math.max(0, ...read.map((r) => characterAccuracy(line.text, r))));
  const mean = (xs: number[]): number => round(xs.reduce((a, b) => a + b, 0) / xs.length, 3);
  return { 'zh-CN': mean(byScript['zh-CN']), ko: mean(byScript.ko), en: mean(byScript.en) };
}

async function benchOcr(dir: string): Promise<Record<string, unknown>> {
  const page = renderTextImage(PAGE_LINES, { width: 2480, height: 3508, fontPx: 50, margin: 200, lineSpacing: 3 });
  const out: Record<string, unknown> = {};
  for (const traditionalChinese of [true, false]) {
    const label = traditionalChinese ? 'withTraditionalCheck' : 'simplifiedOnly';
    const start = await timed(() => OcrEngine.create({ dataDir: path.join(dir, 'tessdata'), traditionalChinese }));
    const engine = start.value;
    try {
      const runs: { ms: number; cpuMs: number }[] = [];
      let accuracy: Record<Script, number> = { 'zh-CN': 0, ko: 0, en: 0 };
      for (let i = 0; i < rounds; i++) {
        const run = await timed(() => engine.recognize(page, { timeoutMs: 180_000 }));
        runs.push(run);
        accuracy = accuracyByScript(run.value.text);
        log(
          `  OCR page (${label}) ${i + 1}: ${round(run.ms / 1000)} s wall, ${round(run.cpuMs / 1000)} s CPU, ${run.value.lines.length} lines`,
        );
      }
      const small = await timed(() => engine.recognize(renderTextImage(PAGE_LINES.slice(0, 3), { fontPx: 50 })));
      out[label] = {
        engineStartMs: round(start.ms),
        pageMs: round(median(runs.map((r) => r.ms))),
        pageCpuMs: round(median(runs.map((r) => r.cpuMs))),
        threeLineImageMs: round(small.ms),
        pageAccuracy: accuracy,
      };
    } finally {
      await engine.terminate();
    }
  }
  return out;
}

async function benchHashes(): Promise<Record<string, unknown>> {
  const page = renderTextImage(PAGE_LINES, { width: 2480, height: 3508, fontPx: 50, margin: 200, lineSpacing: 3 });
  const photo = await sharp(renderScene(5, 800, 600))
    .resize(4000, 3000)
    .jpeg({ quality: 90 })
    .toBuffer();
  const inputs: Record<string, Buffer> = { 'PNG 800×600': renderScene(6, 800, 600), 'PNG page 2480×3508': page, 'JPEG 4000×3000': photo };
  const out: Record<string, number> = {};
  for (const [name, bytes] of Object.entries(inputs)) {
    await hashImage(bytes);
    const runs: number[] = [];
    for (let i = 0; i < Math.max(5, rounds); i++) runs.push((await timed(() => hashImage(bytes))).ms);
    out[name] = round(median(runs));
    log(`  dHash+pHash ${name}: ${out[name]} ms`);
  }
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(renderScene(7, 1200, 900));
  doc.addPage([900, 675]).drawImage(image, { x: 0, y: 0, width: 900, height: 675 });
  const pdf = await doc.save();
  await renderPdfPage(pdf, 1, { maxWidth: 512, maxHeight: 512 });
  const pdfRuns: number[] = [];
  for (let i = 0; i < Math.max(5, rounds); i++)
    pdfRuns.push(
      (
        await timed(async () => {
          const rendered = await renderPdfPage(pdf, 1, { maxWidth: 512, maxHeight: 512 });
          if (!('png' in rendered)) throw new Error(JSON.stringify(rendered));
          return hashImage(rendered.png);
        })
      ).ms,
    );
  out['PDF page 1 drawn at 512 px + hashed'] = round(median(pdfRuns));
  log(`  PDF page 1 drawn + hashed: ${out['PDF page 1 drawn at 512 px + hashed']} ms`);
  return out;
}

function benchClustering(): Record<string, unknown> {
  const rand = seededRandom(42);
  const word = (): string =>
    Math.floor(rand() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  const entries = Array.from({ length: 100_000 }, (_, id) => ({ id, hash: word() + word() }));
  const build: number[] = [];
  const cluster: number[] = [];
  const clusterCpu: number[] = [];
  const query: number[] = [];
  const queryWithin: number[] = [];
  let clusters = 0;
  for (let i = 0; i < rounds; i++) {
    let started = performance.now();
    const index = new HashIndex(entries);
    build.push(performance.now() - started);
    started = performance.now();
    const cpu = process.cpuUsage();
    clusters = index.clusters(SIMILARITY_THRESHOLD).length;
    const used = process.cpuUsage(cpu);
    cluster.push(performance.now() - started);
    clusterCpu.push((used.user + used.system) / 1000);
    started = performance.now();
    for (let q = 0; q < 200; q++) index.nearest(entries[q * 487]?.hash ?? '0000000000000000', 10);
    query.push((performance.now() - started) / 200);
    started = performance.now();
    for (let q = 0; q < 1000; q++) index.nearest(entries[q * 97]?.hash ?? '0000000000000000', 10, SIMILARITY_THRESHOLD);
    queryWithin.push((performance.now() - started) / 1000);
  }
  const out = {
    hashes: entries.length,
    threshold: SIMILARITY_THRESHOLD,
    indexBuildMs: round(median(build)),
    clusterMs: round(median(cluster)),
    clusterCpuMs: round(median(clusterCpu)),
    clustersFound: clusters,
    nearest10QueryMs: round(median(query), 3),
    nearest10WithinThresholdQueryMs: round(median(queryWithin), 3),
  };
  log(
    `  100,000 hashes: index ${out.indexBuildMs} ms, cluster ${out.clusterMs} ms (${out.clusterCpuMs} ms CPU), 10-nearest query ${out.nearest10QueryMs} ms`,
  );
  return out;
}

async function benchVideo(dir: string): Promise<Record<string, unknown>> {
  const format = TEST_VIDEO_FORMATS[0];
  if (!format) throw new Error('no test video format');
  const file = path.join(dir, format.file);
  encodeTestVideo(ffmpegPath(), file, format);
  const runs: number[] = [];
  let frames = 0;
  for (let i = 0; i < rounds; i++) {
    const run = await timed(() => extractKeyFrames(file));
    runs.push(run.ms);
    frames = run.value.frames.length;
  }
  const out = { video: `${format.name}, 320×240, 6 s`, keyFramesMs: round(median(runs)), frames };
  log(`  key frames of ${out.video}: ${out.keyFramesMs} ms for ${frames} frames`);
  return out;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-visual-bench-'));
try {
  log(`visual bench, ${rounds} rounds, load average ${loadAverage()}`);
  const results = {
    started: new Date().toISOString(),
    machine: machine(),
    loadAverageBefore: loadAverage(),
    ocr: wanted('ocr') ? await benchOcr(dir) : null,
    hashes: wanted('hashes') ? await benchHashes() : null,
    clustering: wanted('clustering') ? benchClustering() : null,
    video: wanted('video') ? await benchVideo(dir) : null,
    loadAverageAfter: loadAverage(),
  };
  if (asJson) console.log(JSON.stringify(results));
  else log(JSON.stringify(results, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
