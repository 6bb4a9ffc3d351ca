import type { Command } from '../command';
import { bundleCommands } from './bundles';
import { caseCommands } from './cases';
import { extractCommands } from './extract';
import { ingestCommands } from './ingest';
import { logCommands } from './logs';
import { reviewCommands } from './review';
import { searchCommands } from './search';
import { visualCommands } from './visual';

export const commands: Command[] = [
  ...caseCommands,
  ...ingestCommands,
  ...extractCommands,
  ...searchCommands,
  ...reviewCommands,
  ...logCommands,
  ...bundleCommands,
  ...visualCommands,
];
