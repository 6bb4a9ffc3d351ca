import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Watchlist } from '../../../shared/domain/analysis';
import type { Confidence, ReviewChange, TagStatus } from '../../../shared/domain/review';
import { AppError } from '../../../shared/errors';
import { UsageError, requireFlag, requirePositional, wholeNumber, type ParsedArgs } from '../args';
import { printJson, type CliIo, type Command } from '../command';

/** The examiner a change is recorded under: `--examiner`, else the case's own examiner. */
async function examinerOf(args: ParsedArgs, io: CliIo, dir: string): Promise<string> {
  const flag = args.flags.get('examiner');
  if (typeof flag === 'string' && flag.trim()) return flag.trim();
  return (await io.call('cases.info', { dir })).examiner;
}

const caseDirOf = (args: ParsedArgs): string => path.resolve(requirePositional(args, 0, 'case folder <caseDir>'));

function artifactIds(args: ParsedArgs): number[] {
  const ids = args.positional.slice(1).map((raw) => wholeNumber(raw, 'an artifact id'));
  if (ids.length === 0) throw new UsageError('missing <artifactId…>');
  return ids;
}

function oneOf<T extends string>(raw: string | true | undefined, allowed: readonly T[], flag: string, fallback?: T): T {
  if (raw === undefined && fallback !== undefined) return fallback;
  if (typeof raw !== 'string' || !allowed.includes(raw as T)) throw new UsageError(`${flag} must be ${allowed.join(', ')}`);
  return raw as T;
}

const reportChange = (io: CliIo, json: boolean, change: ReviewChange): void =>
  json ? printJson(io, change) : io.out(`${change.summary}\n`);

/** A note's text: the argument, or standard input for `-` (long notes, Markdown from a file). */
function noteBody(raw: string): string {
  return raw === '-' ? readFileSync(0, 'utf8') : raw;
}

const TAG_STATUSES: readonly TagStatus[] = ['suspected', 'confirmed', 'ruled-out'];
const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];

