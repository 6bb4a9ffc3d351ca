import { describe, expect, it } from 'vitest';
import { regionBetween, regionBox, toArtifactPoint } from './region';

describe('regions in artifact coordinates', () => {
  const page = { width: 595, height: 842 };

  it('turns a drag in any direction into a rectangle clipped to the picture', () => {
    expect(regionBetween({ x: 300, y: 200 }, { x: 100, y: 50 }, page, 2)).toEqual({ page: 2, x: 100, y: 50, width: 200, height: 150 });
    expect(regionBetween({ x: -20, y: 800 }, { x: 40, y: 900 }, page, 1)).toEqual({ page: 1, x: 0, y: 800, width: 40, height: 42 });
    expect(regionBetween({ x: 10, y: 10 }, { x: 11, y: 30 }, page, 1)).toBeNull();
  });

  it('maps a point on the drawn picture to the artifact, whatever the zoom', () => {
    expect(toArtifactPoint({ x: 400, y: 283 }, { width: 800, height: 1132 }, page)).toEqual({ x: 297.5, y: 210.5 });
    expect(toArtifactPoint({ x: 1200, y: 849 }, { width: 2400, height: 3396 }, page)).toEqual({ x: 297.5, y: 210.5 });
  });

  it('places a region by percentages of the picture', () => {
    expect(regionBox({ page: null, x: 16, y: 12, width: 32, height: 24 }, { width: 64, height: 48 })).toEqual({
      left: '25%',
      top: '25%',
      width: '50%',
      height: '50%',
    });
  });
});
