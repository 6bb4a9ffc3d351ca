import { describe, expect, it } from 'vitest';
import { convertTimeSpan } from './time-span';

describe('convertTimeSpan', () => {
  it('writes seconds as ExifTool does', () => {
    expect([0, 45, 60, 266, 7500, 200_000].map((s) => convertTimeSpan(s))).toEqual([
      '0',
      '45 seconds',
      '1.0 minutes',
      '4.4 minutes',
      '2.1 hours',
      '2.3 days',
    ]);
  });

  it('writes whole minutes for values counted in minutes', () => {
    expect([1, 59, 125].map((m) => convertTimeSpan(m, 60))).toEqual(['1 minute', '59 minutes', '2.1 hours']);
  });
});
