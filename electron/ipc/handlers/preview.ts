import { artifactPreview } from '../../services/preview';
import type { DomainHandlers } from './types';

export const previewHandlers: DomainHandlers<'artifacts.preview'> = {
  'artifacts.preview': ({ dir, id, page, width }) => artifactPreview(dir, id, page, width),
};
