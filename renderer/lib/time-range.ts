export interface TimeRangeInput {
  /** Normalised bounds, read as UTC: `2024-03-15`, `2024-03-15T14:22` or `2024-03-15T14:22:05`; empty for no bound. */
  from: string;
  to: string;
}

const BOUND_RE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?Z?$/i;

/**
 * A typed time bound as `YYYY-MM-DD[THH:MM[:SS]]`; `''` when empty, null when it is not one. Typed rather than picked
 * from a native date-time control, whose display follows the OS locale (12-hour clocks, month-first dates).
 */
export function normalizeBound(text: string): string | null {
  const t = text.trim();
  if (!t) return '';
  const m = BOUND_RE.exec(t);
  if (!m) return null;
  return m[2] ? `${m[1]}T${m[2]}` : (m[1] ?? null);
}

/**
 * Inclusive timeline bounds as the backend compares them: ISO text against the UTC instant (or the literal wall-clock
 * value). A lower bound works as a prefix; the upper bound is completed to the end of its day, minute or second and
 * closed with `Z`, which sorts after every fraction and offset (`…:59Z` ≥ `…:59.5Z` and `…:59+09:00`).
 */
export function timelineBounds({ from, to }: TimeRangeInput): { from?: string; to?: string } {
  const bounds: { from?: string; to?: string } = {};
  if (from) bounds.from = from;
  if (to) bounds.to = `${to}${to.length === 10 ? 'T23:59:59' : to.length === 16 ? ':59' : ''}Z`;
  return bounds;
}
