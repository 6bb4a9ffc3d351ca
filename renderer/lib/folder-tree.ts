import type { FolderSummary } from '../../shared/domain/artifact';

/** Key of one folder listing: the source and the folder's path (`''` for the source root). */
export const folderKey = (sourceId: number, path: string): string => `${sourceId}:${path}`;

/** The inverse of `folderKey`; the path may itself hold colons. */
export function parseFolderKey(key: string): { sourceId: number; path: string } {
  const at = key.indexOf(':');
  return { sourceId: Number(key.slice(0, at)), path: key.slice(at + 1) };
}

export interface FolderRow {
  key: string;
  sourceId: number;
  folder: FolderSummary;
  depth: number;
  isExpanded: boolean;
  /** Expanded, and its sub-folders not listed yet. */
  isLoading: boolean;
}

/**
 * Depth-first rows of the visible part of one source's tree, from the listings loaded so far: sub-folders are shown
 * only under expanded keys, and an expanded folder whose listing has not arrived yet says so.
 */
export function folderRows(
  sourceId: number,
  listings: Readonly<Record<string, readonly FolderSummary[]>>,
  expanded: Readonly<Record<string, true>>,
  depth = 0,
): FolderRow[] {
  const rows: FolderRow[] = [];
  const walk = (path: string, d: number): void => {
    for (const folder of listings[folderKey(sourceId, path)] ?? []) {
      const key = folderKey(sourceId, folder.path);
      const isExpanded = folder.hasSubfolders && expanded[key] === true;
      rows.push({ key, sourceId, folder, depth: d, isExpanded, isLoading: isExpanded && listings[key] === undefined });
      if (isExpanded) walk(folder.path, d + 1);
    }
  };
  walk('', depth);
  return rows;
}
