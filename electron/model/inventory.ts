import type { StatRecord } from '../lib/file-times';

/**
 * Records that cross layers: produced by the folder walk and the format readers (in workers), stored by the
 * repositories, consumed by the services. Plain structured-clone-safe data and the limits that shape it; no code.
 */

export type WalkKind = 'file' | 'directory' | 'symlink' | 'special';

export interface DecodedName {
  name: string;
  /** Hex of the name bytes and their detected encoding, when the name is not valid UTF-8. */
  rawName: string | null;
  nameEncoding: string | null;
}

export interface WalkEntry extends DecodedName {
  /** POSIX path relative to the walk root. */
  path: string;
  /** Relative path of the folder holding it; null at the root. */
  parentPath: string | null;
  kind: WalkKind;
  stat: StatRecord | null;
  status: 'pending' | 'ok' | 'skipped' | 'error';
  error: string | null;
  symlinkTarget: string | null;
}

/** A folder whose entries could not be read (its own entry was already reported). */
export interface UnlistedFolder {
  path: string;
  error: string;
}

export type WalkEvent = { type: 'entry'; entry: WalkEntry } | { type: 'unlisted'; folder: UnlistedFolder };

/** Zip-bomb defences. Sizes count bytes actually inflated, not what the archive declares. */
export interface ZipLimits {
  /** Archive nesting levels opened: 1 lists a top-level archive's members, 3 also lists zips in zips in zips. */
  maxDepth: number;
  /** Inflated bytes per top-level archive, nested archives included. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Declared uncompressed : compressed ratio refused for members declaring more than `ratioMinBytes`. */
  maxRatio: number;
  ratioMinBytes: number;
  /** Members up to this size are held in memory (to open nested archives and to extract); larger ones are only hashed. */
  maxBufferBytes: number;
}

export interface ContentRecord {
  sha256: string | null;
  sha1: string | null;
  md5: string | null;
  mime: string | null;
  mismatch: boolean;
}

export type RecordStatus = 'ok' | 'error';

export interface HashedFile {
  /** Null when the file could not be opened: the stats taken when it was listed are kept. */
  stat: StatRecord | null;
  /** Null when the content could not be read. */
  content: ContentRecord | null;
  status: RecordStatus;
  error: string | null;
}

/** One archive member. `parentPath` is the virtual path of the archive holding it (`a.zip` or `a.zip!/b.zip`). */
export interface MemberRecord extends ContentRecord {
  path: string;
  parentPath: string;
  name: string;
  kind: 'member' | 'directory';
  depth: number;
  size: number | null;
  mtime: string | null;
  atime: string | null;
  birthtime: string | null;
  mode: number | null;
  status: RecordStatus;
  error: string | null;
  rawName: string | null;
  nameEncoding: string | null;
}

const MIB = 1024 * 1024;

/** Zip-bomb limits for reading archives; previews read members again under the same ones. */
export const ZIP_LIMITS: ZipLimits = {
  maxDepth: 3,
  maxTotalBytes: 4 * 1024 * MIB,
  maxEntries: 100_000,
  maxRatio: 1000,
  ratioMinBytes: MIB,
  maxBufferBytes: 64 * MIB,
};

/** One indexed text of an artifact: its field, the original text and the two folded forms the FTS tables hold. */
export interface SearchDoc {
  field: SearchField;
  content: string;
  /** `foldForSearch(content)`, for the trigram index (same length as `content`). */
  folded: string;
  /** `searchGrams(folded)`, for the short-term index. */
  grams: string;
}

/** Each field's place in `search_docs.id = artifact_id * SEARCH_SLOTS + slot`. */
export const SEARCH_FIELD_SLOTS = { path: 0, metadata: 1, text: 2, ocr: 3 } as const;
export type SearchField = keyof typeof SEARCH_FIELD_SLOTS;
export const SEARCH_SLOTS = 16;
