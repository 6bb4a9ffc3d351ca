import type { Command } from '../command';
import { caseCommands } from './cases';

export const commands: Command[] = [...caseCommands];
