import { describe, expect, it } from 'vitest';
import { formatByteRate, formatBytes } from './bytes';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [1024 * 1024 - 1, '1.0 MiB'],
    [5 * 1024 ** 3, '5.0 GiB'],
    [123.4 * 1024 ** 2, '123 MiB'],
    [-2048, '-2.0 KiB'],
  ])('%d → %s', (n, text) => expect(formatBytes(n)).toBe(text));

  it('shows a dash for unknown sizes', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('formatByteRate', () => {
  it('formats a throughput in binary units', () => {
    expect(formatByteRate(10.4 * 1024 * 1024)).toBe('10.4 MiB/s');
    expect(formatByteRate(512.4)).toBe('512 B/s');
    expect(formatByteRate(undefined)).toBe('—');
  });
});
