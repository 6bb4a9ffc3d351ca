import { createWorker, OEM, PSM, type Bbox, type Line, type Page, type Worker } from 'tesseract.js';
import type { OcrLanguage, OcrLine, OcrResult, OcrWord, PixelBox } from '../../../shared/domain/visual';
import { cropGrey, prepareForOcr, toPgm, type PreparedImage } from './ocr-image';
import { packageVersion } from './package-file';
import { prepareTessdata } from './tessdata';

/**
 * Korean first: with a Chinese model first, tesseract spaced out every Han character and segmented Korean words worse;
 * with Korean first, lines come out spaced as printed. Simplified Chinese is the primary Chinese model; lines with Han
 * characters are re-read with traditional Chinese (see chooseChineseScript). Loading both Chinese models in one worker
 * was measured worse: each drags the other's lines into its own script (a simplified page lost 7 % of its characters
 * to traditional forms, and the traditional model alone 31 %).
 */
const PRIMARY: readonly OcrLanguage[] = ['kor', 'chi_sim', 'eng'];
const TRADITIONAL: readonly OcrLanguage[] = ['kor', 'chi_tra', 'eng'];

/**
 * PSM 4, one column of text of varying sizes. Measured on generated pages: PSM 3 (automatic layout) takes lines of
 * Hangul and Han for vertical text and returned nothing at all for a page of Korean; PSM 6 (one uniform block) read
 * pages as well as PSM 4; PSM 11 (sparse text) split lines into fragments. An image holding a single band of text
 * (a caption, a label, a cropped title) is read as one line (PSM 7) instead: on some Korean lines alone in an image
 * PSMs 3, 4, 6 and 11 all read the syllables as vertical columns and returned noise.
 */
export const DEFAULT_PAGE_SEG_MODE = PSM.SINGLE_COLUMN;
export const DEFAULT_OCR_TIMEOUT_MS = 60_000;

const HAN = /\p{Script=Han}/u;
const CLOSE_UP = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** A recognition that did not finish within its time limit; the engine stopped its tesseract workers. */
export class OcrTimeoutError extends Error {
  constructor(ms: number) {
    super(`OCR timed out after ${Math.round(ms / 1000)} s`);
    this.name = 'OcrTimeoutError';
  }
}

export interface OcrEngineOptions {
  /** A folder the engine may write to (app data or temp): the language models are linked there. */
  dataDir: string;
  pageSegMode?: PSM;
  /** Re-read lines holding Han characters with the traditional Chinese model (default true). */
  traditionalChinese?: boolean;
}

export interface RecognizeOptions {
  timeoutMs?: number;
}

/** The part of a tesseract.js worker's thread that tells when it died (the library's own handler never fires in Node). */
interface WorkerThread {
  once(event: 'exit', listener: (code: number) => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
}

interface LiveWorker {
  worker: Worker;
  died: Promise<never>;
}

function hasThread(value: unknown): value is { worker: WorkerThread } {
  if (typeof value !== 'object' || value === null || !('worker' in value)) return false;
  const thread: unknown = value.worker;
  return typeof thread === 'object' && thread !== null && 'once' in thread && typeof thread.once === 'function';
}

/**
 * Tesseract's own line text (its spacing follows the word gaps it measured), with runs of white space made single and
 * the spaces it sometimes puts between two Han characters removed: Chinese is written without them.
 */
function lineText(raw: string): string {
  const chars = [...raw.trim().replace(/\s+/gu, ' ')];
  return chars.filter((c, i) => c !== ' ' || !(CLOSE_UP.test(chars[i - 1] ?? '') && CLOSE_UP.test(chars[i + 1] ?? ''))).join('');
}

const weightedConfidence = (words: readonly OcrWord[]): number => {
  let sum = 0;
  let weight = 0;
  for (const w of words) {
    const n = [...w.text].length;
    sum += w.confidence * n;
    weight += n;
  }
  return weight === 0 ? 0 : Math.round((sum / weight) * 10) / 10;
};

const clampConfidence = (c: number): number => Math.min(100, Math.max(0, Math.round(c * 10) / 10));

/** Maps boxes from recognition pixels (possibly of a crop at an offset) back to the original image's pixels. */
class BoxMapper {
  constructor(
    private readonly image: PreparedImage,
    private readonly offset = { x: 0, y: 0 },
  ) {}

