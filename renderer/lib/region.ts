import type { Region } from '../../shared/domain/review';

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

const clamp = (v: number, max: number): number => Math.min(max, Math.max(0, v));
const round = (v: number): number => Math.round(v * 100) / 100;

/**
 * The rectangle between two corners dragged in any direction, in the artifact's own coordinates (image pixels or
 * PDF points), clipped to the picture; null when it is too small to mean anything (a click, not a drag).
 */
export function regionBetween(a: Point, b: Point, bounds: Size, page: number | null, minSize = 2): Region | null {
  const x0 = clamp(Math.min(a.x, b.x), bounds.width);
  const y0 = clamp(Math.min(a.y, b.y), bounds.height);
  const x1 = clamp(Math.max(a.x, b.x), bounds.width);
  const y1 = clamp(Math.max(a.y, b.y), bounds.height);
  if (x1 - x0 < minSize || y1 - y0 < minSize) return null;
  return { page, x: round(x0), y: round(y0), width: round(x1 - x0), height: round(y1 - y0) };
}

/** A point on the picture as drawn (CSS pixels from its top-left corner) in the artifact's coordinates. */
export function toArtifactPoint(p: Point, drawn: Size, artifact: Size): Point {
  return { x: (p.x / drawn.width) * artifact.width, y: (p.y / drawn.height) * artifact.height };
}

/** Where a region sits on the picture, as percentages of its size: right at any zoom. */
export function regionBox(r: Region, artifact: Size): { left: string; top: string; width: string; height: string } {
  const pct = (v: number, of: number): string => `${(v / of) * 100}%`;
  return {
    left: pct(r.x, artifact.width),
    top: pct(r.y, artifact.height),
    width: pct(r.width, artifact.width),
    height: pct(r.height, artifact.height),
  };
}
