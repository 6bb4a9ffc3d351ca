import path from 'node:path';
import { TimelineCursor, type SearchHit, type TimelineEvent } from '../../../shared/domain/search';
import { UsageError, requirePositional, wholeNumber, type ParsedArgs } from '../args';
import { printJson, type Command } from '../command';
import { FILTER_BOOLEANS, FILTER_USAGE, parseFilters } from '../filters';
import { logFilterFlags } from './logs';

/** Events asked for per call while the CLI pages through the timeline. */
const TIMELINE_PAGE = 5000;

function cursorFlag(args: ParsedArgs): TimelineCursor | undefined {
  const raw = args.flags.get('after');
  if (typeof raw !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new UsageError('--after takes the `next` object of an earlier --json reply');
  }
  const parsed = TimelineCursor.safeParse(value);
  if (!parsed.success) throw new UsageError('--after takes the `next` object of an earlier --json reply');
  return parsed.data;
}

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
    usage:
      'workbench timeline <caseDir> [--artifact ID] [--from ISO] [--to ISO] [--ip IP] [--asn N] [--country CC] [--region NAME] [--limit N] [--after NEXT] [--json]',
    summary: 'every date in the case (metadata, documents, logs, file system) in time order; --json ends with `next`, for --after',
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = path.resolve(requirePositional(args, 0, 'case folder <caseDir>'));
      const from = args.flags.get('from');
      const to = args.flags.get('to');
      const query = {
        dir,
        ...(args.flags.has('artifact') ? { artifactId: intFlag(args, 'artifact', 0) } : {}),
        ...(typeof from === 'string' ? { from } : {}),
        ...(typeof to === 'string' ? { to } : {}),
        ...logFilterFlags(args),
      };
      const wanted = intFlag(args, 'limit', 1000);
      const events: TimelineEvent[] = [];
      let after = cursorFlag(args);
      let next: TimelineCursor | null = null;
      // Pages follow one another by cursor, so a long listing costs the same per event at its end as at its start.
      while (events.length < wanted) {
        const page = await io.call('timeline.list', {
          ...query,
          ...(after ? { after } : {}),
          limit: Math.min(TIMELINE_PAGE, wanted - events.length),
        });
        events.push(...page.events);
        next = page.next;
        if (!next) break;
        after = next;
      }
      if (args.flags.has('json')) return printJson(io, { events, next });
      for (const e of events) {
        io.out(`${(e.utc ?? `${e.value} (no offset)`).padEnd(36)}  ${e.field.padEnd(28)}  ${e.path}${e.label ? `  ${e.label}` : ''}\n`);
      }
    },
  },
];
