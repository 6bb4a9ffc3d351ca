import { ingestService } from './lazy-services';
import type { DomainHandlers } from './types';

export const ingestHandlers: DomainHandlers<'sources.list' | 'ingest.start' | 'ingest.cancel' | 'ingest.jobs'> = {
  'sources.list': async ({ dir }) => (await ingestService()).listSources(dir),
  'ingest.start': async (input, ctx) => (await ingestService()).startIngest(input, ctx),
  'ingest.cancel': async ({ dir, jobId }) => (await ingestService()).cancelIngest(dir, jobId),
  'ingest.jobs': async ({ dir }) => (await ingestService()).listJobs(dir),
};
