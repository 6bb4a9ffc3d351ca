import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { isChannel, procedures, type Channel } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/ipc/result';
import type { Ctx } from '../services/context';
import { logError } from '../lib/log';
import { handlers } from './handlers';

/** The single entry point every transport calls: validate the input, run the handler, return a Result — never throw. */
export async function dispatch(channel: string, raw: unknown, ctx: Ctx): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail('invalid_input', `unknown method ${channel}`);
  const parsed = procedures[channel].input.safeParse(raw);
  if (!parsed.success) return fail('invalid_input', z.prettifyError(parsed.error).replaceAll('\n', ' '));
  try {
    const handler = handlers[channel] as (input: unknown, ctx: Ctx) => unknown;
    return ok(await handler(parsed.data, ctx));
  } catch (e) {
    return toFailure(e, channel);
  }
}

function toFailure(e: unknown, channel: Channel): Result<never> {
  if (e instanceof AppError) return fail(e.code, e.message);
  logError(`${channel} failed`, e);
  return fail('internal', `internal error in ${channel}; details are in the log`);
}
