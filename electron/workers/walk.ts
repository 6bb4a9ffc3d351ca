import { lstatSync, readdirSync, readlinkSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { statRecord } from '../lib/file-times';
import type { DecodedName, WalkEntry, WalkEvent } from '../model/inventory';
import { describeFsError } from '../lib/fs-errors';
import { decodeZipEntryName } from '../formats/zip/zip-names';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * File names are bytes on Unix. Valid UTF-8 is used as is; anything else (GBK or EUC-KR names copied from old
 * Windows systems) is decoded for display with the same detection as zip member names, and the raw bytes are kept,
 * both to show the analyst and to open the file again.
 */
function decodeName(raw: Buffer): DecodedName {
  try {
    return { name: strictUtf8.decode(raw), rawName: null, nameEncoding: null };
  } catch {
    const decoded = decodeZipEntryName(raw, 0, []);
    return { name: decoded.name, rawName: decoded.rawHex, nameEncoding: decoded.encoding };
  }
}

const SPECIAL_NAMES: [(st: BigIntStats) => boolean, string][] = [
  [(st) => st.isFIFO(), 'named pipe (FIFO)'],
  [(st) => st.isSocket(), 'socket'],
  [(st) => st.isCharacterDevice(), 'character device'],
  [(st) => st.isBlockDevice(), 'block device'],
];

/** Special files are never opened: opening a FIFO blocks until a writer appears, a device may be endless. */
function specialKind(st: BigIntStats): string | null {
  return SPECIAL_NAMES.find(([test]) => test(st))?.[1] ?? null;
}

interface Described {
  entry: WalkEntry;
  /** Device and inode of a folder, to detect loops. */
  identity: string | null;
}

function describe(abs: Buffer, rel: string, parentPath: string | null, name: DecodedName): Described {
  const base = { ...name, path: rel, parentPath, symlinkTarget: null, error: null };
  let st: BigIntStats;
  try {
    st = lstatSync(abs, { bigint: true });
  } catch (e) {
    return {
      entry: { ...base, kind: 'file', stat: null, status: 'error', error: describeFsError(e, 'cannot read file information') },
      identity: null,
    };
  }
  const stat = statRecord(st);
  if (st.isDirectory()) return { entry: { ...base, kind: 'directory', stat, status: 'ok' }, identity: `${st.dev}:${st.ino}` };
  if (st.isFile()) return { entry: { ...base, kind: 'file', stat, status: 'pending' }, identity: null };
  if (st.isSymbolicLink()) {
    // Links are recorded with their target, never followed: no loops, nothing outside the evidence is read.
    try {
      const target = decodeName(readlinkSync(abs, { encoding: 'buffer' }));
      return { entry: { ...base, kind: 'symlink', stat, status: 'ok', symlinkTarget: target.name }, identity: null };
    } catch (e) {
      return {
        entry: { ...base, kind: 'symlink', stat, status: 'error', error: describeFsError(e, 'cannot read link target') },
        identity: null,
      };
    }
  }
  const special = specialKind(st) ?? 'unknown file type';
  return { entry: { ...base, kind: 'special', stat, status: 'skipped', error: `special file (${special}): not opened` }, identity: null };
}

interface Folder {
  abs: Buffer;
  rel: string | null;
}

/**
 * Walks a folder depth-first with lstat, never following symbolic links, in byte order of names at each level.
 * A folder is reported before anything in it. Bind mounts that loop back are detected by device and inode.
 * A root that is a file yields that one file, named by its base name. Synchronous: it runs in a worker thread,
 * where blocking calls cost nothing and are several times faster than their async forms.
 */
export function* walk(root: string): Generator<WalkEvent> {
  const rootAbs = Buffer.from(path.resolve(root));
  const rootStat = lstatSync(rootAbs, { bigint: true });
  if (!rootStat.isDirectory()) {
    const name = decodeName(Buffer.from(path.basename(path.resolve(root))));
    yield { type: 'entry', entry: describe(rootAbs, name.name, null, name).entry };
    return;
  }
  const visited = new Set<string>([`${rootStat.dev}:${rootStat.ino}`]);
  const stack: Folder[] = [{ abs: rootAbs, rel: null }];
  const separator = Buffer.from(path.sep);
  for (let folder = stack.pop(); folder; folder = stack.pop()) {
    let names: Buffer[];
    try {
      names = readdirSync(folder.abs, { encoding: 'buffer' });
    } catch (e) {
      if (folder.rel === null) throw e;
      yield { type: 'unlisted', folder: { path: folder.rel, error: describeFsError(e, 'cannot list folder') } };
      continue;
    }
    names.sort(Buffer.compare);
    const used = new Set<string>();
    const subfolders: Folder[] = [];
    for (const raw of names) {
      const name = decodeName(raw);
      // Two different byte names can decode to the same text (a legacy name next to its UTF-8 twin): keep both.
      // The raw bytes are then always kept, since the shown name no longer opens the file.
      if (used.has(name.name)) {
        name.name = `${name.name} [bytes ${raw.toString('hex')}]`;
        name.rawName = raw.toString('hex');
        name.nameEncoding ??= 'utf-8';
      }
      used.add(name.name);
      const abs = Buffer.concat([folder.abs, separator, raw]);
      const { entry, identity } = describe(abs, folder.rel === null ? name.name : `${folder.rel}/${name.name}`, folder.rel, name);
      if (identity && visited.has(identity)) {
        entry.error = 'folder loop (the same folder as one already walked, e.g. a bind mount): not walked again';
      } else if (identity) {
        visited.add(identity);
        subfolders.push({ abs, rel: entry.path });
      }
      yield { type: 'entry', entry };
    }
    // Reversed onto the stack so sub-folders are walked in name order.
    for (let i = subfolders.length - 1; i >= 0; i--) stack.push(subfolders[i] as Folder);
  }
}
