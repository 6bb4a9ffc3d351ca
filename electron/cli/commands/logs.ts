import path from 'node:path';
import type { LogAnalysis, LogFilter, LogPathStat, LogRequest } from '../../../shared/domain/logs';
import { UsageError, requirePositional, wholeNumber, type ParsedArgs } from '../args';
import { printJson, type CliIo, type Command } from '../command';

const number = new Intl.NumberFormat('en-US');

const stringFlag = (args: ParsedArgs, name: string): string | undefined => {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
};

/** `--ip`, `--asn`, `--country` and `--region`, as `LogFilter` reads them (`--asn 0`, `--region ''`: unknown). */
export function logFilterFlags(args: ParsedArgs): LogFilter {
  const ip = stringFlag(args, 'ip');
  const asn = stringFlag(args, 'asn');
  const country = stringFlag(args, 'country');
  const region = stringFlag(args, 'region');
  return {
    ...(ip !== undefined ? { ip } : {}),
    ...(asn !== undefined ? { asn: wholeNumber(asn.replace(/^AS/i, ''), '--asn') } : {}),
    ...(country !== undefined ? { country: country.toUpperCase() } : {}),
    ...(region !== undefined ? { region } : {}),
  };
}

const place = (country: string | null, region: string | null): string => [country ?? '??', region].filter(Boolean).join(' · ');
const network = (asn: number | null, name: string | null): string => (asn !== null ? `AS${asn}${name ? ` ${name}` : ''}` : (name ?? '—'));
const span = (first: string | null, last: string | null): string => `${first ?? '—'} → ${last ?? '—'}`;
const clients = (n: number): string => `${number.format(n)} client${n === 1 ? '' : 's'}`;
const requests = (n: number): string => `${number.format(n)} request${n === 1 ? '' : 's'}`;

function printPaths(io: CliIo, title: string, paths: readonly LogPathStat[]): void {
  if (paths.length === 0) return;
  io.out(`\n${title}\n`);
  for (const p of paths)
    io.out(
      `  ${String(p.requests).padStart(7)}  ${(p.method ?? '-').padEnd(9)} ${p.path ?? '-'}  (${p.succeeded} ok, ${clients(p.clients)}, ${span(p.firstAt, p.lastAt)})\n`,
    );
}

function printAnalysis(io: CliIo, a: LogAnalysis): void {
  io.out(`${a.path}: ${a.format ?? 'access'} log, ${number.format(a.parsed)} of ${number.format(a.lines)} lines parsed\n`);
  io.out(`${requests(a.requests)} stored from ${clients(a.clientCount)}, ${span(a.firstAt, a.lastAt)}\n`);
  for (const w of a.warnings) io.out(`warning: ${w}\n`);
  io.out('\nPlaces\n');
  for (const p of a.places) io.out(`  ${place(p.country, p.region)} · ${clients(p.clients)} · ${requests(p.requests)}\n`);
  io.out('\nNetworks\n');
  for (const n of a.networks) io.out(`  ${network(n.asn, n.network)} · ${clients(n.clients)} · ${requests(n.requests)}\n`);
  io.out('\nMethods\n');
  for (const m of a.methods)
    io.out(`  ${(m.method ?? '-').padEnd(10)} ${requests(m.requests)} · ${clients(m.clients)}${m.isWrite ? ' · writes' : ''}\n`);
  printPaths(io, 'Uploads (writes)', a.uploads);
  printPaths(io, 'Downloads', a.downloads);
  io.out('\nClients\n');
  for (const c of a.clients)
    io.out(
      `  ${c.ip.padEnd(39)} ${place(c.country, c.region).padEnd(24)} ${network(c.asn, c.network)} · ${requests(c.requests)} · ${span(c.firstAt, c.lastAt)}\n`,
    );
}

function printRequest(io: CliIo, r: LogRequest): void {
  const where = [place(r.country, r.region), network(r.asn, r.network)].join(', ');
  io.out(`${String(r.line).padStart(8)}  ${r.at ?? '-'}  ${r.ip}  ${r.method ?? '-'} ${r.path ?? '-'} ${r.status ?? '-'}  (${where})\n`);
}

export const logCommands: Command[] = [
  {
    path: ['logs'],
    usage:
      'workbench logs <caseDir> <artifactId> [--json]\n       workbench logs <caseDir> <artifactId> --requests [--ip IP] [--asn N] [--country CC] [--region NAME] [--method M] [--offset N] [--limit N] [--json]',
    summary: 'who accessed the server, from where: an access log by client, network, region, method and path (or its requests)',
    booleanFlags: ['json', 'requests'],
    async run(args, io) {
      const dir = path.resolve(requirePositional(args, 0, 'case folder <caseDir>'));
      const artifactId = wholeNumber(requirePositional(args, 1, '<artifactId>'), '<artifactId>');
      const json = args.flags.has('json');
      if (!args.flags.has('requests')) {
        const filters = ['ip', 'asn', 'country', 'region', 'method', 'offset', 'limit'].filter((f) => args.flags.has(f));
        if (filters.length) throw new UsageError(`--${filters[0]} applies to --requests`);
        const analysis = await io.call('logs.summary', { dir, artifactId });
        return json ? printJson(io, analysis) : printAnalysis(io, analysis);
      }
      const method = stringFlag(args, 'method');
      const offset = stringFlag(args, 'offset');
      const limit = stringFlag(args, 'limit');
      const page = await io.call('logs.requests', {
        dir,
        artifactId,
        ...logFilterFlags(args),
        ...(method !== undefined ? { method: method.toUpperCase() } : {}),
        offset: offset === undefined ? 0 : wholeNumber(offset, '--offset'),
        limit: limit === undefined ? 200 : wholeNumber(limit, '--limit'),
      });
      if (json) return printJson(io, page);
      for (const r of page.items) printRequest(io, r);
      io.out(`${number.format(page.items.length)} of ${requests(page.total)}\n`);
    },
  },
];
