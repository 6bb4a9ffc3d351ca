import { formatBytes } from '../../shared/format/bytes';

const countFormat = new Intl.NumberFormat('en-US');

/** Grouped integer, locale-independent so screenshots and tests are stable: `1234567` → `1,234,567`. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return countFormat.format(n);
}

/** Exact size for detail views: `1,536 bytes (1.5 KiB)`. */
export function formatBytesExact(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  const exact = `${formatCount(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  return bytes < 1024 ? exact : `${exact} (${formatBytes(bytes)})`;
}

export interface IsoParts {
  date: string;
  time: string;
  /** Digits after the decimal point, as given (may be nanoseconds); empty when none. */
  fraction: string;
  /** `Z`, `+09:00`, or empty for local wall-clock time without an offset. */
  zone: string;
}

const ISO_RE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Splits an ISO 8601 string without going through `Date`, which would drop sub-millisecond digits and
 * re-zone values that carry no offset. Evidence times must be shown exactly as recorded.
 */
export function parseIso(iso: string): IsoParts | null {
  const m = ISO_RE.exec(iso.trim());
  if (!m) return null;
  return { date: m[1] ?? '', time: m[2] ?? '', fraction: m[3] ?? '', zone: (m[4] ?? '').toUpperCase() };
}

const zoneLabel = (zone: string): string => (zone === '' ? '' : zone === 'Z' ? ' UTC' : ` ${zone}`);

/** Compact form for tables: `2024-03-15 05:22:05 UTC` (seconds; the full value belongs in a tooltip). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = parseIso(iso);
  if (!p) return iso;
  return `${p.date}${p.time ? ` ${p.time}` : ''}${zoneLabel(p.zone)}`;
}

/** Full precision: `2024-03-15 05:22:05.123456789 UTC`; no offset given → `(no offset)` so nobody assumes UTC. */
export function formatDateTimeFull(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = parseIso(iso);
  if (!p) return iso;
  const fraction = p.fraction ? `.${p.fraction}` : '';
  const zone = p.zone === '' ? (p.time ? ' (no offset)' : '') : zoneLabel(p.zone);
  return `${p.date}${p.time ? ` ${p.time}${fraction}` : ''}${zone}`;
}

/** `0s`, `45s`, `2m 05s`, `1h 02m`, `3d 04h`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d ${pad(Math.floor((s % 86_400) / 3600))}h`;
}

export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'estimating';
  if (seconds <= 0) return 'less than 1s';
  return formatDuration(Math.max(1, seconds));
}

export function formatPercent(done: number, total: number): string {
  if (total <= 0) return '0%';
  const pct = Math.min(100, (done / total) * 100);
  return pct > 0 && pct < 1 ? '<1%' : `${Math.floor(pct)}%`;
}

/** `3f7a9c01…e2b4`: enough to recognise, never enough to compare; comparisons use the full value. */
export function shortenHash(hash: string | null | undefined, head = 10, tail = 6): string {
  if (!hash) return '—';
  if (hash.length <= head + tail + 1) return hash;
  return `${hash.slice(0, head)}…${hash.slice(-tail)}`;
}

/** `just now`, `5 min ago`, `3 h ago`, `2 days ago`, then the date. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const s = Math.round((now.getTime() - then) / 1000);
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.max(1, Math.round(s / 60))} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  if (s < 86_400 * 14) return `${Math.round(s / 86_400)} days ago`;
  return formatDateTime(iso);
}

const OFFICE_MIME: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
};

/** A table-width MIME label: `application/zip` → `zip`, OOXML → `docx`; other types unchanged (full value in a tooltip). */
export function shortMime(mime: string | null | undefined): string {
  if (!mime) return '—';
  const bare = mime.split(';')[0]?.trim().toLowerCase() ?? mime;
  return OFFICE_MIME[bare] ?? (bare.startsWith('application/') ? bare.slice('application/'.length) : bare);
}

/** `0o644` style permission display for POSIX modes. */
export function formatMode(mode: number | null | undefined): string {
  if (mode === null || mode === undefined) return '—';
  const perms = mode & 0o777;
  const rwx = (bits: number): string => `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;
  return `${rwx(perms >> 6)}${rwx((perms >> 3) & 7)}${rwx(perms & 7)} (0${perms.toString(8)})`;
}

/** Last segment of a source's path (`/evidence/export/` → `export`), either separator; the path itself when it has none. */
export const sourceName = (path: string): string =>
  path
    .replace(/[\\/]+$/, '')
    .split(/[\\/]/)
    .pop() || path;
