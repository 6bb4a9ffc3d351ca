import { z } from 'zod';

/**
 * Error codes, kept few. The generic ones say what kind of refusal it was; the case ones each call for a different
 * action from the analyst, so the UI and scripts can tell them apart:
 * - `case_damaged`: the case database is empty, truncated, not SQLite or not a case: restore it from a backup.
 * - `case_too_new`: written by a newer workbench: open it with that version.
 * - `case_needs_migration`: an older schema: upgrade it explicitly (`workbench case migrate`, Upgrade case).
 * - `read_only`: the case is open read-only and the call would change it.
 */
export const ErrorCode = z.enum([
  'not_found',
  'invalid_input',
  'forbidden',
  'conflict',
  'io',
  'cancelled',
  'internal',
  'case_damaged',
  'case_too_new',
  'case_needs_migration',
  'read_only',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppErrorShape = z.object({ code: ErrorCode, message: z.string() });
export type AppErrorShape = z.infer<typeof AppErrorShape>;

/** The one error type both sides throw; only its code and one-line message cross a transport. */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }

  toShape(): AppErrorShape {
    return { code: this.code, message: this.message };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
