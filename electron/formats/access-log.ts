import type { LogClient, LogSummary, MetadataGroups } from '../../shared/domain/extraction';
import { LOG_REQUEST_CHUNK, MAX_STORED_REQUESTS, type LogRequestRecord, type LogRequestSink } from '../model/log-requests';
import type { Extractor, ExtractorOutput } from './types';

/**
 * Web-server access logs in Common or Combined Log Format, recognised by content whatever the file is called:
 * who requested what and when (with the server's UTC offset kept). Every request is handed on to be stored as a
 * row of its own; where the clients are (country, region, network) is looked up where the rows are written, once
 * per address, not in each extraction worker.
 */

const SAMPLE_LINES = 20;
/** Share of the sampled lines that must parse; quoted examples in prose or other log types stay well below. */
const MIN_SHARE = 0.75;
const MAX_CLIENTS = 1000;
const MAX_PATHS_PER_CLIENT = 1000;
/**
 * Client and path pairs counted for the summary's top paths, over all clients: a log of millions of lines from
 * thousands of clients would otherwise hold millions of counters. Pairs seen first keep exact counts.
 */
const MAX_TRACKED_PATHS = 200_000;
const MAX_AGENTS_PER_CLIENT = 20;
const TOP_PATHS = 10;
const MAX_TEXT_CHARS = 16 * 1024 * 1024;
const CHUNK = 4 * 1024 * 1024;
/** Far beyond any real request line; a file without newlines must not grow one string (and re-split it) without bound. */
const MAX_LINE_CHARS = 64 * 1024;

const QUOTED = String.raw`"((?:[^"\\]|\\.)*)"`;
/** `[vhost:port ]host ident user [time] "request" status bytes[ "referer" "agent"][ extra fields]` */
const LINE_RE = new RegExp(
  String.raw`^(?:[\w.-]+:\d+ )?([\w.:%-]+) (\S+) (\S+|"[^"]*") \[(\d{2}/[A-Za-z]{3}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] ${QUOTED} (\d{3}|-) (\d+|-)(?: ${QUOTED} ${QUOTED})?(?: .*)?$`,
);
const MONTHS: Record<string, string> = {
  Jan: '01',
  Feb: '02',
  Mar: '03',
  Apr: '04',
  May: '05',
  Jun: '06',
  Jul: '07',
  Aug: '08',
  Sep: '09',
  Oct: '10',
  Nov: '11',
  Dec: '12',
};

export interface ParsedLine {
  ip: string;
  /** ISO 8601 with the logged offset, e.g. `2000-10-10T13:55:36-07:00`. */
  time?: string;
  utcMs?: number;
  method?: string;
  path?: string;
  status?: number;
  bytes?: number;
  referer?: string;
  userAgent?: string;
  combined: boolean;
}

/** `10/Oct/2000:13:55:36 -0700` → `2000-10-10T13:55:36-07:00` and its instant. */
export function parseClfTime(text: string): { iso: string; utcMs: number } | undefined {
  const m = /^(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text);
  const month = m ? MONTHS[m[2] ?? ''] : undefined;
  if (!m || !month) return undefined;
  const iso = `${m[3]}-${month}-${m[1]}T${m[4]}:${m[5]}:${m[6]}${m[7]}${m[8]}:${m[9]}`;
  const utcMs = Date.parse(iso);
  return Number.isNaN(utcMs) ? undefined : { iso, utcMs };
}

