import type { ArtifactDetail, ArtifactPage, FolderQuery, FolderSummary } from '../../shared/domain/artifact';
import { AppError } from '../../shared/errors';
import { childCount, childFolders, getArtifactSummary, queryArtifacts, type ArtifactListQuery } from '../db/artifact-repo';
import { documentLinks, readExtraction } from '../db/extraction-repo';
import { findSourceById } from '../db/source-repo';
import { caseDb } from './case-store';

/**
 * One page of a case's artifacts, filtered (source, path prefix, free text over path, type, error and hash
 * prefixes) and sorted. `duplicateOf` is the lowest id with the same SHA-256. Raises `not_found` (no case).
 */
export function listArtifacts(query: ArtifactListQuery & { dir: string }): ArtifactPage {
  return queryArtifacts(caseDb(query.dir), query);
}

/** One artifact with its extraction, document links and number of children. Raises `not_found`. */
export function getArtifact(dir: string, id: number): ArtifactDetail {
  const db = caseDb(dir);
  const summary = getArtifactSummary(db, id);
  if (!summary) throw new AppError('not_found', `no artifact ${id} in this case`);
  return { ...summary, extraction: readExtraction(db, id), links: documentLinks(db, id), children: childCount(db, id) };
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
