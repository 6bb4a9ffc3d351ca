import { previewService } from './lazy-services';
import type { DomainHandlers } from './types';

export const previewHandlers: DomainHandlers<'artifacts.preview'> = {
  'artifacts.preview': async ({ dir, id, page, width }) => (await previewService()).artifactPreview(dir, id, page, width),
};
