import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { isChannel, procedures, type Channel } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/ipc/result';
import type { Ctx } from '../services/context';
import { logError } from '../lib/log';
import { handlers } from './handlers';

export interface DispatchOptions {
  /** Validate the reply against the channel's output schema; a mismatch is an `internal` failure. */
  checkReplies?: boolean;
}

/**
 * Replies are checked under Vitest and when WORKBENCH_CHECK_REPLIES=1 (the e2e launcher sets it); not in production,
 * where a 100,000-row page would pay for it on every call.
 */
const repliesCheckedByDefault = process.env.VITEST === 'true' || process.env.WORKBENCH_CHECK_REPLIES === '1';

/** The single entry point every transport calls: validate the input, run the handler, return a Result — never throw. */
export async function dispatch(channel: string, raw: unknown, ctx: Ctx, options: DispatchOptions = {}): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail('invalid_input', `unknown method ${channel}`);
  const parsed = procedures[channel].input.safeParse(raw);
  if (!parsed.success) return fail('invalid_input', z.prettifyError(parsed.error).replaceAll('\n', ' '));
  let value: unknown;
  try {
    const handler = handlers[channel] as (input: unknown, ctx: Ctx) => unknown;
    value = await handler(parsed.data, ctx);
  } catch (e) {
    return toFailure(e, channel);
  }
  if (options.checkReplies ?? repliesCheckedByDefault) {
    const reply = procedures[channel].output.safeParse(value);
    if (!reply.success) {
      const problem = z.prettifyError(reply.error).replaceAll('\n', ' ');
      logError(`${channel} reply does not match the contract`, new Error(problem));
      return fail('internal', `the reply of ${channel} does not match the contract: ${problem}`);
    }
  }
  return ok(value);
}

function toFailure(e: unknown, channel: Channel): Result<never> {
  if (e instanceof AppError) return fail(e.code, e.message);
  logError(`${channel} failed`, e);
  return fail('internal', `internal error in ${channel}; details are in the log`);
}
