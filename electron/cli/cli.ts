import { version } from '../../package.json';
import { AppError } from '../../shared/errors';
import { createBackend } from '../backend';
import { defaultDataDir } from '../lib/data-dir';
import { logError } from '../lib/log';
import { UsageError, parseArgs } from './args';
import type { CliIo, Command } from './command';
import { commands } from './commands';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  const lines = commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return [
    `workbench ${version}: Evidence Workbench command line`,
    '',
    'Usage: workbench <command> [arguments] [--json]',
    '',
    'Commands:',
    ...lines,
    '',
    'Every command accepts --json for machine-readable output. Run `workbench <command> --help` for its usage.',
    'Evidence is opened read-only; case data lives in the case folder.',
    '',
  ].join('\n');
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  let best: { command: Command; rest: string[] } | null = null;
  for (const command of commands) {
    if (command.path.every((word, i) => argv[i] === word) && (!best || command.path.length > best.command.path.length)) {
      best = { command, rest: argv.slice(command.path.length) };
    }
  }
  return best;
}

/** Runs one CLI invocation and returns the exit code: 0 ok, 1 failure, 2 usage error. Never prints a stack. */
export async function runCli(argv: string[], write: { out(t: string): void; err(t: string): void; isTty: boolean }): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    write.out(helpText());
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version') {
    write.out(`${version}\n`);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    write.err(`workbench: unknown command "${argv.join(' ')}"; run workbench --help\n`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    write.out(`Usage: ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  const backend = createBackend({ host: 'cli', dataDir: defaultDataDir() });
  const io: CliIo = { ...write, call: backend.client.call, on: backend.client.on };
  try {
    await command.run(parseArgs(rest, new Set(command.booleanFlags ?? [])), io);
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      if (e instanceof UsageError) {
        write.err(`workbench: ${e.message}; usage: ${command.usage}\n`);
        return 2;
      }
      write.err(`workbench: ${e.message}\n`);
      return 1;
    }
    logError(command.path.join(' '), e);
    write.err(`workbench: internal error (${e instanceof Error ? e.message : String(e)})\n`);
    return 1;
  } finally {
    await backend.close();
  }
}
