import path from 'node:path';
import { requirePositional } from '../args';
import type { Command } from '../command';
import { followJob } from './ingest';

export const extractCommands: Command[] = [
  {
    path: ['extract'],
    usage: 'workbench extract <caseDir> [--all] [--json]',
    summary: 're-run extraction where extractors were upgraded since (--all: on everything)',
    booleanFlags: ['json', 'all'],
    async run(args, io) {
      const dir = path.resolve(requirePositional(args, 0, 'case folder <caseDir>'));
      const json = args.flags.has('json');
      for (const source of await io.call('sources.list', { dir })) {
        let invalidated = 0;
        await followJob(io, dir, json, async () => {
          const rerun = await io.call('extract.rerun', { dir, sourceId: source.id, all: args.flags.has('all') });
          invalidated = rerun.invalidated;
          return rerun.job;
        });
        const line = { type: 'rerun', sourceId: source.id, source: source.path, reextracted: invalidated };
        io.out(json ? `${JSON.stringify(line)}\n` : `${source.path}: ${invalidated} artifact(s) extracted again\n`);
      }
    },
  },
];
