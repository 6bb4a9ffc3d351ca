import type { ArtifactDetail, ArtifactPage, FolderQuery, FolderSummary } from '../../shared/domain/artifact';
import { AppError } from '../../shared/errors';
import { foldText } from '../analysis/fold';
import { readAnalysis } from '../db/analysis-repo';
import { filteredIds, getArtifactSummary, queryArtifacts, type ArtifactListQuery } from '../db/artifact-query';
import { childCount, childFolders } from '../db/artifact-repo';
import { documentLinks, readExtraction, readText } from '../db/extraction-repo';
import { findSourceById } from '../db/source-repo';
import { readOcr } from '../db/visual-repo';
import { caseDb } from './case-store';

/** Query terms as the index holds them: folded (case, width, Chinese variants), split on whitespace. */
export const searchTerms = (text: string | undefined): string[] => [
  ...new Set(
    foldText(text ?? '')
      .split(/\s+/)
      .filter(Boolean),
  ),
];

export type ListQuery = Omit<ArtifactListQuery, 'searchTerms'> & { dir: string; search?: string };

/**
 * One page of a case's artifacts, filtered (source, folder, quick filter, full-text search, type, language, variant,
 * Korean markers, stage, production and tag status, suggestions, label, star, notes, errors, duplicates, extension
 * mismatch, modified time) and sorted. `duplicateOf` is the lowest id with the same SHA-256. Raises `not_found`.
 */
export function listArtifacts(query: ListQuery): ArtifactPage {
  return queryArtifacts(caseDb(query.dir), { ...query, searchTerms: searchTerms(query.search) });
}

/** The most artifacts one "select all matching" hands to a bulk action. */
const SELECT_CAP = 100_000;

/** Every artifact a filter selects, in id order, for bulk actions; `capped` when there were more than 100,000. */
export function selectArtifacts(query: Omit<ListQuery, 'sort' | 'order' | 'offset' | 'limit'>): { ids: number[]; capped: boolean } {
  const { dir, search, ...filters } = query;
  const ids = filteredIds(caseDb(dir), { ...filters, searchTerms: searchTerms(search) }, SELECT_CAP + 1);
  return { ids: ids.slice(0, SELECT_CAP), capped: ids.length > SELECT_CAP };
}

/** One artifact with its extraction, document links and number of children. Raises `not_found`. */
export function getArtifact(dir: string, id: number): ArtifactDetail {
  const db = caseDb(dir);
  const summary = getArtifactSummary(db, id);
  if (!summary) throw new AppError('not_found', `no artifact ${id} in this case`);
  return {
    ...summary,
    extraction: readExtraction(db, id),
    analysis: readAnalysis(db, id),
    links: documentLinks(db, id),
    children: childCount(db, id),
    ocr: readOcr(db, id),
  };
}

const folderOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The direct sub-folders of a folder of one source (or of its root), each with its recursive artifact and error
 * counts; archives holding members count as folders. Sorted by name, numbers in numeric order (`ep9` before `ep10`).
 * Raises `not_found` (no case, or no such source).
 */
export function listFolders(query: FolderQuery): FolderSummary[] {
  const db = caseDb(query.dir);
  if (!findSourceById(db, query.sourceId)) throw new AppError('not_found', `no source ${query.sourceId} in this case`);
  return childFolders(db, query.sourceId, query.parent ?? '').sort(
    (a, b) => folderOrder.compare(a.name, b.name) || (a.path < b.path ? -1 : 1),
  );
}

/** A window of an artifact's extracted text. Raises `not_found` (no such artifact, or no text). */
export function artifactText(q: { dir: string; id: number; offset: number; length: number }): {
  offset: number;
  text: string;
  total: number;
} {
  const db = caseDb(q.dir);
  const window = readText(db, q.id, q.offset, q.length);
  if (!window) throw new AppError('not_found', `artifact ${q.id} has no extracted text`);
  return { offset: q.offset, ...window };
}
