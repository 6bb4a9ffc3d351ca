import { z } from 'zod';
import { JsonValue } from './json';

/**
 * One metadata tag. `value` is the readable (print-converted) value; `raw` is the unconverted machine value,
 * matching `exiftool -n`, present only when it differs from `value`. `bytes` keeps the original bytes (hex) of a
 * string that had to be decoded from a legacy or unusual encoding, named in `encoding`, so analysts can re-decode.
 */
export const MetaValue = z.object({
  value: JsonValue,
  raw: JsonValue.optional(),
  bytes: z.string().optional(),
  encoding: z.string().optional(),
});
export type MetaValue = z.infer<typeof MetaValue>;

/** Group (ExifTool family-1 name such as `IFD0`, `ExifIFD`, `XMP-dc`, `PDF`) → tag name (ExifTool spelling) → value. */
export const MetadataGroups = z.record(z.string(), z.record(z.string(), MetaValue));
export type MetadataGroups = z.infer<typeof MetadataGroups>;

export const EncodingInfo = z.object({
  /** WHATWG / IANA label as decoded, lower case, e.g. `utf-8`, `gb18030`, `euc-kr`, `shift_jis`, `utf-16le`. */
  name: z.string(),
  confidence: z.number().min(0).max(1),
  bom: z.boolean().optional(),
  /** Human-readable reason for the choice, e.g. `BOM`, `strict UTF-8`, `statistical (jschardet)`. */
  method: z.string().optional(),
});
export type EncodingInfo = z.infer<typeof EncodingInfo>;

export const PageText = z.object({
  page: z.number().int().positive(),
  text: z.string(),
  /** Annotation contents on this page (editing comments often live there). */
  annotations: z
    .array(z.object({ subtype: z.string(), author: z.string().optional(), contents: z.string(), modified: z.string().optional() }))
    .optional(),
});
export type PageText = z.infer<typeof PageText>;

/**
 * One date found anywhere in an artifact, normalised to ISO 8601. `value` keeps the offset when the source gave
 * one (`2024-03-15T14:22:05+09:00`); otherwise it is local wall-clock time with no offset and `hasOffset` is false —
 * never silently re-zoned. `utc` is filled only when the instant is known.
 */
export const TimestampEntry = z.object({
  field: z.string(),
  value: z.string(),
  hasOffset: z.boolean(),
  utc: z.string().optional(),
  label: z.string().optional(),
});
export type TimestampEntry = z.infer<typeof TimestampEntry>;

export const XmpHistoryEvent = z.object({
  action: z.string().optional(),
  softwareAgent: z.string().optional(),
  when: z.string().optional(),
  instanceId: z.string().optional(),
  changed: z.string().optional(),
});
export type XmpHistoryEvent = z.infer<typeof XmpHistoryEvent>;

/** XMP media-management identity of a file: what links derived files to their originals. */
export const DocumentIdentity = z.object({
  creatorTool: z.string().optional(),
  documentId: z.string().optional(),
  instanceId: z.string().optional(),
  originalDocumentId: z.string().optional(),
  derivedFrom: z.object({ documentId: z.string().optional(), instanceId: z.string().optional() }).optional(),
  history: z.array(XmpHistoryEvent).optional(),
});
export type DocumentIdentity = z.infer<typeof DocumentIdentity>;

export const LogClient = z.object({
  ip: z.string(),
  country: z.string().optional(),
  /** Province or state, from the offline city data. */
  region: z.string().optional(),
  asn: z.number().int().optional(),
  network: z.string().optional(),
  requests: z.number().int(),
  firstAt: z.string().optional(),
  lastAt: z.string().optional(),
  topPaths: z.array(z.object({ path: z.string(), count: z.number().int() })),
  userAgents: z.array(z.string()),
});
export type LogClient = z.infer<typeof LogClient>;

/** Who accessed what from where, for one web-server access log. */
export const LogSummary = z.object({
  format: z.enum(['combined', 'common']),
  lines: z.number().int(),
  parsed: z.number().int(),
  firstAt: z.string().optional(),
  lastAt: z.string().optional(),
  clients: z.array(LogClient),
  countries: z.array(z.object({ country: z.string(), requests: z.number().int() })),
});
export type LogSummary = z.infer<typeof LogSummary>;

/** Everything extracted from one artifact. All fields JSON-safe. */
export const Extraction = z.object({
  metadata: MetadataGroups,
  text: z.string().optional(),
  textTruncated: z.boolean().optional(),
  encoding: EncodingInfo.optional(),
  pages: z.array(PageText).optional(),
  timestamps: z.array(TimestampEntry),
  identity: DocumentIdentity.optional(),
  logSummary: LogSummary.optional(),
  /** Non-fatal problems (a bad segment, an undecodable field); the extraction still holds what could be read. */
  warnings: z.array(z.string()),
  /** Which extractors ran, with versions, and the error of any that failed. */
  extractors: z.array(z.object({ name: z.string(), version: z.number().int(), error: z.string().optional(), ms: z.number().optional() })),
});
export type Extraction = z.infer<typeof Extraction>;
