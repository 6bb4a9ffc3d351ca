import { logError } from '../lib/log';
import { runCli } from './cli';

runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: process.stdout.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    logError('cli', e);
    process.exitCode = 1;
  },
);
