import { artifactPreview } from '../../services/preview';
import type { DomainHandlers } from './types';

export const previewHandlers: DomainHandlers<'artifacts.preview'> = {
  'artifacts.preview': ({ dir, id }) => artifactPreview(dir, id),
};
