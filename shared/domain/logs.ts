import { z } from 'zod';

/*
 * Who accessed a server, from where: one web-server access log analysed from its stored requests (one row per
 * request), grouped by client, network (AS number and organisation), country and region, and method and path.
 * Times are UTC ISO strings; `null` where the log or the offline lookup data had nothing.
 */

const dir = z.string().min(1);
const count = z.number().int().min(0);
const time = z.string().nullable();

/**
 * Methods that change what the server holds: HTTP uploads and every WebDAV write (RFC 4918, 3253, 3648, 5842).
 * Requests with these methods are listed as uploads.
 */
export const WRITE_METHODS: readonly string[] = [
  'PUT',
  'POST',
  'PATCH',
  'DELETE',
  'MKCOL',
  'COPY',
  'MOVE',
  'PROPPATCH',
  'LOCK',
  'UNLOCK',
  'ACL',
  'MKCALENDAR',
  'MKWORKSPACE',
  'MKACTIVITY',
  'VERSION-CONTROL',
  'CHECKIN',
  'CHECKOUT',
  'UNCHECKOUT',
  'UPDATE',
  'LABEL',
  'MERGE',
  'BASELINE-CONTROL',
  'ORDERPATCH',
  'BIND',
  'UNBIND',
  'REBIND',
];
/** Requests listed as downloads. */
export const READ_METHODS: readonly string[] = ['GET'];

/**
 * Narrows requests to a client, a network or a place. `asn: 0` selects clients with no AS (private or unknown
 * space); `country: ''` and `region: ''` select requests whose country or region is unknown.
 */
export const LogFilter = z.object({
  ip: z.string().min(1).max(200).optional(),
  asn: z.number().int().min(0).optional(),
  country: z.string().max(8).optional(),
  region: z.string().max(200).optional(),
});
export type LogFilter = z.infer<typeof LogFilter>;

export const LogSummaryQuery = z.object({ dir, artifactId: z.number().int() });
export type LogSummaryQuery = z.infer<typeof LogSummaryQuery>;

export const LogRequestQuery = LogFilter.extend({
  dir,
  artifactId: z.number().int(),
  method: z.string().min(1).max(40).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(10_000).default(200),
});
export type LogRequestQuery = z.input<typeof LogRequestQuery>;

export const LogRequest = z.object({
  id: z.number().int(),
  /** Number of the non-empty line in the log. */
  line: z.number().int(),
  /** As logged, with the server's offset. */
  at: time,
  utc: time,
  ip: z.string(),
  method: z.string().nullable(),
  path: z.string().nullable(),
  status: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
  referer: z.string().nullable(),
  userAgent: z.string().nullable(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  asn: z.number().int().nullable(),
  network: z.string().nullable(),
});
export type LogRequest = z.infer<typeof LogRequest>;

export const LogRequestPage = z.object({ total: count, items: z.array(LogRequest) });
export type LogRequestPage = z.infer<typeof LogRequestPage>;

const span = { requests: count, firstAt: time, lastAt: time };

export const LogClientStat = z.object({
  ip: z.string(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  asn: z.number().int().nullable(),
  network: z.string().nullable(),
  ...span,
});
export type LogClientStat = z.infer<typeof LogClientStat>;

export const LogNetworkStat = z.object({ asn: z.number().int().nullable(), network: z.string().nullable(), clients: count, ...span });
export type LogNetworkStat = z.infer<typeof LogNetworkStat>;

export const LogPlaceStat = z.object({ country: z.string().nullable(), region: z.string().nullable(), clients: count, ...span });
export type LogPlaceStat = z.infer<typeof LogPlaceStat>;

export const LogMethodStat = z.object({ method: z.string().nullable(), requests: count, clients: count, isWrite: z.boolean() });
export type LogMethodStat = z.infer<typeof LogMethodStat>;

export const LogPathStat = z.object({
  method: z.string().nullable(),
  path: z.string().nullable(),
  /** Answered with a 2xx status. */
  succeeded: count,
  clients: count,
  ...span,
});
export type LogPathStat = z.infer<typeof LogPathStat>;

/** One access log, analysed. Each list is sorted by requests, most first, and cut at `listLimit`. */
export const LogAnalysis = z.object({
  artifactId: z.number().int(),
  path: z.string(),
  format: z.enum(['combined', 'common']).nullable(),
  /** Non-empty lines and those that parsed, as the extraction counted them. */
  lines: count,
  parsed: count,
  /** Requests stored (at most the documented limit) and their distinct clients. */
  requests: count,
  clientCount: count,
  firstAt: time,
  lastAt: time,
  listLimit: count,
  clients: z.array(LogClientStat),
  networks: z.array(LogNetworkStat),
  places: z.array(LogPlaceStat),
  methods: z.array(LogMethodStat),
  uploads: z.array(LogPathStat),
  downloads: z.array(LogPathStat),
  /** The extraction's notes on the log (lines that did not parse, limits reached). */
  warnings: z.array(z.string()),
});
export type LogAnalysis = z.infer<typeof LogAnalysis>;
