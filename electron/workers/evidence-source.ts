import { openEvidence } from '../lib/evidence-file';
import type { ByteSource } from '../services/extract/types';

/**
 * A file's bytes for the extractors. Evidence integrity: opened read-only, without following links and without
 * touching atime (see openEvidence), once per read, so nothing keeps evidence open between reads.
 */
export function evidenceFileSource(file: Buffer, size: number): ByteSource {
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
