import type { Client } from '../../shared/ipc/client';
import type { ParsedArgs } from './args';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  isTty: boolean;
  /** Calls a service through the same dispatcher as IPC and HTTP; failures throw AppError. */
  call: Client['call'];
  /** Listens to backend events (ingest progress and end) for the duration of a command. */
  on: Client['on'];
}

export interface Command {
  /** Words that select the command, e.g. `['case', 'create']`. */
  path: string[];
  usage: string;
  summary: string;
  booleanFlags?: string[];
  run(args: ParsedArgs, io: CliIo): Promise<void>;
}

export const printJson = (io: CliIo, value: unknown): void => io.out(`${JSON.stringify(value, null, 2)}\n`);
