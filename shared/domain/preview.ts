import { z } from 'zod';

export const PreviewRequest = z.object({ dir: z.string().min(1), id: z.number().int() });
export type PreviewRequest = z.infer<typeof PreviewRequest>;

/** Raster types Chromium decodes itself. SVG is never among them: it is a document that can carry script. */
export const PreviewMime = z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);
export type PreviewMime = z.infer<typeof PreviewMime>;

/** Where the pixels come from: the artifact itself, a JPEG preview embedded in it, or page 1 of a PDF rendered by the backend. */
export const PreviewOrigin = z.enum(['original', 'embedded-thumbnail', 'rendered-page']);
export type PreviewOrigin = z.infer<typeof PreviewOrigin>;

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
  }),
  z.object({ kind: z.literal('none'), reason: z.string() }),
]);
export type ArtifactPreview = z.infer<typeof ArtifactPreview>;
