import type { Command } from '../command';
import { caseCommands } from './cases';
import { searchCommands } from './search';

export const commands: Command[] = [...caseCommands, ...searchCommands];
