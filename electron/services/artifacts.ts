import type { ArtifactDetail, ArtifactPage } from '../../shared/domain/artifact';
import { AppError } from '../../shared/errors';
import { childCount, getArtifactSummary, queryArtifacts, type ArtifactListQuery } from '../db/artifact-repo';
import { documentLinks, readExtraction } from '../db/extraction-repo';
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
