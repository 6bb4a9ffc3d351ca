import type { Production } from '../../shared/domain/analysis';
import type { Extraction } from '../../shared/domain/extraction';
import type { HashedPixels, ImageHashes, OcrResult, VideoKeyFrames } from '../../shared/domain/visual';
import type { AnalysisRecord } from '../analysis/artifact-analysis';
import type { SearchDoc } from '../model/inventory';
import { extractKeyFrames, type KeyFrameOptions } from '../formats/visual/key-frames';
import { OcrEngine } from '../formats/visual/ocr';
import { hashImage } from '../formats/visual/perceptual-hash';
import { renderPdfPage, type PageRenderOptions, type RenderedPage } from '../formats/visual/pdf-page';

/**
 * Visual-evidence work for a worker thread: OCR, perceptual hashes of images and PDF pages, video key frames, and
 * PDF pages drawn for the preview.
 * Messages are structured-clone safe (bytes as Uint8Array, results as the JSON types of shared/domain/visual.ts).
 */
export type VisualTask =
  /** `dataDir`: app-data folder for the linked language models (the engine is created once per worker and folder). */
  | { type: 'ocr'; bytes: Uint8Array; dataDir: string; timeoutMs: number }
  /**
   * OCR of one picture of an artifact: the image itself (`pdfPage` null) or one page of a PDF drawn at 300 dpi. One
   * task per page, so the time limit is per page and a cancel stops between pages.
   */
  | { type: 'ocr-page'; bytes: Uint8Array; pdfPage: number | null; dataDir: string; timeoutMs: number }
  /** The artifact's analysis again with the text OCR read, and that text's search field: the main thread only writes rows. */
  | { type: 'analyse-ocr'; text: string; analyse: OcrAnalysisInput }
  | { type: 'hash-image'; bytes: Uint8Array }
  | { type: 'hash-pdf'; bytes: Uint8Array }
  /** `path`: the video on disk, opened read-only by ffmpeg. */
  | { type: 'key-frames'; path: string; options: KeyFrameOptions }
  /** One page of a PDF drawn for the preview and the viewer, off the host's main thread. */
  | { type: 'render-page'; bytes: Uint8Array; page: number; options: PageRenderOptions };

/** A rendered page as it arrives from the worker: structured cloning turns the PNG's Buffer into a Uint8Array. */
export type RenderedPageMessage =
  Exclude<RenderedPage, { png: Buffer }> | (Omit<Extract<RenderedPage, { png: Buffer }>, 'png'> & { png: Uint8Array });

export interface OcrAnalysisInput {
  path: string;
  extraction: Extraction | null;
  productions: Production[];
}

export type VisualResult =
  | { type: 'ocr'; result: OcrResult }
  | { type: 'ocr-page'; result: OcrResult }
  /** The PDF has fewer pages than the one asked for. */
  | { type: 'no-page'; pageCount: number }
  | { type: 'ocr-analysis'; doc: SearchDoc | null; analysis: AnalysisRecord }
  | { type: 'hashes'; pixels: HashedPixels; hashes: ImageHashes }
  /** A PDF whose page 1 could not be drawn: why, instead of hashes. */
  | { type: 'no-hashes'; reason: string }
  | { type: 'key-frames'; video: VideoKeyFrames; frames: { png: Uint8Array; hashes: ImageHashes }[] }
  | { type: 'rendered-page'; page: RenderedPageMessage };

/** Page 1 is drawn at this size for hashing only; the hashes read a 32×32 reduction of it. */
const PDF_HASH_SIZE = 512;
/**
 * 300 dpi, the resolution tesseract's models are trained for, and at most A4 at 300 dpi in pixels: a larger page is
 * drawn smaller (OCR time grows with the pixels), a smaller one at 300 dpi.
 */
const PDF_OCR_SIZE = { maxWidth: 2480, maxHeight: 3508, maxScale: 300 / 72 };

const engines = new Map<string, Promise<OcrEngine>>();

function ocrEngine(dataDir: string): Promise<OcrEngine> {
  let engine = engines.get(dataDir);
  if (!engine) {
    engine = OcrEngine.create({ dataDir });
    engines.set(dataDir, engine);
    engine.catch(() => engines.delete(dataDir));
  }
  return engine;
}

export async function runVisualTask(task: VisualTask): Promise<VisualResult> {
  switch (task.type) {
    case 'ocr':
      return { type: 'ocr', result: await (await ocrEngine(task.dataDir)).recognize(task.bytes, { timeoutMs: task.timeoutMs }) };
    case 'ocr-page':
      return ocrPage(task);
    case 'analyse-ocr':
      return analyseOcr(task.text, task.analyse);
    case 'hash-image':
      return { type: 'hashes', pixels: 'image', hashes: await hashImage(task.bytes) };
    case 'hash-pdf': {
      const page = await renderPdfPage(task.bytes, 1, { maxWidth: PDF_HASH_SIZE, maxHeight: PDF_HASH_SIZE });
      if (!('png' in page)) return { type: 'no-hashes', reason: 'reason' in page ? page.reason : 'the PDF has no pages' };
      return { type: 'hashes', pixels: 'pdf-page-1', hashes: await hashImage(page.png) };
    }
    case 'render-page':
      return { type: 'rendered-page', page: await renderPdfPage(task.bytes, task.page, task.options) };
    case 'key-frames': {
      const { video, frames } = await extractKeyFrames(task.path, task.options);
      const hashed = [];
      for (const frame of frames) hashed.push({ png: frame.png, hashes: await hashImage(frame.png) });
      return { type: 'key-frames', video, frames: hashed };
    }
  }
}

async function ocrPage(task: Extract<VisualTask, { type: 'ocr-page' }>): Promise<VisualResult> {
  let picture: Uint8Array = task.bytes;
  if (task.pdfPage !== null) {
    const page = await renderPdfPage(task.bytes, task.pdfPage, PDF_OCR_SIZE);
    if ('pageCount' in page) return { type: 'no-page', pageCount: page.pageCount };
    if ('reason' in page) throw new Error(page.reason);
    picture = page.png;
  }
  return { type: 'ocr-page', result: await (await ocrEngine(task.dataDir)).recognize(picture, { timeoutMs: task.timeoutMs }) };
}

async function analyseOcr(raw: string, input: OcrAnalysisInput): Promise<VisualResult> {
  // Loaded on first use, as in extract-task.ts: hashing-only workers never load the language data.
  const [{ analysisRecord }, { searchDoc }] = await Promise.all([
    import('../analysis/artifact-analysis'),
    import('../analysis/search-docs'),
  ]);
  const text = raw.trim();
  return {
    type: 'ocr-analysis',
    doc: text ? searchDoc('ocr', text) : null,
    analysis: analysisRecord(input.path, input.extraction, input.productions, text || undefined),
  };
}

/** Stops the OCR workers this thread started (tesseract.js runs each in a thread of its own). */
export async function closeVisualTasks(): Promise<void> {
  const open = [...engines.values()];
  engines.clear();
  await Promise.all(open.map(async (e) => (await e.catch(() => null))?.terminate()));
}
