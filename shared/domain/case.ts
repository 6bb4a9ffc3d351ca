import { z } from 'zod';
import { BundleOrigin } from './bundle';

export const CaseName = z.string().trim().min(1, 'name must not be empty').max(200);
export const Examiner = z.string().trim().min(1, 'examiner must not be empty').max(200);
/** An absolute or relative folder path as typed by the analyst; the service resolves it. */
export const FolderPath = z.string().trim().min(1, 'path must not be empty').max(4096);

export const NewCase = z.object({
  dir: FolderPath,
  name: CaseName,
  examiner: Examiner,
  description: z.string().max(10_000).optional(),
});
export type NewCase = z.infer<typeof NewCase>;

export const CaseRef = z.object({ dir: FolderPath });
export type CaseRef = z.infer<typeof CaseRef>;

export const CaseSummary = z.object({
  id: z.string(),
  dir: z.string(),
  name: z.string(),
  examiner: z.string(),
  description: z.string(),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  /** Opened read-only because the case folder or its database file cannot be written: reading works, changes are refused. */
  readOnly: z.boolean(),
  /** Why, in one line (`the case folder /x is not writable for this user`); null when writable. */
  readOnlyReason: z.string().nullable(),
  sourceCount: z.number().int(),
  artifactCount: z.number().int(),
  totalBytes: z.number(),
  /** Set when the case was opened from a case bundle: its facts came from there, and the evidence files are not here. */
  importedFrom: BundleOrigin.nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const RecentCase = z.object({
  dir: z.string(),
  name: z.string(),
  examiner: z.string(),
  openedAt: z.string(),
  exists: z.boolean(),
});
export type RecentCase = z.infer<typeof RecentCase>;
