import { getArtifact, listArtifacts } from '../../services/artifacts';
import type { DomainHandlers } from './types';

export const artifactHandlers: DomainHandlers<'artifacts.list' | 'artifacts.get'> = {
  'artifacts.list': (query) => listArtifacts(query),
  'artifacts.get': ({ dir, id }) => getArtifact(dir, id),
};
