import type { IngestJob } from '../../shared/domain/ingest';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../db/audit-repo';
import { readCaseInfo } from '../db/case-repo';
import { transaction } from '../db/database';
import { invalidateExtractions } from '../db/extraction-repo';
import { writableCaseDb } from './case-store';
import type { Ctx } from './context';
import { listJobs, listSources, startIngest } from './ingest/ingest-service';
import { extractorVersions } from '../formats/run';

/**
 * Re-runs extraction on one source after an extractor upgrade: drops the extractions made by other extractor
 * versions (or all, with `all`) and starts an ingest pass, which leaves unchanged files' inventory as it is and
 * extracts what has no extraction. Raises `not_found` (no such source), `conflict` (a job is running) or `read_only`.
 */
export async function rerunExtraction(
  input: { dir: string; sourceId: number; all: boolean },
  ctx: Ctx,
): Promise<{ invalidated: number; job: IngestJob }> {
  const db = writableCaseDb(input.dir, 're-running extraction');
  const source = listSources(input.dir).find((s) => s.id === input.sourceId);
  if (!source) throw new AppError('not_found', `no source ${input.sourceId} in this case`);
  const running = listJobs(input.dir).find((j) => j.status === 'running' || j.status === 'queued');
  if (running) throw new AppError('conflict', `an ingest job is running in this case (job ${running.id}); wait for it or cancel it`);
  const versions = extractorVersions();
  const invalidated = transaction(db, () => {
    const count = invalidateExtractions(db, source.id, versions, input.all);
    appendAudit(db, readCaseInfo(db)?.examiner ?? 'workbench', 'extraction.rerun', {
      sourceId: source.id,
      all: input.all,
      versions,
      invalidated: count,
      host: ctx.host,
    });
    return count;
  });
  return { invalidated, job: await startIngest({ dir: input.dir, path: source.path, extract: true }, ctx) };
}
