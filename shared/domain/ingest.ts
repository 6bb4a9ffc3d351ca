import { z } from 'zod';

export const JobStatus = z.enum(['queued', 'running', 'done', 'cancelled', 'failed', 'interrupted']);
export type JobStatus = z.infer<typeof JobStatus>;

export const IngestJob = z.object({
  id: z.number().int(),
  caseDir: z.string(),
  sourceId: z.number().int(),
  sourcePath: z.string(),
  status: JobStatus,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  filesTotal: z.number().int(),
  filesDone: z.number().int(),
  bytesTotal: z.number(),
  bytesDone: z.number(),
  errorCount: z.number().int(),
  message: z.string().nullable(),
});
export type IngestJob = z.infer<typeof IngestJob>;

/** Pushed while a job runs (throttled); rates are over the whole job so far. */
export const IngestProgress = z.object({
  jobId: z.number().int(),
  caseDir: z.string(),
  sourceId: z.number().int(),
  phase: z.enum(['scanning', 'hashing', 'extracting', 'finishing']),
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  filesPerSecond: z.number(),
  bytesPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  currentPath: z.string().nullable(),
  errorCount: z.number().int(),
  elapsedSeconds: z.number(),
});
export type IngestProgress = z.infer<typeof IngestProgress>;

export const StartIngest = z.object({
  dir: z.string().min(1),
  path: z.string().trim().min(1, 'evidence path must not be empty'),
  /** Run the metadata and text extractors after hashing (default true); false gives hash-and-inventory only. */
  extract: z.boolean().optional(),
});
export type StartIngest = z.infer<typeof StartIngest>;
