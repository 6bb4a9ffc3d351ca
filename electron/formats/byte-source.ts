import type { PathLike } from 'node:fs';
import { openEvidence } from '../lib/evidence-file';
import type { ByteSource } from './types';

export function bufferSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.byteLength,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.byteLength, offset + length)),
    readAll: async (maxBytes) => (maxBytes === undefined ? bytes : bytes.subarray(0, maxBytes)),
  };
}

/**
 * A file's bytes for the extractors. Evidence integrity: opened read-only, without following links and without
 * touching atime (see openEvidence), once per read, so nothing keeps evidence open between reads. The path may be
 * a Buffer, for names that are not valid UTF-8.
 */
export function fileSource(file: PathLike, size: number): ByteSource {
  const read = async (offset: number, length: number): Promise<Uint8Array> => {
    const wanted = Math.max(0, Math.min(length, size - offset));
    const buf = Buffer.alloc(wanted);
    if (wanted === 0) return buf;
    const handle = await openEvidence(file);
    try {
      let done = 0;
      while (done < wanted) {
        const { bytesRead } = await handle.read(buf, done, wanted - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === wanted ? buf : buf.subarray(0, done);
    } finally {
      await handle.close();
    }
  };
  return { size, read, readAll: (maxBytes) => read(0, maxBytes === undefined ? size : Math.min(size, maxBytes)) };
}
