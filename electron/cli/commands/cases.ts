import path from 'node:path';
import type { CaseSummary } from '../../../shared/domain/case';
import { requireFlag, requirePositional } from '../args';
import { printJson, type Command } from '../command';

function describeCase(c: CaseSummary): string {
  return [
    `Case       ${c.name}`,
    `Folder     ${c.dir}`,
    `Examiner   ${c.examiner}`,
    `Created    ${c.createdAt}`,
    `Case id    ${c.id}`,
    `Sources    ${c.sourceCount}`,
    `Artifacts  ${c.artifactCount}`,
    `Access     ${c.readOnlyReason ? `read-only (${c.readOnlyReason})` : 'read-write'}`,
    '',
  ].join('\n');
}

export const caseCommands: Command[] = [
  {
    path: ['case', 'create'],
    usage: 'workbench case create <dir> --name <name> --examiner <examiner> [--description <text>] [--json]',
    summary: 'create a case in a new or empty folder',
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = path.resolve(requirePositional(args, 0, 'case folder <dir>'));
      const description = args.flags.get('description');
      const created = await io.call('cases.create', {
        dir,
        name: requireFlag(args, 'name'),
        examiner: requireFlag(args, 'examiner'),
        ...(typeof description === 'string' ? { description } : {}),
      });
      if (args.flags.has('json')) printJson(io, created);
      else io.out(`Created case "${created.name}" in ${created.dir}\n`);
    },
  },
  {
    path: ['case', 'info'],
    usage: 'workbench case info <dir> [--json]',
    summary: 'show a case: name, examiner, counts',
    booleanFlags: ['json'],
    async run(args, io) {
      const info = await io.call('cases.info', { dir: path.resolve(requirePositional(args, 0, 'case folder <dir>')) });
      if (args.flags.has('json')) printJson(io, info);
      else io.out(describeCase(info));
    },
  },
  {
    path: ['case', 'migrate'],
    usage: 'workbench case migrate <dir> [--json]',
    summary: "upgrade a case made by an older workbench to this version's schema (recorded in its audit trail)",
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = path.resolve(requirePositional(args, 0, 'case folder <dir>'));
      const migrated = await io.call('cases.migrate', { dir });
      if (args.flags.has('json')) printJson(io, migrated);
      else io.out(`Case "${migrated.name}" in ${migrated.dir} uses case schema ${migrated.schemaVersion}\n`);
    },
  },
];
