import type { ArtifactFilters } from '../../shared/domain/artifact';
import { LanguageLabel } from '../../shared/domain/analysis';
import { UsageError, wholeNumber, type ParsedArgs } from './args';
import type { CliIo } from './command';

/** The filter flags `list` and `search` share with the UI, as they appear in usage lines. */
export const FILTER_USAGE =
  '[--production P] [--status suspected|confirmed|ruled-out|untagged] [--suggested P] [--label NAME] [--starred|--not-starred] ' +
  '[--language zh-Hans|zh-Hant|ko|ja|en|other] [--variant hans|hant|mixed] [--nk-min 0..1] [--stage S] [--type image/|pdf|…] ' +
  '[--from DATE] [--to DATE] [--has-notes] [--has-errors] [--duplicates] [--mismatch] [--source ID] [--folder PATH/] [--filter TEXT]';

export const FILTER_BOOLEANS = ['starred', 'not-starred', 'has-notes', 'has-errors', 'duplicates', 'mismatch'];

const text = (args: ParsedArgs, name: string): string | undefined => {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
};

/** ISO 8601 date or date-time, as the timeline and the filters compare them; anything else is a usage error. */
function isoBound(raw: string | undefined, flag: string): string | undefined {
  if (raw === undefined) return undefined;
  if (
    !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) ||
    Number.isNaN(Date.parse(raw.slice(0, 10)))
  )
    throw new UsageError(`${flag} must be a date such as 2024-03-15 or 2024-03-15T14:22:05Z, got "${raw}"`);
  return raw.replace(' ', 'T');
}

/**
 * The filter flags as the contract's filters. Names the analyst typed are checked against the case (a production
 * not on the watchlist, an unknown label), so a typo is an error instead of an empty listing.
 */
export async function parseFilters(args: ParsedArgs, io: CliIo, dir: string): Promise<ArtifactFilters> {
  const filters: ArtifactFilters = {};
  const production = text(args, 'production');
  const suggested = text(args, 'suggested');
  for (const [flag, id] of [
    ['--production', production],
    ['--suggested', suggested],
  ] as const) {
    if (id === undefined) continue;
    const productions = await io.call('productions.list', { dir });
    if (!productions.some((p) => p.id === id))
      throw new UsageError(`${flag} "${id}" is not on this case's watchlist (known: ${productions.map((p) => p.id).join(', ') || 'none'})`);
  }
  if (production) filters.production = production;
  if (suggested) filters.suggested = suggested;
  const status = text(args, 'status');
  if (status !== undefined) {
    if (!['suspected', 'confirmed', 'ruled-out', 'untagged'].includes(status))
      throw new UsageError(`--status must be suspected, confirmed, ruled-out or untagged, got "${status}"`);
    filters.tagStatus = status as NonNullable<ArtifactFilters['tagStatus']>;
  }
  const label = text(args, 'label');
  if (label !== undefined) {
    const found = (await io.call('labels.list', { dir })).find((l) => l.name === label || String(l.id) === label);
    if (!found) throw new UsageError(`no label "${label}" in this case (create it with workbench label create)`);
    filters.labelId = found.id;
  }
  if (args.flags.has('starred') && args.flags.has('not-starred')) throw new UsageError('--starred and --not-starred exclude each other');
  if (args.flags.has('starred')) filters.starred = true;
  if (args.flags.has('not-starred')) filters.starred = false;
  const language = text(args, 'language');
  if (language !== undefined) {
    const parsed = LanguageLabel.safeParse(language);
    if (!parsed.success) throw new UsageError(`--language must be one of ${LanguageLabel.options.join(', ')}, got "${language}"`);
    filters.language = parsed.data;
  }
  const variant = text(args, 'variant');
  if (variant !== undefined) {
    if (!['hans', 'hant', 'mixed'].includes(variant)) throw new UsageError(`--variant must be hans, hant or mixed, got "${variant}"`);
    filters.variant = variant as 'hans' | 'hant' | 'mixed';
  }
  const nkMin = text(args, 'nk-min');
  if (nkMin !== undefined) {
    const n = Number(nkMin);
    if (!(n >= 0 && n <= 1)) throw new UsageError(`--nk-min must be a number from 0 to 1, got "${nkMin}"`);
    filters.nkMin = n;
  }
  const stage = text(args, 'stage');
  if (stage) filters.stage = stage;
  const type = text(args, 'type');
  if (type) filters.type = type;
  const from = isoBound(text(args, 'from'), '--from');
  const to = isoBound(text(args, 'to'), '--to');
  if (from) filters.from = from;
  if (to) filters.to = to;
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  if (args.flags.has('has-notes')) filters.hasNotes = true;
  if (args.flags.has('has-errors')) filters.hasErrors = true;
  if (args.flags.has('duplicates')) filters.duplicates = true;
  if (args.flags.has('mismatch')) filters.mismatch = true;
  const source = text(args, 'source');
  if (source !== undefined) filters.sourceId = wholeNumber(source, '--source');
  const folder = text(args, 'folder');
  if (folder) filters.pathPrefix = folder.endsWith('/') ? folder : `${folder}/`;
  const filter = text(args, 'filter');
  if (filter) filters.filter = filter;
  return filters;
}
