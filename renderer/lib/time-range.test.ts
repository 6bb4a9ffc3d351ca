import { describe, expect, it } from 'vitest';
import { normalizeBound, timelineBounds } from './time-range';

describe('normalizeBound', () => {
  it('accepts a date, a minute or a second, with a space or a T, and rejects anything else', () => {
    expect(normalizeBound(' 2024-03-15 ')).toBe('2024-03-15');
    expect(normalizeBound('2024-03-15 05:22')).toBe('2024-03-15T05:22');
    expect(normalizeBound('2024-03-15T05:22:05Z')).toBe('2024-03-15T05:22:05');
    expect(normalizeBound('')).toBe('');
    expect(normalizeBound('15/03/2024')).toBeNull();
    expect(normalizeBound('2024-03-15 5:22')).toBeNull();
  });
});

describe('timelineBounds', () => {
  it('leaves out empty bounds', () => {
    expect(timelineBounds({ from: '', to: '' })).toEqual({});
  });

  it('keeps the lower bound as a prefix and closes the upper bound at the end of its day, minute or second', () => {
    expect(timelineBounds({ from: '2024-03-15T05:22', to: '2024-03-15T05:22' })).toEqual({
      from: '2024-03-15T05:22',
      to: '2024-03-15T05:22:59Z',
    });
    expect(timelineBounds({ from: '', to: '2024-03-15T05:22:05' }).to).toBe('2024-03-15T05:22:05Z');
    expect(timelineBounds({ from: '', to: '2024-03-15' }).to).toBe('2024-03-15T23:59:59Z');
  });

  it('orders the upper bound after every value of its last minute, with or without fraction or offset', () => {
    const to = timelineBounds({ from: '', to: '2024-03-15T05:22' }).to ?? '';
    for (const v of ['2024-03-15T05:22:59.999999999Z', '2024-03-15T05:22:59Z', '2024-03-15T05:22:59', '2024-03-15T05:22:00.000Z'])
      expect(v <= to, v).toBe(true);
    expect('2024-03-15T05:23:00.000Z' <= to).toBe(false);
  });
});
