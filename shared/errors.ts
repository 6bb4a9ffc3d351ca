import { z } from 'zod';

export const ErrorCode = z.enum(['not_found', 'invalid_input', 'forbidden', 'conflict', 'io', 'cancelled', 'internal']);
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
