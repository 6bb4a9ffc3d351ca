import { z } from 'zod';

/**
 * Results of the visual-evidence computations (OCR, perceptual hashes, video key frames). Plain JSON values only, so
 * the same objects cross Electron IPC, HTTP and worker messages; binary data (frame PNGs) travels beside them.
 */

/** A rectangle in the pixels of the image as displayed (EXIF orientation applied), origin top left. */
export const PixelBox = z.object({
  x: z.number().int().nonnegative(),
  y: z.number().int().nonnegative(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
});
export type PixelBox = z.infer<typeof PixelBox>;

/** Tesseract language codes the workbench ships data for (npm `@tesseract.js-data/*`, LSTM `best_int` models). */
export const OcrLanguage = z.enum(['kor', 'chi_sim', 'chi_tra', 'eng']);
export type OcrLanguage = z.infer<typeof OcrLanguage>;

/** Tesseract's 0–100 confidence. */
const Confidence = z.number().min(0).max(100);

export const OcrWord = z.object({ text: z.string(), confidence: Confidence, box: PixelBox });
export type OcrWord = z.infer<typeof OcrWord>;

/**
 * One text line. A line holding Chinese characters is read by a simplified and a traditional Chinese model; the page's
 * script is decided from all such lines together and each line keeps that model's reading (`chineseModel`) with the
 * other one in `alternative`, because which script a note is written in is evidence in itself and either model alone
 * silently turns the other script into its own.
 */
export const OcrLine = z.object({
  text: z.string(),
  confidence: Confidence,
  box: PixelBox,
  words: z.array(OcrWord),
  chineseModel: z.enum(['chi_sim', 'chi_tra']).optional(),
  alternative: z.object({ text: z.string(), confidence: Confidence, model: z.enum(['chi_sim', 'chi_tra']) }).optional(),
});
export type OcrLine = z.infer<typeof OcrLine>;

export const OcrResult = z.object({
  /** `tesseract.js@<version>` plus the language data used, for the record of how the text was obtained. */
  engine: z.string(),
  languages: z.array(OcrLanguage),
  /** Tesseract page segmentation mode (PSM) number. */
  pageSegMode: z.number().int(),
  /** Size of the image as displayed; boxes are in these pixels. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Factor applied to the image before recognition (recognised pixels = original pixels × scale); boxes are mapped back. */
  scale: z.number().positive(),
  text: z.string(),
  /** Mean word confidence, weighted by word length; 0 when nothing was read. */
  confidence: Confidence,
  lines: z.array(OcrLine),
  durationMs: z.number().nonnegative(),
});
export type OcrResult = z.infer<typeof OcrResult>;

/** A 64-bit perceptual hash as 16 lower-case hex digits. */
export const Hash64 = z.string().regex(/^[0-9a-f]{16}$/);
export type Hash64 = z.infer<typeof Hash64>;

export const ImageHashes = z.object({
  dHash: Hash64,
  pHash: Hash64,
  /** Pixel size of what was hashed (as displayed: EXIF orientation applied). */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /**
   * Almost no contrast (a blank page, a solid fill): its hashes are close to every other flat image's, so it must not
   * take part in similarity clustering.
   */
  flat: z.boolean(),
});
export type ImageHashes = z.infer<typeof ImageHashes>;

/** Which pixels were hashed: the image itself, page 1 of a PDF rendered by the workbench, or a video key frame. */
export const HashedPixels = z.enum(['image', 'pdf-page-1', 'video-frame']);
export type HashedPixels = z.infer<typeof HashedPixels>;

/** Two members of a similarity cluster and the Hamming distance between their hashes: why they were joined. */
export const SimilarityLink = z.object({ a: z.number().int(), b: z.number().int(), distance: z.number().int().min(0).max(64) });
export type SimilarityLink = z.infer<typeof SimilarityLink>;

/** Items whose hashes are linked by a chain of pairs within the threshold; `links` is one such chain (a spanning tree). */
export const SimilarityCluster = z.object({ members: z.array(z.number().int()), links: z.array(SimilarityLink) });
export type SimilarityCluster = z.infer<typeof SimilarityCluster>;

export const KeyFrameReason = z.enum(['first', 'middle', 'scene']);
export type KeyFrameReason = z.infer<typeof KeyFrameReason>;

export const KeyFrameInfo = z.object({
  /** Presentation time in seconds from the start of the stream. */
  time: z.number().nonnegative(),
  reason: KeyFrameReason,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type KeyFrameInfo = z.infer<typeof KeyFrameInfo>;

export const VideoKeyFrames = z.object({
  /** `ffmpeg <version>` as reported by the binary. */
  decoder: z.string(),
  /** Container and video codec as ffmpeg names them (`mov,mp4,m4a,3gp,3g2,mj2`, `h264`). */
  container: z.string().optional(),
  codec: z.string().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  durationSeconds: z.number().nonnegative().optional(),
  frames: z.array(KeyFrameInfo),
  /**
   * Scene changes were looked for in every frame (`all`) or, for long videos, only among the coded key frames
   * (`keyframes`), which is much cheaper and still finds cuts that start a GOP.
   */
  sceneSearch: z.enum(['all', 'keyframes']),
  /** Set when the frame cap or the time limit stopped the scene search before the end of the video. */
  truncated: z.string().optional(),
});
export type VideoKeyFrames = z.infer<typeof VideoKeyFrames>;
