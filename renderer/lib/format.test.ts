import { describe, expect, it } from 'vitest';
import {
  sourceName,
  formatBytesExact,
  formatCount,
  formatDateTime,
  formatDateTimeFull,
  formatDuration,
  formatEta,
  formatMode,
  formatPercent,
  formatRelative,
  parseIso,
  shortenHash,
  shortMime,
} from './format';

describe('formatBytesExact and formatCount', () => {
  it('gives exact bytes for detail views', () => {
    expect(formatBytesExact(1)).toBe('1 byte');
    expect(formatBytesExact(512)).toBe('512 bytes');
    expect(formatBytesExact(1_234_567)).toBe('1,234,567 bytes (1.2 MiB)');
  });

  it('groups counts', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});

describe('dates keep the precision and zone they were recorded with', () => {
  it('parses ISO strings without Date', () => {
    expect(parseIso('2024-03-15T05:22:05.123456789Z')).toEqual({ date: '2024-03-15', time: '05:22:05', fraction: '123456789', zone: 'Z' });
    expect(parseIso('2024-03-15T14:22:05+09:00')?.zone).toBe('+09:00');
    expect(parseIso('2024-03-15T14:22:05')?.zone).toBe('');
    expect(parseIso('not a date')).toBeNull();
  });

  it('shows seconds in tables and every digit in detail', () => {
    expect(formatDateTime('2024-03-15T05:22:05.123456789Z')).toBe('2024-03-15 05:22:05 UTC');
    expect(formatDateTimeFull('2024-03-15T05:22:05.123456789Z')).toBe('2024-03-15 05:22:05.123456789 UTC');
    expect(formatDateTimeFull('2024-03-15T14:22:05.5+09:00')).toBe('2024-03-15 14:22:05.5 +09:00');
  });

  it('never re-zones a time without an offset, and says so', () => {
    expect(formatDateTime('2024-03-15T14:22:05')).toBe('2024-03-15 14:22:05');
    expect(formatDateTimeFull('2024-03-15T14:22:05')).toBe('2024-03-15 14:22:05 (no offset)');
  });

  it('passes unknown shapes through and dashes missing values', () => {
    expect(formatDateTime('15/Mar/2024')).toBe('15/Mar/2024');
    expect(formatDateTimeFull(null)).toBe('—');
  });

  it('describes how long ago', () => {
    const now = new Date('2024-03-15T12:00:00Z');
    expect(formatRelative('2024-03-15T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2024-03-15T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative('2024-03-15T09:00:00Z', now)).toBe('3 h ago');
    expect(formatRelative('2024-03-12T12:00:00Z', now)).toBe('3 days ago');
    expect(formatRelative('2023-01-01T00:00:00Z', now)).toBe('2023-01-01 00:00:00 UTC');
  });
});

describe('durations and progress', () => {
  it.each([
    [0, '0s'],
    [44.6, '45s'],
    [125, '2m 05s'],
    [3720, '1h 02m'],
    [3 * 86_400 + 4 * 3600, '3d 04h'],
  ])('%d s → %s', (s, text) => expect(formatDuration(s)).toBe(text));

  it('says when the ETA is not known yet', () => {
    expect(formatEta(null)).toBe('estimating');
    expect(formatEta(0)).toBe('less than 1s');
    expect(formatEta(90)).toBe('1m 30s');
  });

  it('floors percentages and never shows 0% for started work', () => {
    expect(formatPercent(0, 0)).toBe('0%');
    expect(formatPercent(1, 1000)).toBe('<1%');
    expect(formatPercent(999, 1000)).toBe('99%');
    expect(formatPercent(5, 4)).toBe('100%');
  });
});

describe('shortMime', () => {
  it('keeps media types, drops the application/ prefix and names OOXML', () => {
    expect(shortMime('image/png')).toBe('image/png');
    expect(shortMime('application/zip')).toBe('zip');
    expect(shortMime('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx');
    expect(shortMime('text/plain; charset=utf-8')).toBe('text/plain');
    expect(shortMime(null)).toBe('—');
  });
});

describe('hashes and modes', () => {
  const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  it('shortens with an ellipsis and keeps short values whole', () => {
    expect(shortenHash(sha)).toBe('e3b0c44298…52b855');
    expect(shortenHash(sha, 8, 4)).toBe('e3b0c442…b855');
    expect(shortenHash('abcd')).toBe('abcd');
    expect(shortenHash(null)).toBe('—');
  });

  it('formats POSIX modes', () => {
    expect(formatMode(0o100644)).toBe('rw-r--r-- (0644)');
    expect(formatMode(0o755)).toBe('rwxr-xr-x (0755)');
    expect(formatMode(null)).toBe('—');
  });
});

describe('sourceName', () => {
  it('takes the last segment with either separator, ignoring trailing ones', () => {
    expect(sourceName('/evidence/export/')).toBe('export');
    expect(sourceName('C:\\cases\\disk.zip')).toBe('disk.zip');
    expect(sourceName('/')).toBe('/');
  });
});
