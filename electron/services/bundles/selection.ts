import { ArtifactFilters } from '../../../shared/domain/artifact';
import type { ExportSelection, ManifestSelection } from '../../../shared/domain/bundle';
import { AppError } from '../../../shared/errors';
import { findProduction } from '../../db/analysis-repo';
import { filteredIds } from '../../db/artifact-query';
import { allArtifactIds } from '../../db/bundle-repo';
import type { Db } from '../../db/database';
import { savedSearches } from '../../db/review-repo';
import { searchTerms } from '../artifacts';

export interface ResolvedSelection {
  ids: number[];
  recorded: ManifestSelection;
}

/** Every id a filter selects, uncapped: a bundle holds all of them or the export is refused, never a silent first part. */
function idsOf(db: Db, filters: ArtifactFilters): number[] {
  const { search, ...rest } = filters;
  return filteredIds(db, { ...rest, searchTerms: searchTerms(search) }, Number.MAX_SAFE_INTEGER);
}

/**
 * The artifacts a selection covers, in id order, and the selection as the manifest records it (a saved search with
 * its query, a production with its title). Raises `not_found` for an unknown saved search or production, and
 * `invalid_input` for a saved query that is not a valid filter.
 */
export function resolveSelection(db: Db, selection: ExportSelection): ResolvedSelection {
  switch (selection.kind) {
    case 'case':
      return { ids: allArtifactIds(db), recorded: { kind: 'case' } };
    case 'filter':
      return { ids: idsOf(db, selection.filters), recorded: { kind: 'filter', filters: selection.filters } };
    case 'saved': {
      const saved = savedSearches(db).find((s) => s.name === selection.name);
      if (!saved) throw new AppError('not_found', `no saved search "${selection.name}" in this case`);
      const filters = ArtifactFilters.safeParse(saved.query);
      if (!filters.success) throw new AppError('invalid_input', `the saved search "${saved.name}" is not a filter the export understands`);
      return { ids: idsOf(db, filters.data), recorded: { kind: 'saved', name: saved.name, query: saved.query } };
    }
    case 'production': {
      const production = findProduction(db, selection.productionId);
      if (!production) throw new AppError('not_found', `no production "${selection.productionId}" on this case's watchlist`);
      return {
        ids: idsOf(db, { production: production.id }),
        recorded: { kind: 'production', productionId: production.id, title: production.title },
      };
    }
  }
}
