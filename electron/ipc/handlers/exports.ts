import { exportService, importService, verifyService } from './lazy-services';
import type { DomainHandlers } from './types';

export const exportHandlers: DomainHandlers<
  'exports.start' | 'exports.cancel' | 'exports.list' | 'exports.estimate' | 'bundles.verify' | 'bundles.import'
> = {
  'exports.start': async (input, ctx) => (await exportService()).startExport(input, ctx),
  'exports.cancel': async ({ jobId }) => (await exportService()).cancelExport(jobId),
  'exports.list': async () => (await exportService()).listExports(),
  'exports.estimate': async (input) => (await exportService()).estimateExport(input),
  'bundles.verify': async ({ bundle }) => (await verifyService()).verifyBundle(bundle),
  'bundles.import': async (input, ctx) => (await importService()).importBundle(input, ctx),
};
