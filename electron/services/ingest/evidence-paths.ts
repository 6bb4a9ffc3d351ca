import path from 'node:path';
import { pathLink, type PathLink } from '../../db/artifact-repo';
import type { Db } from '../../db/database';
import type { SourceRow } from '../../db/source-repo';
import { resolveInside } from '../../lib/paths';

/**
 * Maps a top-level artifact back to its file. Evidence integrity: the path is re-resolved from the raw name bytes
 * of each recorded folder under the source root (see resolveInside), never taken as a string from the database,
 * so names that are not UTF-8 still open and nothing outside the source can be reached.
 */
export class EvidencePaths {
  private readonly folders = new Map<number, Uint8Array[]>();

  constructor(
    private readonly db: Db,
    private readonly root: string,
  ) {}

  /** Paths of a source are relative to the folder itself, or to the folder holding a file or zip source. */
  static forSource(db: Db, source: Pick<SourceRow, 'kind' | 'path'>): EvidencePaths {
    return new EvidencePaths(db, source.kind === 'folder' ? source.path : path.dirname(source.path));
  }

  /** The file of an artifact whose name and folder are at hand. */
  of(link: PathLink): Buffer {
    return resolveInside(this.root, this.segments(link));
  }

  absolute(id: number): Buffer {
    return this.of(this.link(id));
  }

  private link(id: number): PathLink {
    const link = pathLink(this.db, id);
    if (!link) throw new Error(`artifact ${id} is missing`);
    return link;
  }

  private segments(link: PathLink): Uint8Array[] {
    const own = link.rawName ? Buffer.from(link.rawName, 'hex') : Buffer.from(link.name, 'utf8');
    return link.parentId === null ? [own] : [...this.folderSegments(link.parentId), own];
  }

  private folderSegments(id: number): Uint8Array[] {
    let segments = this.folders.get(id);
    if (!segments) this.folders.set(id, (segments = this.segments(this.link(id))));
    return segments;
  }
}
