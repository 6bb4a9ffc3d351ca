import { describe, expect, it } from 'vitest';
import { youngGenerationMb } from './worker-pool';

describe('ingest worker young generations', () => {
  it('share one budget: full size for one or two workers, halved at four, never under 16 MB', () => {
    expect([1, 2, 3, 4, 8, 16].map(youngGenerationMb)).toEqual([64, 64, 42, 32, 16, 16]);
  });
});
