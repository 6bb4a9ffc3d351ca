import { describe, expect, it } from 'vitest';
import { isoFromNs } from './file-times';

describe('isoFromNs', () => {
  it('keeps all nine fractional digits, in UTC', () => {
    expect(isoFromNs(1710480125123456789n)).toBe('2024-03-15T05:22:05.123456789Z');
    expect(isoFromNs(0n)).toBe('1970-01-01T00:00:00.000000000Z');
    expect(isoFromNs(-1n)).toBe('1969-12-31T23:59:59.999999999Z');
  });
});
