import { z } from 'zod';

export const SourceKind = z.enum(['folder', 'file', 'zip']);
export type SourceKind = z.infer<typeof SourceKind>;

/** One evidence folder, file or archive added to a case. */
export const Source = z.object({
  id: z.number().int(),
  path: z.string(),
  kind: SourceKind,
  addedAt: z.string(),
  artifactCount: z.number().int(),
  totalBytes: z.number(),
  errorCount: z.number().int(),
  status: z.enum(['pending', 'ingesting', 'ready', 'interrupted', 'cancelled', 'failed']),
});
export type Source = z.infer<typeof Source>;
