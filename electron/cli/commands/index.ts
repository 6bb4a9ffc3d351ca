import type { Command } from '../command';
import { caseCommands } from './cases';
import { ingestCommands } from './ingest';
import { searchCommands } from './search';

export const commands: Command[] = [...caseCommands, ...ingestCommands, ...searchCommands];
