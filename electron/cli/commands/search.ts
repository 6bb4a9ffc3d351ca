import path from 'node:path';
import type { SearchHit } from '../../../shared/domain/search';
import { UsageError, requirePositional, wholeNumber, type ParsedArgs } from '../args';
import { printJson, type Command } from '../command';
import { FILTER_BOOLEANS, FILTER_USAGE, parseFilters } from '../filters';

function intFlag(args: ParsedArgs, name: string, fallback: number): number {
  const raw = args.flags.get(name);
  return raw === undefined ? fallback : wholeNumber(String(raw), `--${name}`);
}

/** The snippet with each match in brackets, for a terminal that has no other way to show them. */
function marked(hit: SearchHit): string {
  let out = '';
  let last = 0;
  for (const r of hit.highlights) {
    if (r.start < last) continue;
    out += `${hit.snippet.slice(last, r.start)}[${hit.snippet.slice(r.start, r.end)}]`;
    last = r.end;
  }
  return out + hit.snippet.slice(last);
}

export const searchCommands: Command[] = [
  {
    path: ['search'],
    usage: `workbench search <caseDir> <query> ${FILTER_USAGE} [--limit N] [--json]`,
    summary: 'full-text search over paths, metadata and extracted text (any script; case, width and Chinese variants folded)',
    booleanFlags: ['json', ...FILTER_BOOLEANS],
    async run(args, io) {
      const dir = path.resolve(requirePositional(args, 0, 'case folder <caseDir>'));
      const query = args.positional.slice(1).join(' ');
      if (!query.trim()) throw new UsageError('missing <query>');
      const filters = await parseFilters(args, io, dir);
      const hits = await io.call('search.query', { dir, query, limit: intFlag(args, 'limit', 200), ...filters });
      if (args.flags.has('json')) return printJson(io, hits);
      if (hits.length === 0) return io.out('no matches\n');
      for (const hit of hits) io.out(`${String(hit.artifactId).padStart(6)}  ${hit.path}  [${hit.field}]  ${marked(hit)}\n`);
    },
  },
  {
    path: ['timeline'],
    usage: 'workbench timeline <caseDir> [--artifact ID] [--from ISO] [--to ISO] [--limit N] [--json]',
    summary: 'every date in the case (metadata, documents, logs, file system) in time order',
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = path.resolve(requirePositional(args, 0, 'case folder <caseDir>'));
      const from = args.flags.get('from');
      const to = args.flags.get('to');
      const events = await io.call('timeline.list', {
        dir,
        limit: intFlag(args, 'limit', 1000),
        ...(args.flags.has('artifact') ? { artifactId: intFlag(args, 'artifact', 0) } : {}),
        ...(typeof from === 'string' ? { from } : {}),
        ...(typeof to === 'string' ? { to } : {}),
      });
      if (args.flags.has('json')) return printJson(io, events);
      for (const e of events) {
        io.out(`${(e.utc ?? `${e.value} (no offset)`).padEnd(36)}  ${e.field.padEnd(28)}  ${e.path}${e.label ? `  ${e.label}` : ''}\n`);
      }
    },
  },
];