const unescape = (s: string): string => s.replace(/\\(["\\])/g, '$1');
const dash = (s: string | undefined): string | undefined => (s === undefined || s === '-' || s === '' ? undefined : unescape(s));

export function parseLine(line: string): ParsedLine | undefined {
  const m = LINE_RE.exec(line);
  if (!m?.[1] || !m[4] || m[5] === undefined) return undefined;
  const time = parseClfTime(m[4]);
  if (!time) return undefined;
  const request = unescape(m[5]);
  const parts = /^([A-Z][A-Z_-]*) (\S+)(?: HTTP\/[\d.]+)?$/.exec(request);
  const referer = dash(m[8]);
  const userAgent = dash(m[9]);
  return {
    ip: m[1],
    time: time.iso,
    utcMs: time.utcMs,
    ...(parts ? { method: parts[1], path: parts[2] } : request !== '-' && request !== '' ? { path: request } : {}),
    ...(m[6] && m[6] !== '-' ? { status: Number(m[6]) } : {}),
    ...(m[7] && m[7] !== '-' ? { bytes: Number(m[7]) } : {}),
    ...(referer ? { referer } : {}),
    ...(userAgent ? { userAgent } : {}),
    combined: m[8] !== undefined,
  };
}

/** The format if most of the first non-empty lines of `text` are access-log lines. */
export function detectAccessLog(text: string, complete: boolean): 'combined' | 'common' | undefined {
  const lines: string[] = [];
  const all = text.split(/\r?\n/);
  // A head cut mid-file ends inside a line; that fragment says nothing.
  if (!complete) all.pop();
  for (const l of all) {
    if (l.trim() === '') continue;
    lines.push(l);
    if (lines.length >= SAMPLE_LINES) break;
  }
  if (lines.length === 0) return undefined;
  let parsed = 0;
  let combined = 0;
  for (const l of lines) {
    const p = parseLine(l);
    if (!p) continue;
    parsed++;
    if (p.combined) combined++;
  }
  if (parsed / lines.length < MIN_SHARE) return undefined;
  return combined * 2 >= parsed ? 'combined' : 'common';
}

interface ClientAgg {
  ip: string;
  requests: number;
  first?: { ms: number; iso: string };
  last?: { ms: number; iso: string };
  paths: Map<string, number>;
  agents: Set<string>;
}

/** Streams the log in chunks so that a multi-GB log is counted in full while what is held in memory stays bounded. */
class LogReader {
  readonly clients = new Map<string, ClientAgg>();
  private chunk: LogRequestRecord[] = [];
  stored = 0;
  private trackedPaths = 0;
  lines = 0;
  parsed = 0;
  cutLines = 0;
  combined = 0;
  text = '';
  textTruncated = false;
  first?: { ms: number; iso: string };
  last?: { ms: number; iso: string };
  private readonly unparsed: number[] = [];

  constructor(
    private readonly sink: LogRequestSink | undefined,
    private readonly maxStored: number,
  ) {}

  add(full: string): void {
    const line = full.length > MAX_LINE_CHARS ? full.slice(0, MAX_LINE_CHARS) : full;
    if (line !== full) this.cutLines++;
    if (this.text.length < MAX_TEXT_CHARS) this.text += `${line}\n`;
    else this.textTruncated = true;
    if (line.trim() === '') return;
    this.lines++;
    const p = parseLine(line);
    if (!p) {
      if (this.unparsed.length < 10) this.unparsed.push(this.lines);
      return;
    }
    this.parsed++;
    if (p.combined) this.combined++;
    const at = p.time !== undefined && p.utcMs !== undefined ? { ms: p.utcMs, iso: p.time } : undefined;
    if (at && (!this.first || at.ms < this.first.ms)) this.first = at;
    if (at && (!this.last || at.ms > this.last.ms)) this.last = at;

    let c = this.clients.get(p.ip);
    if (!c) {
      c = { ip: p.ip, requests: 0, paths: new Map(), agents: new Set() };
      this.clients.set(p.ip, c);
    }
    c.requests++;
    if (at && (!c.first || at.ms < c.first.ms)) c.first = at;
    if (at && (!c.last || at.ms > c.last.ms)) c.last = at;
    if (p.path !== undefined) {
      const seen = c.paths.get(p.path);
      if (seen !== undefined) c.paths.set(p.path, seen + 1);
      else if (c.paths.size < MAX_PATHS_PER_CLIENT && this.trackedPaths < MAX_TRACKED_PATHS) {
        c.paths.set(p.path, 1);
        this.trackedPaths++;
      }
    }
    if (p.userAgent && c.agents.size < MAX_AGENTS_PER_CLIENT) c.agents.add(p.userAgent);

    if (!this.sink || this.stored >= this.maxStored) return;
    this.stored++;
    this.chunk.push({
      line: this.lines,
      at: p.time ?? null,
      utc: p.utcMs === undefined ? null : new Date(p.utcMs).toISOString(),
      ip: p.ip,
      method: p.method ?? null,
      path: p.path ?? null,
      status: p.status ?? null,
      bytes: p.bytes ?? null,
      referer: p.referer ?? null,
      userAgent: p.userAgent ?? null,
    });
    if (this.chunk.length >= LOG_REQUEST_CHUNK) this.handOn();
  }

  /** Sends the requests gathered so far; call once more at the end of the log. */
  handOn(): void {
    if (this.chunk.length === 0 || !this.sink) return;
    const rows = this.chunk;
    this.chunk = [];
    this.sink(rows);
  }

  warnings(): string[] {
    const w: string[] = [];
    const unparsed = this.lines - this.parsed;
    if (unparsed > 0) {
      const shown = this.unparsed;
      w.push(
        `${unparsed} non-empty line${unparsed === 1 ? '' : 's'} did not parse as access-log entries (line${shown.length === 1 ? '' : 's'} ${shown.join(', ')}${unparsed > shown.length ? ', …' : ''})`,
      );
    }
    if (this.sink && this.parsed > this.maxStored)
      w.push(
        `${this.parsed} requests: only the first ${this.maxStored} are stored, listed, placed on the timeline and counted per network and region; the line and client counts cover all`,
      );
    if (this.clients.size > MAX_CLIENTS)
      w.push(`${this.clients.size} distinct clients: the summary lists the ${MAX_CLIENTS} with most requests`);
    if (this.cutLines > 0)
      w.push(`${this.cutLines} line${this.cutLines === 1 ? '' : 's'} longer than ${MAX_LINE_CHARS} characters: only the start was kept`);
    if (this.textTruncated) w.push(`log text longer than ${MAX_TEXT_CHARS} characters was truncated for search`);
    return w;
  }
}

/**
 * The log as the extraction keeps it: counts, time span and the most active clients. Countries, regions and networks
 * are filled in where the requests are stored (the lookup data lives there), so they are empty here.
 */
function summarise(r: LogReader, format: 'combined' | 'common'): { summary: LogSummary; metadata: MetadataGroups } {
  const clients: LogClient[] = [...r.clients.values()]
    .sort((a, b) => b.requests - a.requests || a.ip.localeCompare(b.ip))
    .slice(0, MAX_CLIENTS)
    .map((c) => ({
      ip: c.ip,
      requests: c.requests,
      ...(c.first ? { firstAt: c.first.iso } : {}),
      ...(c.last ? { lastAt: c.last.iso } : {}),
      topPaths: [...c.paths.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, TOP_PATHS)
        .map(([path, count]) => ({ path, count })),
      userAgents: [...c.agents],
    }));
  const summary: LogSummary = {
    format,
    lines: r.lines,
    parsed: r.parsed,
    ...(r.first ? { firstAt: r.first.iso } : {}),
    ...(r.last ? { lastAt: r.last.iso } : {}),
    clients,
    countries: [],
  };
  const metadata: MetadataGroups = {
    AccessLog: {
      Format: { value: format === 'combined' ? 'Combined Log Format' : 'Common Log Format', raw: format },
      Entries: { value: r.parsed },
      ...(r.first ? { FirstRequest: { value: r.first.iso } } : {}),
      ...(r.last ? { LastRequest: { value: r.last.iso } } : {}),
      UniqueClients: { value: r.clients.size },
    },
  };
  return { summary, metadata };
}

function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.byteLength, 4096);
  for (let i = 0; i < n; i++) if (head[i] === 0) return true;
  return false;
}

/** The access-log reader; `maxStored` caps the requests handed on per log (the documented limit unless a test lowers it). */
export const createAccessLogExtractor = (maxStored = MAX_STORED_REQUESTS): Extractor => ({
  name: 'access-log',
  // 2: requests are handed on as rows (no longer timeline entries of the extraction); places are filled where stored.
  version: 2,
  accepts(input, head) {
    if (head.byteLength === 0 || looksBinary(head)) return false;
    return detectAccessLog(new TextDecoder().decode(head), head.byteLength >= input.size) !== undefined;
  },
  async extract(input): Promise<ExtractorOutput> {
    const reader = new LogReader(input.logRequests, maxStored);
    const decoder = new TextDecoder();
    let pending = '';
    for (let offset = 0; offset < input.size; offset += CHUNK) {
      const chunk = await input.source.read(offset, CHUNK);
      if (chunk.byteLength === 0) break;
      const text = pending + decoder.decode(chunk, { stream: true });
      const lines = text.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) reader.add(line.replace(/\r$/, ''));
      // One character more than add() keeps, so that add() still sees the line as overlong and counts it.
      if (pending.length > MAX_LINE_CHARS) pending = pending.slice(0, MAX_LINE_CHARS + 1);
    }
    pending += decoder.decode();
    if (pending !== '') reader.add(pending.replace(/\r$/, ''));
    reader.handOn();
    const format = reader.combined * 2 >= reader.parsed ? 'combined' : 'common';
    const { summary, metadata } = summarise(reader, format);
    const warnings = reader.warnings();
    return {
      metadata,
      text: reader.text,
      ...(reader.textTruncated ? { textTruncated: true } : {}),
      logSummary: summary,
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  },
});

export const accessLogExtractor = createAccessLogExtractor();
