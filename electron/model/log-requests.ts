/**
 * One request of a web-server access log, as the access-log reader hands it on: outside the extraction (a log of
 * millions of lines would not fit in one JSON document), a chunk at a time, to be written as rows of its own.
 * Plain structured-clone-safe data; absent fields are null, as they are stored.
 */
export interface LogRequestRecord {
  /** 1-based number of the non-empty line. */
  line: number;
  /** As logged, with the server's offset: `2024-03-15T14:22:05+09:00`. */
  at: string | null;
  /** The same instant in UTC (`2024-03-15T05:22:05.000Z`), the timeline's sort key. */
  utc: string | null;
  ip: string;
  method: string | null;
  path: string | null;
  status: number | null;
  bytes: number | null;
  referer: string | null;
  userAgent: string | null;
}

/** Receives a log's requests in line order, a chunk at a time; may block (the worker waits for the main thread to keep up). */
export type LogRequestSink = (rows: LogRequestRecord[]) => void;

/** Requests per chunk handed on: large enough that messages cost little, small enough to bound what is in flight. */
export const LOG_REQUEST_CHUNK = 4096;

/**
 * Requests stored per log at most (README: "Access logs"). Beyond it the summary still counts every line, but the
 * requests are not stored, listed, placed on the timeline or counted per network and region; the extraction warns.
 */
export const MAX_STORED_REQUESTS = 5_000_000;
