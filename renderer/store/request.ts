import { isAppError, type AppErrorShape } from '../../shared/errors';

export interface RequestState {
  status: 'idle' | 'loading' | 'error';
  error?: AppErrorShape;
}

export const idle: RequestState = { status: 'idle' };
export const loading: RequestState = { status: 'loading' };
export const failed = (error: AppErrorShape): RequestState => ({ status: 'error', error });

/** Only the code and message are shown to the analyst; stacks stay in the console. */
export function toErrorShape(e: unknown): AppErrorShape {
  if (isAppError(e)) return { code: e.code, message: e.message };
  console.error(e);
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}
