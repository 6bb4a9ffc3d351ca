import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINARY_SET, longSet, measureEncodingAccuracy, shortSet, UTF16_SET } from '../../test-support/encoding-accuracy';
import { corpusDir } from '../../test-support/paths';

/**
 * Right answers per set when the encoding modules were split (electron/bench/encoding-accuracy.ts), raised where the
 * Central European and Vietnamese letters began to count as common (whole files 83 → 86, ~32 B 126 → 133, ~128 B
 * 205 → 215, ~512 B 220 → 225; no set lost an answer). The tuned
 * thresholds' comments name the corpus files and excerpts that change first when a threshold moves; this fails when
 * such a move loses one of them.
 */
const FLOORS: Record<string, number> = {
  'whole files': 86,
  [longSet(32)]: 133,
  [longSet(128)]: 215,
  [longSet(512)]: 225,
  [shortSet(12)]: 35,
  [shortSet(24)]: 79,
  [shortSet(48)]: 108,
  [UTF16_SET]: 154,
  [BINARY_SET]: 174,
};

describe.skipIf(!existsSync(path.join(corpusDir, 'MANIFEST.tsv')))('corpus: encoding detection accuracy', () => {
  it('keeps at least as many right answers in every set as when its thresholds were measured', () => {
    const scores = measureEncodingAccuracy();
    expect(scores.map((s) => s.set).sort()).toEqual(Object.keys(FLOORS).sort());
    for (const { set, right, misses } of scores)
      expect(right, `${set}; misses:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(FLOORS[set] ?? 0);
  });
});
