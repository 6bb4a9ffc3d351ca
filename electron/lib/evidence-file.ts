import { constants, openSync, readSync, type PathLike } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { errnoCode } from './fs-errors';
import { HASH_CHUNK_BYTES } from './hashing';

const { O_RDONLY, O_NOFOLLOW = 0, O_NONBLOCK = 0, O_NOATIME = 0 } = constants;

/**
 * Evidence integrity: evidence is only ever opened read-only (O_RDONLY; never 'r+', 'w' or 'a').
 * - O_NOFOLLOW: a path that became a symlink since it was listed is refused, never followed.
 * - O_NONBLOCK: a path that became a FIFO since it was listed cannot block the open; callers then fstat and refuse
 *   anything that is not a regular file. It has no effect on reads from regular files.
 * - O_NOATIME (Linux): reading does not update the access time. The kernel allows it only to the file's owner or
 *   with CAP_FOWNER; otherwise (EPERM) the open is retried without it, and the OS may then update atime itself.
 * Flags missing on a platform (Windows) are 0.
 */
const READ_ONLY = O_RDONLY | O_NOFOLLOW | O_NONBLOCK;

export function openEvidenceSync(file: PathLike): number {
  if (O_NOATIME) {
    try {
      return openSync(file, READ_ONLY | O_NOATIME);
    } catch (e) {
      if (errnoCode(e) !== 'EPERM') throw e;
    }
  }
  return openSync(file, READ_ONLY);
}

export async function openEvidence(file: PathLike): Promise<FileHandle> {
  if (O_NOATIME) {
    try {
      return await open(file, READ_ONLY | O_NOATIME);
    } catch (e) {
      if (errnoCode(e) !== 'EPERM') throw e;
    }
  }
  return open(file, READ_ONLY);
}

/**
 * Evidence integrity: the whole content of an open file, read from offset 0 until a read returns 0 (end of file), not
 * up to `size`, the size seen at open: a file that grew is read whole and the byte count tells. `onRead` hears of
 * every read (progress, heartbeats).
 */
export function readToEnd(fd: number, size: number, onRead?: (bytes: number) => void): Buffer {
  let bytes = Buffer.allocUnsafe(size + 1);
  let done = 0;
  for (;;) {
    if (done === bytes.byteLength) {
      const grown = Buffer.allocUnsafe(bytes.byteLength * 2);
      bytes.copy(grown);
      bytes = grown;
    }
    const n = readSync(fd, bytes, done, Math.min(HASH_CHUNK_BYTES, bytes.byteLength - done), done);
    if (n === 0) break;
    done += n;
    onRead?.(n);
  }
  return bytes.subarray(0, done);
}
