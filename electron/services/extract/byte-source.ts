import { open } from 'node:fs/promises';
import type { ByteSource } from './types';

export function bufferSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.byteLength,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.byteLength, offset + length)),
    readAll: async (maxBytes) => (maxBytes === undefined ? bytes : bytes.subarray(0, maxBytes)),
  };
}

/** Evidence integrity: the file is opened with flag 'r' only, per read, so nothing can write to it or hold it open. */
export function fileSource(path: string, size: number): ByteSource {
  const readRange = async (offset: number, length: number): Promise<Uint8Array> => {
    const len = Math.max(0, Math.min(length, size - offset));
    const buf = Buffer.alloc(len);
    if (len === 0) return buf;
    const fh = await open(path, 'r');
    try {
      let done = 0;
      while (done < len) {
        const { bytesRead } = await fh.read(buf, done, len - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === len ? buf : buf.subarray(0, done);
    } finally {
      await fh.close();
    }
  };
  return { size, read: readRange, readAll: (maxBytes) => readRange(0, maxBytes === undefined ? size : Math.min(size, maxBytes)) };
}
