import { createHash } from 'node:crypto';
import { readSync } from 'node:fs';

export interface Digests {
  sha256: string;
  sha1: string;
  md5: string;
}

export const HASH_CHUNK_BYTES = 1024 * 1024;

/** Feeds SHA-256, SHA-1 and MD5 from the same chunks, so the three digests always describe the same bytes. */
export class MultiHash {
  private readonly sha256 = createHash('sha256');
  private readonly sha1 = createHash('sha1');
  private readonly md5 = createHash('md5');
  bytes = 0;

  update(chunk: Uint8Array): void {
    this.sha256.update(chunk);
    this.sha1.update(chunk);
    this.md5.update(chunk);
    this.bytes += chunk.byteLength;
  }

  digest(): Digests {
    return { sha256: this.sha256.digest('hex'), sha1: this.sha1.digest('hex'), md5: this.md5.digest('hex') };
  }
}

export interface HashedBytes {
  digests: Digests;
  bytes: number;
  /** The first `headBytes` bytes (fewer for a shorter file), for type detection. */
  head: Uint8Array;
}

/**
 * Evidence integrity: the three digests are taken in ONE sequential read pass over an already-open descriptor, from
 * offset 0 until the read returns 0 (end of file), not up to a size taken earlier, so a file that grew is hashed
 * whole and the byte count tells. `buffer` is reused between calls; `onChunk` reports progress after every read.
 */
export function hashFd(fd: number, buffer: Buffer, headBytes: number, onChunk?: (bytes: number) => void): HashedBytes {
  const hash = new MultiHash();
  const head = Buffer.alloc(headBytes);
  let headLength = 0;
  for (;;) {
    const n = readSync(fd, buffer, 0, buffer.byteLength, hash.bytes);
    if (n === 0) break;
    const chunk = buffer.subarray(0, n);
    if (headLength < headBytes) headLength += chunk.copy(head, headLength, 0, Math.min(n, headBytes - headLength));
    hash.update(chunk);
    onChunk?.(n);
  }
  return { digests: hash.digest(), bytes: hash.bytes, head: head.subarray(0, headLength) };
}
