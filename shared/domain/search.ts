import { z } from 'zod';
import { ArtifactFilters } from './artifact';
import { LogFilter } from './logs';
import { TypedText } from './text';

/** Full-text search, restricted by the same filters as the artifact list (the `search` filter itself excepted). */
export const SearchQuery = ArtifactFilters.omit({ search: true }).extend({
  dir: z.string().min(1),
  query: TypedText(1000).trim().min(1, 'query must not be empty'),
  limit: z.number().int().min(1).max(10_000).default(200),
});
export type SearchQuery = z.input<typeof SearchQuery>;

/** A matched range of a snippet, in UTF-16 code units: `snippet.slice(start, end)` is what matched. */
export const TextRange = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type TextRange = z.infer<typeof TextRange>;

export const SearchHit = z.object({
  artifactId: z.number().int(),
  path: z.string(),
  mime: z.string().nullable(),
  /** Where the match is: `path`, `text`, or `metadata`. */
  field: z.string(),
  /** The evidence's own text around the first match (never its folded search form), with `…` where cut. */
  snippet: z.string(),
  /** Every match of every query term inside the snippet, in order. */
  highlights: z.array(TextRange),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const LocateQuery = z.object({
  dir: z.string().min(1),
  id: z.number().int(),
  query: TypedText(1000).trim().min(1, 'query must not be empty'),
});
export type LocateQuery = z.input<typeof LocateQuery>;

/**
 * Where a search's terms occur in one artifact's extracted text, matched the way search matches (case, width and
 * Chinese variants folded), as ranges of the text the detail pane shows: the whole text and each PDF page's text.
 */
export const TextMatches = z.object({
  text: z.array(TextRange),
  pages: z.array(z.object({ page: z.number().int(), ranges: z.array(TextRange) })),
  /** More matches than the few hundred listed per text. */
  capped: z.boolean(),
});
export type TextMatches = z.infer<typeof TextMatches>;

/**
 * Where a timeline page ended: the last event's sort key (UTC instant, or the wall-clock value when no offset was
 * recorded), path, field and id. The next page starts after it, so a deep page costs what the first one does.
 */
export const TimelineCursor = z.object({ key: z.string(), path: z.string(), field: z.string(), id: z.string() });
export type TimelineCursor = z.infer<typeof TimelineCursor>;

/**
 * `ip`, `asn`, `country` and `region` (see `LogFilter`) narrow the timeline to access-log requests from that
 * client, network or place.
 */
export const TimelineQuery = LogFilter.extend({
  dir: z.string().min(1),
  artifactId: z.number().int().optional(),
  sourceId: z.number().int().optional(),
  /** Only artifacts whose path starts with this prefix (a folder of the source tree, as `FolderSummary.path`). */
  pathPrefix: z.string().optional(),
  /** Inclusive bounds, compared as ISO 8601 text with the UTC instant (or, without an offset, the wall-clock value). */
  from: z.string().optional(),
  to: z.string().optional(),
  /** Events after this one (the previous page's `next`); the first page without it. */
  after: TimelineCursor.optional(),
  limit: z.number().int().min(1).max(100_000).default(1000),
});
export type TimelineQuery = z.input<typeof TimelineQuery>;

export const TimelineEvent = z.object({
  artifactId: z.number().int(),
  path: z.string(),
  field: z.string(),
  value: z.string(),
  hasOffset: z.boolean(),
  utc: z.string().nullable(),
  label: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** One page of the timeline; `next` is where the following page starts, null when this one is the last. */
export const TimelinePage = z.object({ events: z.array(TimelineEvent), next: TimelineCursor.nullable() });
export type TimelinePage = z.infer<typeof TimelinePage>;
