import { visualService } from './lazy-services';
import type { DomainHandlers } from './types';

export const visualHandlers: DomainHandlers<
  | 'visual.ocr.start'
  | 'visual.ocr.cancel'
  | 'visual.ocr.status'
  | 'visual.similar'
  | 'visual.clusters'
  | 'production.references.add'
  | 'production.references.remove'
  | 'production.references.list'
  | 'production.references.thumbnail'
> = {
  'visual.ocr.start': async (input, ctx) => (await visualService()).startOcr(input, ctx),
  'visual.ocr.cancel': async ({ dir, jobId }) => (await visualService()).cancelOcr(dir, jobId),
  'visual.ocr.status': async ({ dir, jobId }) => (await visualService()).ocrStatus(dir, jobId),
  'visual.similar': async (query, ctx) => (await visualService()).findSimilar(query, ctx),
  'visual.clusters': async (query, ctx) => (await visualService()).visualClusters(query, ctx),
  'production.references.add': async (input, ctx) => (await visualService()).addReference(input, ctx),
  'production.references.remove': async (input, ctx) => (await visualService()).removeReference(input, ctx),
  'production.references.list': async (input) => (await visualService()).referenceImages(input),
  'production.references.thumbnail': async (input) => (await visualService()).referenceThumbnail(input),
};
