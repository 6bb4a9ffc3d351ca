import type { ArtifactDetail, ArtifactPage, ArtifactQuery } from '../../shared/domain/artifact';
import { AppError } from '../../shared/errors';

type ParsedQuery = Required<Pick<ArtifactQuery, 'sort' | 'order' | 'offset' | 'limit'>> & ArtifactQuery;

const pending = (): never => {
  throw new AppError('internal', 'artifacts are being built (issue #3)');
};

export const listArtifacts = (_query: ParsedQuery): ArtifactPage => pending();
export const getArtifact = (_dir: string, _id: number): ArtifactDetail => pending();