  box(b: Bbox): PixelBox {
    const sx = this.image.grey.width / this.image.width;
    const sy = this.image.grey.height / this.image.height;
    const x0 = Math.max(0, Math.floor((b.x0 + this.offset.x) / sx));
    const y0 = Math.max(0, Math.floor((b.y0 + this.offset.y) / sy));
    const x1 = Math.min(this.image.width, Math.ceil((b.x1 + this.offset.x) / sx));
    const y1 = Math.min(this.image.height, Math.ceil((b.y1 + this.offset.y) / sy));
    return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
  }
}

function toLine(line: Line, map: BoxMapper): OcrLine | undefined {
  const words: OcrWord[] = line.words
    .map((w) => ({ text: w.text.trim(), confidence: clampConfidence(w.confidence), box: map.box(w.bbox) }))
    .filter((w) => w.text.length > 0);
  if (words.length === 0) return undefined;
  return { text: lineText(line.text), confidence: clampConfidence(line.confidence), box: map.box(line.bbox), words };
}

interface OcrSymbol {
  text: string;
  confidence: number;
}

interface Reading {
  line: OcrLine;
  symbols: OcrSymbol[];
}

interface FoundLine extends Reading {
  /** In recognition pixels. */
  bbox: Bbox;
}

function linesOf(page: Page, map: BoxMapper): FoundLine[] {
  const out: FoundLine[] = [];
  for (const block of page.blocks ?? [])
    for (const paragraph of block.paragraphs)
      for (const line of paragraph.lines) {
        const read = toLine(line, map);
        const symbols = line.words.flatMap((w) => w.symbols.map((s) => ({ text: s.text, confidence: s.confidence })));
        if (read) out.push({ line: read, bbox: line.bbox, symbols });
      }
  return out;
}

const unionBbox = (boxes: readonly Bbox[]): Bbox => ({
  x0: Math.min(...boxes.map((b) => b.x0)),
  y0: Math.min(...boxes.map((b) => b.y0)),
  x1: Math.max(...boxes.map((b) => b.x1)),
  y1: Math.max(...boxes.map((b) => b.y1)),
});

const meanConfidence = (symbols: readonly OcrSymbol[]): number => symbols.reduce((sum, s) => sum + s.confidence, 0) / symbols.length;

/** One line read on its own (a crop in single-line mode) as one reading, however tesseract split it. */
function readingOf(page: Page, map: BoxMapper): Reading | undefined {
  const found = linesOf(page, map);
  const words = found.flatMap((l) => l.line.words);
  if (words.length === 0) return undefined;
  const line: OcrLine = {
    text: lineText(found.map((l) => l.line.text).join(' ')),
    confidence: clampConfidence(Math.min(...found.map((l) => l.line.confidence))),
    box: map.box(unionBbox(found.map((l) => l.bbox))),
    words,
  };
  return { line, symbols: found.flatMap((l) => l.symbols) };
}

/** The symbols of each reading that the other lacks, after aligning the two on their longest common subsequence. */
export function differingSymbols(a: readonly OcrSymbol[], b: readonly OcrSymbol[]): [OcrSymbol[], OcrSymbol[]] {
  const width = b.length + 1;
  const common = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      common[i * width + j] =
        a[i]?.text === b[j]?.text
          ? (common[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(common[(i + 1) * width + j] ?? 0, common[i * width + j + 1] ?? 0);
  const onlyA: OcrSymbol[] = [];
  const onlyB: OcrSymbol[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && y && x.text === y.text) {
      i++;
      j++;
    } else if (x && (!y || (common[(i + 1) * width + j] ?? 0) >= (common[i * width + j + 1] ?? 0))) {
      onlyA.push(x);
      i++;
    } else if (y) {
      onlyB.push(y);
      j++;
    }
  }
  return [onlyA, onlyB];
}

/**
 * Offline OCR of Chinese (simplified and traditional), Korean and English with tesseract.js. One engine holds its
 * tesseract workers (each a worker thread running the WebAssembly core) and reuses them across images: starting one
 * costs about half a second. Recognitions run one at a time. Language models come from npm packages and are never
 * downloaded: tesseract.js fetches from a CDN whenever `langPath` is missing, and in Node that failure is uncaught.
 */
export class OcrEngine {
  private primary: Promise<LiveWorker> | null = null;
  private traditional: Promise<LiveWorker> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly langPath: string,
    private readonly pageSegMode: PSM,
    private readonly useTraditional: boolean,
  ) {}

  /** Prepares the language folder and starts the primary worker, so a failure to load shows here and not on the first image. */
  static async create(options: OcrEngineOptions): Promise<OcrEngine> {
    const useTraditional = options.traditionalChinese ?? true;
    const langs: OcrLanguage[] = useTraditional ? ['kor', 'chi_sim', 'chi_tra', 'eng'] : [...PRIMARY];
    const langPath = await prepareTessdata(options.dataDir, langs);
    const engine = new OcrEngine(langPath, options.pageSegMode ?? DEFAULT_PAGE_SEG_MODE, useTraditional);
    await engine.worker('primary');
    return engine;
  }

  get languages(): OcrLanguage[] {
    return this.useTraditional ? ['kor', 'chi_sim', 'chi_tra', 'eng'] : [...PRIMARY];
  }

  /** Recognises one image (see openImage: not SVG; a PSD by its composite); rejects with OcrTimeoutError past the time limit. */
  recognize(bytes: Uint8Array, options: RecognizeOptions = {}): Promise<OcrResult> {
    const run = this.queue.then(() => this.recognizeNow(bytes, options.timeoutMs ?? DEFAULT_OCR_TIMEOUT_MS));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the tesseract worker threads; the engine cannot be used afterwards. */
  async terminate(): Promise<void> {
    this.closed = true;
    await this.stopWorkers();
  }

  private async recognizeNow(bytes: Uint8Array, timeoutMs: number): Promise<OcrResult> {
    if (this.closed) throw new Error('OCR engine is terminated');
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OcrTimeoutError(timeoutMs)), timeoutMs);
    });
    try {
      return await Promise.race([this.read(bytes, started), timeout]);
    } catch (e) {
      // A timed-out or failed tesseract call cannot be cancelled and leaves its worker busy or broken: start afresh.
      await this.stopWorkers();
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  private async read(bytes: Uint8Array, started: number): Promise<OcrResult> {
    const image = await prepareForOcr(bytes);
    const pageSegMode = image.textBands === 1 ? PSM.SINGLE_LINE : this.pageSegMode;
    const page = await this.recognizeWith('primary', toPgm(image.grey), pageSegMode);
    const found = linesOf(page, new BoxMapper(image));
    const lines = found.map((l) => l.line);
    if (this.useTraditional) await this.chooseChineseScript(image, found, lines);
    const words = lines.flatMap((l) => l.words);
    return {
      engine: `tesseract.js@${packageVersion('tesseract.js')}, @tesseract.js-data@${packageVersion('@tesseract.js-data/kor')} best_int models`,
      languages: this.languages,
      pageSegMode: Number(pageSegMode),
      width: image.width,
      height: image.height,
      scale: Math.round(image.scale * 10_000) / 10_000,
      text: lines.map((l) => l.text).join('\n'),
      confidence: weightedConfidence(words),
      lines,
      durationMs: Math.round(performance.now() - started),
    };
  }

  /**
   * Reads every line holding Han characters again, as its own image with a margin, with both Chinese models (each
   * beside Korean and English), then decides the script once for the page from the characters where the two readings
   * differ (画/畫, 请/請): the model more confident on those, averaged per line and summed over the page, wins, and
   * each line keeps the other reading as its alternative. Decided line by line, the script was right on only about
   * three generated lines in four (symbol confidences sit at 92 to 99 either way); decided per page, every generated
   * page in one script was right. A page that mixes the two scripts gets the majority's.
   */
  private async chooseChineseScript(image: PreparedImage, found: readonly FoundLine[], lines: OcrLine[]): Promise<void> {
    const pairs: { at: number; simplified: Reading; traditional: Reading }[] = [];
    let evidence = 0;
    for (const [at, { line, bbox }] of found.entries()) {
      if (!HAN.test(line.text)) continue;
      const pad = Math.round((bbox.y1 - bbox.y0) * 0.3) + 4;
      const region = { x0: bbox.x0 - pad, y0: bbox.y0 - pad, x1: bbox.x1 + pad, y1: bbox.y1 + pad };
      const pgm = toPgm(cropGrey(image.grey, region));
      const map = new BoxMapper(image, { x: Math.max(0, Math.floor(region.x0)), y: Math.max(0, Math.floor(region.y0)) });
      const simplified = readingOf(await this.recognizeWith('primary', pgm, PSM.SINGLE_LINE), map);
      const traditional = readingOf(await this.recognizeWith('traditional', pgm, PSM.SINGLE_LINE), map);
      if (!simplified || !traditional) continue;
      const [simplifiedOnly, traditionalOnly] = differingSymbols(simplified.symbols, traditional.symbols);
      if (simplifiedOnly.length > 0 && traditionalOnly.length > 0)
        evidence += meanConfidence(traditionalOnly) - meanConfidence(simplifiedOnly);
      pairs.push({ at, simplified, traditional });
    }
    const useTraditional = evidence > 0;
    for (const { at, simplified, traditional } of pairs) {
      const [best, other] = useTraditional ? [traditional, simplified] : [simplified, traditional];
      lines[at] = {
        ...best.line,
        chineseModel: useTraditional ? 'chi_tra' : 'chi_sim',
        alternative: { text: other.line.text, confidence: other.line.confidence, model: useTraditional ? 'chi_sim' : 'chi_tra' },
      };
    }
  }

  private async recognizeWith(which: 'primary' | 'traditional', pgm: Uint8Array, psm: PSM): Promise<Page> {
    const { worker, died } = await this.worker(which);
    await worker.setParameters({ tessedit_pageseg_mode: psm, user_defined_dpi: '300' });
    const result = await Promise.race([worker.recognize(Buffer.from(pgm), {}, { text: false, blocks: true }), died]);
    return result.data;
  }

  private worker(which: 'primary' | 'traditional'): Promise<LiveWorker> {
    const existing = which === 'primary' ? this.primary : this.traditional;
    if (existing) return existing;
    const started = this.startWorker(which === 'primary' ? PRIMARY : TRADITIONAL);
    if (which === 'primary') this.primary = started;
    else this.traditional = started;
    return started;
  }

  private async startWorker(langs: readonly OcrLanguage[]): Promise<LiveWorker> {
    const worker = await createWorker([...langs], OEM.LSTM_ONLY, {
      langPath: this.langPath,
      // The default 'write' caches the unpacked models in the current working directory.
      cacheMethod: 'none',
      gzip: true,
      // Errors also reject the call's own promise; without a handler tesseract.js rethrows them from its message
      // listener, where nothing can catch them and the process dies.
      errorHandler: () => undefined,
    });
    const died = new Promise<never>((_, reject) => {
      if (!hasThread(worker)) return;
      worker.worker.once('error', (e) => reject(new Error(`tesseract worker crashed: ${e.message}`)));
      worker.worker.once('exit', (code) => reject(new Error(`tesseract worker exited (code ${code})`)));
    });
    died.catch(() => undefined);
    return { worker, died };
  }

  private async stopWorkers(): Promise<void> {
    const workers = [this.primary, this.traditional];
    this.primary = null;
    this.traditional = null;
    await Promise.all(
      workers.map(async (w) => {
        const live = await w?.catch(() => null);
        await live?.worker.terminate();
      }),
    );
  }
}
