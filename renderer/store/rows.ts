import type { ArtifactSummary } from '../../shared/domain/artifact';

export type Pages = Record<number, ArtifactSummary[]>;

/** A row before and after an optimistic change. */
export interface RowChange {
  before: ArtifactSummary;
  after: ArtifactSummary;
}

/**
 * Changes the loaded table rows of some artifacts (an optimistic update) and returns each row before and after, by
 * id, so a failed call can put exactly those back.
 */
export function patchPages(
  pages: Pages,
  ids: ReadonlySet<number>,
  change: (row: ArtifactSummary) => ArtifactSummary,
): { pages: Pages; changed: Map<number, RowChange> } {
  const changed = new Map<number, RowChange>();
  const next: Pages = {};
  for (const [key, rows] of Object.entries(pages)) {
    next[Number(key)] = rows.some((r) => ids.has(r.id))
      ? rows.map((r) => {
          if (!ids.has(r.id)) return r;
          const after = change(r);
          changed.set(r.id, { before: r, after });
          return after;
        })
      : rows;
  }
  return { pages: next, changed };
}

/**
 * Puts rows changed by `patchPages` back; a row reloaded from the backend in the meantime is left alone, since it
 * already shows what was committed (which the failed call was not).
 */
export function restorePages(pages: Pages, changed: ReadonlyMap<number, RowChange>): Pages {
  if (changed.size === 0) return pages;
  const next: Pages = {};
  for (const [key, rows] of Object.entries(pages)) {
    next[Number(key)] = rows.some((r) => changed.get(r.id)?.after === r)
      ? rows.map((r) => (changed.get(r.id)?.after === r ? (changed.get(r.id)?.before ?? r) : r))
      : rows;
  }
  return next;
}

export function findRow(pages: Pages, id: number): ArtifactSummary | undefined {
  for (const rows of Object.values(pages)) {
    const row = rows.find((r) => r.id === id);
    if (row) return row;
  }
  return undefined;
}
