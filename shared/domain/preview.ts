import { z } from 'zod';

/** Widest picture of a PDF page the backend renders: the full-size viewer asks for more than the detail pane's 800. */
export const PAGE_RENDER_MAX_WIDTH = 2400;

export const PreviewRequest = z.object({
  dir: z.string().min(1),
  id: z.number().int(),
  /** PDF page to render (1-based); beyond the last page is `not_found`. Ignored for images. */
  page: z.number().int().positive().default(1),
  /** Width in pixels a PDF page is rendered at (at most, keeping the page within 3× that height). Ignored for images. */
  width: z.number().int().min(200).max(PAGE_RENDER_MAX_WIDTH).default(800),
});
export type PreviewRequest = z.input<typeof PreviewRequest>;

/** Raster types Chromium decodes itself. SVG is never among them: it is a document that can carry script. */
export const PreviewMime = z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);
export type PreviewMime = z.infer<typeof PreviewMime>;

/** Where the pixels come from: the artifact itself, a JPEG preview embedded in it, or a page of a PDF rendered by the backend. */
export const PreviewOrigin = z.enum(['original', 'embedded-thumbnail', 'rendered-page']);
export type PreviewOrigin = z.infer<typeof PreviewOrigin>;

/** A run of text on a rendered PDF page, in PDF points of that page (origin top-left), for a selectable text layer. */
export const PageTextItem = z.object({ text: z.string(), x: z.number(), y: z.number(), width: z.number(), height: z.number() });
export type PageTextItem = z.infer<typeof PageTextItem>;

/**
 * A rendered PDF page: which one, how many there are, and its size in PDF points, so regions drawn on the picture
 * are stored in the page's own coordinates (see `Region`) whatever size it was drawn at.
 */
export const PageInfo = z.object({
  page: z.number().int().positive(),
  pageCount: z.number().int().positive(),
  pageWidth: z.number().positive(),
  pageHeight: z.number().positive(),
  /** Capped at a few thousand runs; absent when the page has no text layer (a scan). */
  textItems: z.array(PageTextItem).optional(),
});
export type PageInfo = z.infer<typeof PageInfo>;

/**
 * The detail pane's picture of an artifact, from bytes that matched the SHA-256 recorded at ingest. `dataUrl` is a
 * base64 `data:` URL of one of the PreviewMime types only, so the renderer never receives a scriptable image.
 */
export const ArtifactPreview = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('image'),
    mime: PreviewMime,
    dataUrl: z.string().regex(/^data:image\/(?:jpeg|png|gif|webp|avif|bmp);base64,/),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
    origin: PreviewOrigin,
    note: z.string().optional(),
    /** Set for `rendered-page`. */
    pdf: PageInfo.optional(),
  }),
  z.object({ kind: z.literal('none'), reason: z.string() }),
]);
export type ArtifactPreview = z.infer<typeof ArtifactPreview>;
