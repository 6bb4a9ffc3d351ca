import { cancelIngest, listJobs, listSources, startIngest } from '../../services/ingest/ingest-service';
import type { DomainHandlers } from './types';

export const ingestHandlers: DomainHandlers<'sources.list' | 'ingest.start' | 'ingest.cancel' | 'ingest.jobs'> = {
  'sources.list': ({ dir }) => listSources(dir),
  'ingest.start': (input, ctx) => startIngest(input, ctx),
  'ingest.cancel': ({ dir, jobId }) => cancelIngest(dir, jobId),
  'ingest.jobs': ({ dir }) => listJobs(dir),
};
