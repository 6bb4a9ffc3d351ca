import {
  addReference,
  cancelOcr,
  findSimilar,
  ocrStatus,
  referenceImages,
  referenceThumbnail,
  removeReference,
  startOcr,
  visualClusters,
} from '../../services/visual';
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
  'visual.ocr.start': (input, ctx) => startOcr(input, ctx),
  'visual.ocr.cancel': ({ dir, jobId }) => cancelOcr(dir, jobId),
  'visual.ocr.status': ({ dir, jobId }) => ocrStatus(dir, jobId),
  'visual.similar': (query, ctx) => findSimilar(query, ctx),
  'visual.clusters': (query, ctx) => visualClusters(query, ctx),
  'production.references.add': (input, ctx) => addReference(input, ctx),
  'production.references.remove': (input, ctx) => removeReference(input, ctx),
  'production.references.list': (input) => referenceImages(input),
  'production.references.thumbnail': (input) => referenceThumbnail(input),
};
