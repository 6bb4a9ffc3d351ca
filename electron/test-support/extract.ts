import { bufferSource } from '../formats/byte-source';
import type { ByteSource, ExtractInput, Extractor, ExtractorOutput } from '../formats/types';
import type { LogRequestRecord } from '../model/log-requests';

/** As much of the file as run.ts reads for `accepts`. */
export const HEAD = 64 * 1024;

/** An input named by its path alone, as the tests' files have no other identity. */
export function extractInput(name: string, source: ByteSource): ExtractInput {
  return { name, path: name, size: source.size, source };
}

/**
 * Offers the bytes to one extractor as run.ts would; `out` only when it took them. `requests` are the access-log
 * requests it handed on, and `chunks` how many hand-overs that took.
 */
export async function runExtractor(
  extractor: Extractor,
  name: string,
  bytes: Uint8Array,
): Promise<{ accepted: boolean; out: ExtractorOutput | undefined; requests: LogRequestRecord[]; chunks: number }> {
  const source = bufferSource(bytes);
  const accepted = extractor.accepts(extractInput(name, source), await source.read(0, HEAD));
  const requests: LogRequestRecord[] = [];
  let chunks = 0;
  const logRequests = (rows: LogRequestRecord[]): void => {
    chunks++;
    for (const r of rows) requests.push(r);
  };
  return {
    accepted,
    out: accepted ? await extractor.extract({ ...extractInput(name, source), logRequests }) : undefined,
    requests,
    chunks,
  };
}

/** Wraps a source to count the reads an extractor makes and the bytes they return: work measured, not time. */
export function countReads(inner: ByteSource): { source: ByteSource; reads: { calls: number; bytes: number } } {
  const reads = { calls: 0, bytes: 0 };
  const tally = (bytes: Uint8Array): Uint8Array => {
    reads.calls++;
    reads.bytes += bytes.byteLength;
    return bytes;
  };
  return {
    source: {
      size: inner.size,
      read: async (offset, length) => tally(await inner.read(offset, length)),
      readAll: async (maxBytes) => tally(await inner.readAll(maxBytes)),
    },
    reads,
  };
}
