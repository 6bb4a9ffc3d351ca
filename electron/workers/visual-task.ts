import type { HashedPixels, ImageHashes, OcrResult, VideoKeyFrames } from '../../shared/domain/visual';
import { extractKeyFrames, type KeyFrameOptions } from '../formats/visual/key-frames';
import { OcrEngine } from '../formats/visual/ocr';
import { hashImage } from '../formats/visual/perceptual-hash';
import { renderPdfPage } from '../formats/visual/pdf-page';

/**
 * Visual-evidence work for a worker thread: OCR, perceptual hashes of images and PDF pages, and video key frames.
 * Messages are structured-clone safe (bytes as Uint8Array, results as the JSON types of shared/domain/visual.ts).
 */
export type VisualTask =
  /** `dataDir`: app-data folder for the linked language models (the engine is created once per worker and folder). */
  | { type: 'ocr'; bytes: Uint8Array; dataDir: string; timeoutMs: number }
  | { type: 'hash-image'; bytes: Uint8Array }
  | { type: 'hash-pdf'; bytes: Uint8Array }
  /** `path`: the video on disk, opened read-only by ffmpeg. */
  | { type: 'key-frames'; path: string; options: KeyFrameOptions };

export type VisualResult =
  | { type: 'ocr'; result: OcrResult }
  | { type: 'hashes'; pixels: HashedPixels; hashes: ImageHashes }
  /** A PDF whose page 1 could not be drawn: why, instead of hashes. */
  | { type: 'no-hashes'; reason: string }
  | { type: 'key-frames'; video: VideoKeyFrames; frames: { png: Uint8Array; hashes: ImageHashes }[] };

/** Page 1 is drawn at this size for hashing only; the hashes read a 32×32 reduction of it. */
const PDF_HASH_SIZE = 512;

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
    case 'hash-image':
      return { type: 'hashes', pixels: 'image', hashes: await hashImage(task.bytes) };
    case 'hash-pdf': {
      const page = await renderPdfPage(task.bytes, 1, { maxWidth: PDF_HASH_SIZE, maxHeight: PDF_HASH_SIZE });
      if (!('png' in page)) return { type: 'no-hashes', reason: 'reason' in page ? page.reason : 'the PDF has no pages' };
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

/** Stops the OCR workers this thread started (tesseract.js runs each in a thread of its own). */
export async function closeVisualTasks(): Promise<void> {
  const open = [...engines.values()];
  engines.clear();
  await Promise.all(open.map(async (e) => (await e.catch(() => null))?.terminate()));
}
