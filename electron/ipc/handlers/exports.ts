import { cancelExport, estimateExport, listExports, startExport } from '../../services/bundles/export-service';
import { importBundle } from '../../services/bundles/import-service';
import { verifyBundle } from '../../services/bundles/verify';
import type { DomainHandlers } from './types';

export const exportHandlers: DomainHandlers<
  'exports.start' | 'exports.cancel' | 'exports.list' | 'exports.estimate' | 'bundles.verify' | 'bundles.import'
> = {
  'exports.start': (input, ctx) => startExport(input, ctx),
  'exports.cancel': ({ jobId }) => cancelExport(jobId),
  'exports.list': () => listExports(),
  'exports.estimate': (input) => estimateExport(input),
  'bundles.verify': ({ bundle }) => verifyBundle(bundle),
  'bundles.import': (input, ctx) => importBundle(input, ctx),
};
