export interface PathEntry {
  sourceId: number;
  path: string;
  kind?: string;
}

export interface FolderNode {
  /** Unique across sources: `<sourceId>:<prefix>`. */
  key: string;
  sourceId: number;
  name: string;
  /** What `artifacts.list` takes as `pathPrefix`: `notes/2024/`, or `''` for the source root. */
  prefix: string;
  /** True for an archive's member tree (`outer.zip!/`). */
  isArchive: boolean;
  /** Artifacts at any depth below this folder (folders themselves not counted). */
  count: number;
  children: FolderNode[];
}

export interface FolderRow {
  node: FolderNode;
  depth: number;
  isExpanded: boolean;
}

const makeNode = (sourceId: number, name: string, prefix: string): FolderNode => ({
  key: `${sourceId}:${prefix}`,
  sourceId,
  name: name.endsWith('!') ? name.slice(0, -1) : name,
  prefix,
  isArchive: name.endsWith('!'),
  count: 0,
  children: [],
});

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Folders implied by artifact paths (relative to their source, `/`-separated; archive members as
 * `outer.zip!/inner/file`). One root per source id, named by the caller.
 */
export function buildFolderTrees(entries: readonly PathEntry[]): Map<number, FolderNode> {
  const roots = new Map<number, FolderNode>();
  const index = new Map<string, FolderNode>();
  for (const entry of entries) {
    let node = roots.get(entry.sourceId);
    if (!node) {
      node = makeNode(entry.sourceId, '', '');
      roots.set(entry.sourceId, node);
      index.set(node.key, node);
    }
    const segments = entry.path.split('/').filter((s) => s !== '');
    const folderDepth = entry.kind === 'directory' ? segments.length : segments.length - 1;
    if (entry.kind !== 'directory') node.count += 1;
    let prefix = '';
    for (let i = 0; i < folderDepth; i += 1) {
      const name = segments[i] as string;
      prefix = `${prefix}${name}/`;
      const key = `${entry.sourceId}:${prefix}`;
      let child = index.get(key);
      if (!child) {
        child = makeNode(entry.sourceId, name, prefix);
        index.set(key, child);
        node.children.push(child);
      }
      if (entry.kind !== 'directory') child.count += 1;
      node = child;
    }
  }
  const sort = (n: FolderNode): void => {
    n.children.sort((a, b) => collator.compare(a.name, b.name));
    n.children.forEach(sort);
  };
  roots.forEach(sort);
  return roots;
}

/** Depth-first rows of the visible part of a tree: children shown only under expanded keys. */
export function flattenFolders(root: FolderNode, expanded: ReadonlySet<string>, depth = 0): FolderRow[] {
  const rows: FolderRow[] = [];
  const walk = (node: FolderNode, d: number): void => {
    for (const child of node.children) {
      const isExpanded = expanded.has(child.key);
      rows.push({ node: child, depth: d, isExpanded });
      if (isExpanded) walk(child, d + 1);
    }
  };
  walk(root, depth);
  return rows;
}
