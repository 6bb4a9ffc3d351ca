import type { ArtifactSummary } from '../../shared/domain/artifact';

export type Pages = Record<number, ArtifactSummary[]>;

/**
 * Changes the loaded table rows of some artifacts (an optimistic update) and returns the rows as they were, by id,
 * so a failed call puts exactly those back without touching pages loaded since.
 */
export function patchPages(
  pages: Pages,
  ids: ReadonlySet<number>,
  change: (row: ArtifactSummary) => ArtifactSummary,
): { pages: Pages; previous: Map<number, ArtifactSummary> } {
  const previous = new Map<number, ArtifactSummary>();
  const next: Pages = {};
  for (const [key, rows] of Object.entries(pages)) {
    next[Number(key)] = rows.some((r) => ids.has(r.id))
      ? rows.map((r) => {
          if (!ids.has(r.id)) return r;
          previous.set(r.id, r);
          return change(r);
        })
      : rows;
  }
  return { pages: next, previous };
}

/** Puts rows saved by `patchPages` back where they are still loaded. */
export function restorePages(pages: Pages, previous: ReadonlyMap<number, ArtifactSummary>): Pages {
  if (previous.size === 0) return pages;
  const next: Pages = {};
  for (const [key, rows] of Object.entries(pages)) {
    next[Number(key)] = rows.some((r) => previous.has(r.id)) ? rows.map((r) => previous.get(r.id) ?? r) : rows;
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
