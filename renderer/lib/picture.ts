import type { ArtifactPreview } from '../../shared/domain/preview';
import type { Region } from '../../shared/domain/review';
import type { Size } from './region';

/**
 * The coordinate frame regions of this picture are stored in: a PDF page's size in points, or an original image's
 * pixels (from the preview, else as the browser decoded it). Null for an embedded thumbnail: its pixels are not the
 * artifact's, so a region drawn on it could not be stored truthfully.
 */
export function regionFrame(preview: ArtifactPreview | null, decoded: Size | null): Size | null {
  if (!preview || preview.kind !== 'image') return null;
  if (preview.pdf) return { width: preview.pdf.pageWidth, height: preview.pdf.pageHeight };
  if (preview.origin !== 'original') return null;
  if (preview.width && preview.height) return { width: preview.width, height: preview.height };
  return decoded;
}

/** The page a picture shows (null for an image), to match regions against. */
export const pictureRegionPage = (preview: ArtifactPreview | null): number | null =>
  preview?.kind === 'image' && preview.pdf ? preview.pdf.page : null;

export const regionsOn = <R extends Region>(regions: readonly R[], page: number | null): R[] => regions.filter((r) => r.page === page);
