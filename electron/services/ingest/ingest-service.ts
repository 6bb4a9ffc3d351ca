import type { IngestJob, StartIngest } from '../../../shared/domain/ingest';
import type { Source } from '../../../shared/domain/source';
import { AppError } from '../../../shared/errors';
import type { Ctx } from '../context';

const pending = (): never => {
  throw new AppError('internal', 'ingestion is being built (issue #3)');
};

export const startIngest = async (_input: StartIngest, _ctx: Ctx): Promise<IngestJob> => pending();
export const cancelIngest = (_dir: string, _jobId: number): IngestJob => pending();
export const listJobs = (_dir: string): IngestJob[] => pending();
export const listSources = (_dir: string): Source[] => pending();