export const reviewCommands: Command[] = [
  {
    path: ['tag'],
    usage:
      'workbench tag <caseDir> <artifactId…> --production P --status suspected|confirmed|ruled-out [--confidence low|medium|high] [--rationale TEXT] [--examiner E] [--json]',
    summary: 'attribute artifacts to a production on the watchlist (recorded in the audit trail)',
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = caseDirOf(args);
      const change = await io.call('tags.set', {
        dir,
        examiner: await examinerOf(args, io, dir),
        artifactIds: artifactIds(args),
        productionId: requireFlag(args, 'production'),
        status: oneOf(args.flags.get('status'), TAG_STATUSES, '--status'),
        confidence: oneOf(args.flags.get('confidence'), CONFIDENCES, '--confidence', 'medium'),
        rationale: typeof args.flags.get('rationale') === 'string' ? String(args.flags.get('rationale')) : '',
      });
      reportChange(io, args.flags.has('json'), change);
    },
  },
  {
    path: ['untag'],
    usage: 'workbench untag <caseDir> <artifactId…> --production P [--examiner E] [--json]',
    summary: 'remove a production tag from artifacts (kept in the audit trail; undo brings it back)',
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = caseDirOf(args);
      const change = await io.call('tags.remove', {
        dir,
        examiner: await examinerOf(args, io, dir),
        artifactIds: artifactIds(args),
        productionId: requireFlag(args, 'production'),
      });
      reportChange(io, args.flags.has('json'), change);
    },
  },
  {
    path: ['label', 'create'],
    usage: 'workbench label create <caseDir> <name> --color #rrggbb [--examiner E] [--json]',
    summary: 'create a label',
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = caseDirOf(args);
      const label = await io.call('labels.create', {
        dir,
        examiner: await examinerOf(args, io, dir),
        name: requirePositional(args, 1, '<name>'),
        color: requireFlag(args, 'color'),
      });
      if (args.flags.has('json')) printJson(io, label);
      else io.out(`created the label ${label.name} (${label.id})\n`);
    },
  },
  {
    path: ['label'],
    usage: 'workbench label <caseDir> <artifactId…> --label NAME [--remove] [--examiner E] [--json]',
    summary: 'put a label on artifacts (or take it off with --remove)',
    booleanFlags: ['json', 'remove'],
    async run(args, io) {
      const dir = caseDirOf(args);
      const name = requireFlag(args, 'label');
      const label = (await io.call('labels.list', { dir })).find((l) => l.name === name || String(l.id) === name);
      if (!label) throw new UsageError(`no label "${name}" in this case (create it with workbench label create)`);
      const change = await io.call('labels.apply', {
        dir,
        examiner: await examinerOf(args, io, dir),
        artifactIds: artifactIds(args),
        labelId: label.id,
        applied: !args.flags.has('remove'),
      });
      reportChange(io, args.flags.has('json'), change);
    },
  },
  {
    path: ['star'],
    usage: 'workbench star <caseDir> <artifactId…> [--remove] [--examiner E] [--json]',
    summary: 'star artifacts (or unstar them with --remove)',
    booleanFlags: ['json', 'remove'],
    async run(args, io) {
      const dir = caseDirOf(args);
      const change = await io.call('stars.set', {
        dir,
        examiner: await examinerOf(args, io, dir),
        artifactIds: artifactIds(args),
        starred: !args.flags.has('remove'),
      });
      reportChange(io, args.flags.has('json'), change);
    },
  },
  {
    path: ['note'],
    usage: 'workbench note <caseDir> <artifactId|case> <text|-> [--examiner E] [--json]',
    summary: 'write a Markdown note on an artifact or on the case (- reads it from standard input)',
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = caseDirOf(args);
      const target = requirePositional(args, 1, '<artifactId|case>');
      const body = noteBody(requirePositional(args, 2, '<text|->'));
      const note = await io.call('notes.add', {
        dir,
        examiner: await examinerOf(args, io, dir),
        artifactId: target === 'case' ? null : wholeNumber(target, '<artifactId>'),
        body,
      });
      if (args.flags.has('json')) printJson(io, note);
      else io.out(`note ${note.id} written on ${note.artifactId === null ? 'the case' : `artifact ${note.artifactId}`}\n`);
    },
  },
  {
    path: ['suggestions'],
    usage: 'workbench suggestions <caseDir> [--production P] [--status open|accepted|dismissed] [--limit N] [--json]',
    summary: 'automatic matches of artifacts to watchlist productions, with the evidence for each',
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = caseDirOf(args);
      const status = args.flags.get('status');
      const production = args.flags.get('production');
      const limit = args.flags.get('limit');
      const page = await io.call('suggestions.list', {
        dir,
        ...(typeof production === 'string' ? { productionId: production } : {}),
        ...(status !== undefined ? { status: oneOf(status, ['open', 'accepted', 'dismissed'] as const, '--status') } : {}),
        limit: typeof limit === 'string' ? wholeNumber(limit, '--limit') : 200,
      });
      if (args.flags.has('json')) return printJson(io, page);
      for (const s of page.items) {
        io.out(`${String(s.id).padStart(6)}  ${s.status.padEnd(9)}  ${s.score.toFixed(2)}  ${s.productionTitle}  ${s.path}\n`);
        for (const h of s.hits.slice(0, 3)) io.out(`        ${h.field}: "${h.text}" — ${h.reason}\n`);
      }
      io.out(`${page.total} suggestions\n`);
    },
  },
  {
    path: ['accept'],
    usage:
      'workbench accept <caseDir> <suggestionId> [--status suspected|confirmed|ruled-out] [--confidence …] [--rationale TEXT] [--examiner E] [--json]',
    summary: 'accept a suggestion: tags the artifact to its production with the suggestion as evidence',
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = caseDirOf(args);
      const decided = await io.call('suggestions.decide', {
        dir,
        examiner: await examinerOf(args, io, dir),
        id: wholeNumber(requirePositional(args, 1, '<suggestionId>'), '<suggestionId>'),
        decision: 'accept',
        status: oneOf(args.flags.get('status'), TAG_STATUSES, '--status', 'suspected'),
        confidence: oneOf(args.flags.get('confidence'), CONFIDENCES, '--confidence', 'medium'),
        rationale: typeof args.flags.get('rationale') === 'string' ? String(args.flags.get('rationale')) : '',
      });
      if (args.flags.has('json')) printJson(io, decided);
      else io.out(`accepted: ${decided.path} tagged ${decided.productionTitle} (tag ${decided.tagId})\n`);
    },
  },
  {
    path: ['dismiss'],
    usage: 'workbench dismiss <caseDir> <suggestionId> [--examiner E] [--json]',
    summary: 'dismiss a suggestion (recorded; the evidence stays visible)',
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = caseDirOf(args);
      const decided = await io.call('suggestions.decide', {
        dir,
        examiner: await examinerOf(args, io, dir),
        id: wholeNumber(requirePositional(args, 1, '<suggestionId>'), '<suggestionId>'),
        decision: 'dismiss',
      });
      if (args.flags.has('json')) printJson(io, decided);
      else io.out(`dismissed the suggestion ${decided.productionTitle} for ${decided.path}\n`);
    },
  },
  {
    path: ['undo'],
    usage: 'workbench undo <caseDir> [--examiner E] [--json]',
    summary: "undo the examiner's latest review change (the undo itself is audited)",
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = caseDirOf(args);
      const result = await io.call('review.undo', { dir, examiner: await examinerOf(args, io, dir) });
      if (args.flags.has('json')) return printJson(io, result);
      io.out(result.done ? `${result.done.summary}\n` : 'nothing to undo\n');
    },
  },
  {
    path: ['audit', 'list'],
    usage: 'workbench audit list <caseDir> [--examiner E] [--action A] [--artifact ID] [--limit N] [--json]',
    summary: 'the case audit trail, newest first',
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = caseDirOf(args);
      const flag = (name: string): string | undefined =>
        typeof args.flags.get(name) === 'string' ? String(args.flags.get(name)) : undefined;
      const examiner = flag('examiner');
      const action = flag('action');
      const artifact = flag('artifact');
      const limit = flag('limit');
      const page = await io.call('audit.list', {
        dir,
        ...(examiner ? { examiner } : {}),
        ...(action ? { action } : {}),
        ...(artifact ? { artifactId: wholeNumber(artifact, '--artifact') } : {}),
        limit: limit ? wholeNumber(limit, '--limit') : 500,
      });
      if (args.flags.has('json')) return printJson(io, page);
      for (const e of page.items) {
        const summary = typeof e.details.summary === 'string' ? e.details.summary : JSON.stringify(e.details).slice(0, 120);
        io.out(`${String(e.seq).padStart(6)}  ${e.at}  ${e.examiner}  ${e.action}  ${summary}\n`);
      }
    },
  },
  {
    path: ['audit', 'verify'],
    usage: 'workbench audit verify <caseDir> [--json]',
    summary: 'check the audit trail hash chain; exits 1 naming every edited, removed, inserted or reordered event',
    booleanFlags: ['json'],
    async run(args, io) {
      const result = await io.call('audit.verify', { dir: caseDirOf(args) });
      if (args.flags.has('json')) printJson(io, result);
      else if (result.ok) io.out(`audit trail verified: ${result.events} events, head ${result.head}\n`);
      else for (const p of result.problems) io.out(`event ${p.seq}: ${p.kind}: ${p.message}\n`);
      if (!result.ok)
        throw new AppError(
          'conflict',
          `audit trail does not verify: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`,
        );
    },
  },
  {
    path: ['production', 'list'],
    usage: 'workbench production list <caseDir> [--json]',
    summary: "the case's production watchlist with open suggestions and tags",
    booleanFlags: ['json'],
    async run(args, io) {
      const list = await io.call('productions.list', { dir: caseDirOf(args) });
      if (args.flags.has('json')) return printJson(io, list);
      for (const p of list) {
        io.out(`${p.id.padEnd(24)}  ${p.title}  (${p.openSuggestions} open suggestions, ${p.tagged} tagged)\n`);
        io.out(`${' '.repeat(26)}${p.aliases.map((a) => a.text).join(', ')}\n`);
      }
    },
  },
  {
    path: ['production', 'add'],
    usage:
      'workbench production add <caseDir> <title> [--alias TEXT:LANG]… [--network N] [--studio S] [--notes TEXT] [--examiner E] [--json]',
    summary: 'add a production to the watchlist (aliases in any script: --alias 인빈서블:ko)',
    booleanFlags: ['json'],
    async run(args, io) {
      const dir = caseDirOf(args);
      const title = requirePositional(args, 1, '<title>');
      const aliases = (args.repeated.get('alias') ?? []).map((raw) => {
        const at = raw.lastIndexOf(':');
        if (at <= 0) throw new UsageError(`--alias takes TEXT:LANG, e.g. 인빈서블:ko, got "${raw}"`);
        return { text: raw.slice(0, at), lang: raw.slice(at + 1), kind: 'title' as const };
      });
      const network = args.flags.get('network');
      const studio = args.flags.get('studio');
      const notes = args.flags.get('notes');
      const saved = await io.call('productions.save', {
        dir,
        examiner: await examinerOf(args, io, dir),
        production: {
          title,
          aliases,
          networks: typeof network === 'string' ? [network] : [],
          studios: typeof studio === 'string' ? [studio] : [],
          notes: typeof notes === 'string' ? notes : '',
        },
      });
      if (args.flags.has('json')) printJson(io, saved);
      else io.out(`added ${saved.title} as ${saved.id}; suggestions are being refreshed\n`);
    },
  },
  {
    path: ['production', 'remove'],
    usage: 'workbench production remove <caseDir> <id> [--examiner E]',
    summary: 'take a production off the watchlist (its tags stay)',
    booleanFlags: [],
    async run(args, io) {
      const dir = caseDirOf(args);
      const id = requirePositional(args, 1, '<id>');
      await io.call('productions.remove', { dir, examiner: await examinerOf(args, io, dir), id });
      io.out(`removed ${id} from the watchlist\n`);
    },
  },
  {
    path: ['production', 'import'],
    usage: 'workbench production import <caseDir> <watchlist.json> [--replace] [--examiner E] [--json]',
    summary: 'add the productions of a watchlist file (or replace the list with them)',
    booleanFlags: ['json', 'replace'],
    async run(args, io) {
      const dir = caseDirOf(args);
      const file = path.resolve(requirePositional(args, 1, '<watchlist.json>'));
      let parsed: Watchlist;
      try {
        parsed = Watchlist.parse(JSON.parse(readFileSync(file, 'utf8')));
      } catch (e) {
        throw new UsageError(`${file} is not a watchlist file: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
      }
      const list = await io.call('productions.import', {
        dir,
        examiner: await examinerOf(args, io, dir),
        watchlist: parsed,
        replace: args.flags.has('replace'),
      });
      if (args.flags.has('json')) printJson(io, list);
      else io.out(`${list.length} productions on the watchlist\n`);
    },
  },
  {
    path: ['production', 'export'],
    usage: 'workbench production export <caseDir>',
    summary: 'print the watchlist as a JSON file that production import reads',
    booleanFlags: ['json'],
    async run(args, io) {
      printJson(io, await io.call('productions.export', { dir: caseDirOf(args) }));
    },
  },
];
