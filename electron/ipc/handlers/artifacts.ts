import { artifactText, getArtifact, listArtifacts, listFolders } from '../../services/artifacts';
import type { DomainHandlers } from './types';

export const artifactHandlers: DomainHandlers<'artifacts.list' | 'artifacts.get' | 'artifacts.folders' | 'artifacts.text'> = {
  'artifacts.list': (query) => listArtifacts(query),
  'artifacts.get': ({ dir, id }) => getArtifact(dir, id),
  'artifacts.folders': (query) => listFolders(query),
  'artifacts.text': (query) => artifactText(query),
};
