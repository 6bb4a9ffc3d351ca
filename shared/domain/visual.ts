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

/** One page of an artifact's stored OCR: page 0 is the image itself, page n ≥ 1 page n of a PDF drawn by the workbench. */
export const StoredOcrPage = z.object({
  page: z.number().int().nonnegative(),
  status: z.enum(['done', 'failed']),
  text: z.string(),
  languages: z.array(OcrLanguage),
  engine: z.string(),
  confidence: Confidence,
  /** Pixel size of the picture read; word boxes are in these pixels. */
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  lines: z.array(OcrLine),
  error: z.string().nullable(),
  durationMs: z.number().nonnegative(),
  createdAt: z.string(),
});
export type StoredOcrPage = z.infer<typeof StoredOcrPage>;

const dir = z.string().min(1);
const artifactId = z.number().int().positive();

export const StartOcr = z
  .object({
    dir,
    /** The artifacts to read; or `all`: every image and every PDF without a text layer. */
    ids: z.array(artifactId).max(100_000).optional(),
    all: z.boolean().optional(),
    /** Per-image time limit (default 60 s). */
    timeoutSeconds: z.number().int().min(1).max(3600).optional(),
  })
  .refine((v) => (v.ids !== undefined && v.ids.length > 0) !== (v.all === true), { message: 'give artifact ids or all, not both' });
export type StartOcr = z.infer<typeof StartOcr>;

export const VisualJobStatus = z.enum(['running', 'done', 'cancelled', 'failed']);
export type VisualJobStatus = z.infer<typeof VisualJobStatus>;

/** An OCR job: `skipped` artifacts had a result for their current bytes already (a resumed job skips them). */
export const OcrJob = z.object({
  id: z.number().int(),
  caseDir: z.string(),
  status: VisualJobStatus,
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  message: z.string().nullable(),
});
export type OcrJob = z.infer<typeof OcrJob>;

/** Pushed after every artifact of an OCR job; the ETA is the mean time per artifact so far times what is left. */
export const OcrProgress = OcrJob.extend({
  currentPath: z.string().nullable(),
  elapsedSeconds: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
});
export type OcrProgress = z.infer<typeof OcrProgress>;

/** An artifact near another by perceptual hash: `score` = 1 − distance / 64. */
export const SimilarArtifact = z.object({
  artifactId,
  path: z.string(),
  /** pHash Hamming distance (bits of 64). */
  distance: z.number().int().min(0).max(64),
  /** dHash distance, as corroboration. */
  dDistance: z.number().int().min(0).max(64),
  score: z.number().min(0).max(1),
  pixels: HashedPixels,
});
export type SimilarArtifact = z.infer<typeof SimilarArtifact>;

export const SimilarQuery = z.object({
  dir,
  artifactId,
  limit: z.number().int().min(1).max(1000).default(20),
  /** Farthest pHash distance listed (default 20: twice the clustering threshold, so near misses show too). */
  maxDistance: z.number().int().min(0).max(64).default(20),
});
export type SimilarQuery = z.input<typeof SimilarQuery>;

export const ClusterQuery = z.object({ dir, threshold: z.number().int().min(0).max(32).optional() });
export type ClusterQuery = z.input<typeof ClusterQuery>;

/** A group of near-duplicate pictures and the links (pHash distance) that joined them. */
export const VisualCluster = z.object({
  members: z.array(z.object({ artifactId, path: z.string() })),
  links: z.array(SimilarityLink),
});
export type VisualCluster = z.infer<typeof VisualCluster>;

/**
 * A small picture made by the backend: a base64 `data:` URL of a PNG or a JPEG only, so the renderer never receives a
 * scriptable image (an SVG) whatever was stored in the case.
 */
export const ThumbnailDataUrl = z.string().regex(/^data:image\/(?:png|jpeg);base64,[A-Za-z0-9+/]*={0,2}$/);

/** A known picture of a production (a character's model sheet): from the case (`artifactId`) or a file outside it. */
export const ReferenceImage = z.object({
  id: z.number().int(),
  productionId: z.string(),
  artifactId: z.number().int().nullable(),
  label: z.string(),
  sha256: z.string(),
  pHash: Hash64,
  dHash: Hash64,
  /** PNG data URL, at most 160 px, of a reference from outside the case (a case artifact has its own preview). */
  thumbnail: ThumbnailDataUrl.nullable(),
  addedAt: z.string(),
  /** Artifacts within the threshold of it (they are suggestions for the production). */
  matches: z.number().int(),
});
export type ReferenceImage = z.infer<typeof ReferenceImage>;

export const AddReference = z
  .object({
    dir,
    examiner: z.string().min(1).optional(),
    productionId: z.string().min(1),
    artifactId: artifactId.optional(),
    /** An image file outside the case, read read-only. */
    path: z.string().min(1).optional(),
    label: z.string().trim().min(1).max(200).optional(),
  })
  .refine((v) => (v.artifactId === undefined) !== (v.path === undefined), { message: 'give an artifact id or a file path, not both' });
export type AddReference = z.infer<typeof AddReference>;

export const RemoveReference = z.object({ dir, examiner: z.string().min(1).optional(), id: z.number().int() });
export const ListReferences = z.object({ dir, productionId: z.string().optional() });

/** Asks for the picture of a reference image, also of one taken off its production (a decided suggestion shows it). */
export const ReferenceThumbnailRequest = z.object({ dir, id: z.number().int() });
export type ReferenceThumbnailRequest = z.infer<typeof ReferenceThumbnailRequest>;

/** At most 160 px; `dataUrl` is null with the reason when no picture could be made (the artifact's bytes changed). */
export const ReferenceThumbnail = z.object({
  referenceId: z.number().int(),
  dataUrl: ThumbnailDataUrl.nullable(),
  reason: z.string().nullable(),
});
export type ReferenceThumbnail = z.infer<typeof ReferenceThumbnail>;
