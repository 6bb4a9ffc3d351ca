import type { Production } from '../../shared/domain/analysis';
import type { Extraction } from '../../shared/domain/extraction';
import type { HashedPixels, ImageHashes, OcrResult, VideoKeyFrames } from '../../shared/domain/visual';
import type { AnalysisRecord } from '../analysis/artifact-analysis';
import type { SearchDoc } from '../model/inventory';
import { extractKeyFrames, type KeyFrameOptions } from '../formats/visual/key-frames';
import { OcrEngine } from '../formats/visual/ocr';
import { hashImage } from '../formats/visual/perceptual-hash';
import { renderPdfFirstPage } from '../formats/visual/pdf-page';

/**
 * Visual-evidence work for a worker thread: OCR, perceptual hashes of images and PDF pages, and video key frames.
 * Messages are structured-clone safe (bytes as Uint8Array, results as the JSON types of shared/domain/visual.ts).
 */
export type VisualTask =
  /** `dataDir`: app-data folder for the linked language models (the engine is created once per worker and folder). */
  | { type: 'ocr'; bytes: Uint8Array; dataDir: string; timeoutMs: number }
  /**
   * OCR of one artifact (an image, or page 1 of a PDF drawn at 300 dpi), then the artifact's analysis again with the
   * text read, against the case's watchlist, and the text's search field: the main thread only writes rows.
   */
  | { type: 'ocr-artifact'; bytes: Uint8Array; pdf: boolean; dataDir: string; timeoutMs: number; analyse: OcrAnalysisInput }
  | { type: 'hash-image'; bytes: Uint8Array }
  | { type: 'hash-pdf'; bytes: Uint8Array }
  /** `path`: the video on disk, opened read-only by ffmpeg. */
  | { type: 'key-frames'; path: string; options: KeyFrameOptions };

export interface OcrAnalysisInput {
  path: string;
  extraction: Extraction | null;
  productions: Production[];
}

export type VisualResult =
  | { type: 'ocr'; result: OcrResult }
  /** `page` 0 is the image itself, 1 the first page of a PDF. */
  | { type: 'ocr-artifact'; page: number; result: OcrResult; doc: SearchDoc | null; analysis: AnalysisRecord }
  | { type: 'hashes'; pixels: HashedPixels; hashes: ImageHashes }
  /** A PDF whose page 1 could not be drawn: why, instead of hashes. */
  | { type: 'no-hashes'; reason: string }
  | { type: 'key-frames'; video: VideoKeyFrames; frames: { png: Uint8Array; hashes: ImageHashes }[] };

/** Page 1 is drawn at this size for hashing only; the hashes read a 32×32 reduction of it. */
const PDF_HASH_SIZE = 512;
/** A4 at 300 dpi, the resolution tesseract's models are trained for; smaller pages are drawn to fit it. */
const PDF_OCR_SIZE = { maxWidth: 2480, maxHeight: 3508 };

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
    case 'ocr-artifact':
      return ocrArtifact(task);
    case 'hash-image':
      return { type: 'hashes', pixels: 'image', hashes: await hashImage(task.bytes) };
    case 'hash-pdf': {
      const page = await renderPdfFirstPage(task.bytes, { maxWidth: PDF_HASH_SIZE, maxHeight: PDF_HASH_SIZE });
      if ('reason' in page) return { type: 'no-hashes', reason: page.reason };
      return { type: 'hashes', pixels: 'pdf-page-1', hashes: await hashImage(page.png) };
    }
    case 'key-frames': {
      const { video, frames } = await extractKeyFrames(task.path, task.options);
      const hashed = [];
      for (const frame of frames) hashed.push({ png: frame.png, hashes: await hashImage(frame.png) });
      return { type: 'key-frames', video, frames: hashed };
    }
  }
}

async function ocrArtifact(task: Extract<VisualTask, { type: 'ocr-artifact' }>): Promise<VisualResult> {
  let picture: Uint8Array = task.bytes;
  if (task.pdf) {
    const page = await renderPdfFirstPage(task.bytes, PDF_OCR_SIZE);
    if ('reason' in page) throw new Error(page.reason);
    picture = page.png;
  }
  const result = await (await ocrEngine(task.dataDir)).recognize(picture, { timeoutMs: task.timeoutMs });
  // Loaded on first use, as in extract-task.ts: hashing-only workers never load the language data.
  const [{ analysisRecord }, { searchDoc }] = await Promise.all([
    import('../analysis/artifact-analysis'),
    import('../analysis/search-docs'),
  ]);
  const text = result.text.trim();
  const { path, extraction, productions } = task.analyse;
  return {
    type: 'ocr-artifact',
    page: task.pdf ? 1 : 0,
    result,
    doc: text ? searchDoc('ocr', text) : null,
    analysis: analysisRecord(path, extraction, productions, text || undefined),
  };
}

/** Stops the OCR workers this thread started (tesseract.js runs each in a thread of its own). */
export async function closeVisualTasks(): Promise<void> {
  const open = [...engines.values()];
  engines.clear();
  await Promise.all(open.map(async (e) => (await e.catch(() => null))?.terminate()));
}
