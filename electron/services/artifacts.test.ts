import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflatedZeros, writeZip } from '../test-support/generate/zips';
import { AppError } from '../../shared/errors';
import { getArtifact, listArtifacts, listFolders } from './artifacts';
import { closeAllCases } from './case-store';
import { workspace, type Workspace } from '../test-support/ingest-kit';

let ws: Workspace;
let caseDir: string;
let foldersCase: string;

const encoder = new TextEncoder();

function writeEvidence(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
}

beforeAll(async () => {
  ws = workspace();
  const ev = path.join(ws.root, 'evidence');
  const files: Record<string, string | Uint8Array> = {
    'docs/a.txt': 'alpha',
    'docs/b.txt': 'bravo bravo',
    'docs/copy-of-a.txt': 'alpha',
    'media/big.bin': 'x'.repeat(5000),
    'pack.zip': writeZip([{ name: 'inner/c.txt', data: new TextEncoder().encode('charlie') }]),
  };
  writeEvidence(ev, files);
  caseDir = ws.newCase();
  await ws.ingest(caseDir, ev);

  const tree = path.join(ws.root, 'tree-evidence');
  writeEvidence(tree, {
    'top.txt': 'top',
    'eps/ep10/a.txt': 'a',
    'eps/ep9/b.txt': 'b',
    'eps/ep9/c.txt': 'c',
    'eps/ep9/cuts/d.txt': 'd',
    'wow!/e.txt': 'a folder whose name ends like an archive marker',
    'packs/bundle.zip': writeZip([
      // No directory entry for `inner/`: the folder exists only through its members' paths.
      { name: 'inner/c.txt', data: encoder.encode('charlie') },
      { name: 'listed/', data: new Uint8Array(0) },
      { name: 'nested.zip', data: writeZip([{ name: 'deep.txt', data: encoder.encode('deep') }]), method: 'store' },
      { name: 'broken.bin', deflated: { ...deflatedZeros(1024 * 1024), crc: 1 } },
    ]),
  });
  mkdirSync(path.join(tree, 'empty'));
  foldersCase = ws.newCase('folders');
  await ws.ingest(foldersCase, tree);
});

afterAll(() => {
  closeAllCases();
  ws.cleanup();
});

const list = (q: Partial<Parameters<typeof listArtifacts>[0]> = {}) =>
  listArtifacts({ dir: caseDir, sort: 'path', order: 'asc', offset: 0, limit: 500, ...q });

describe('listArtifacts', () => {
  it('sorts, pages and counts', () => {
    const all = list();
    expect(all.total).toBe(8);
    expect(all.items.map((a) => a.path)).toEqual([...all.items.map((a) => a.path)].sort());
    const bySize = list({ sort: 'size', order: 'desc' });
    expect(bySize.items[0]?.path).toBe('media/big.bin');
    const sizes = bySize.items.map((a) => a.size ?? -1);
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
    const page = list({ offset: 6, limit: 5 });
    expect(page).toMatchObject({ total: 8 });
    expect(page.items.map((a) => a.path)).toEqual(all.items.slice(6).map((a) => a.path));
    expect(list({ sort: 'duplicates', order: 'desc', limit: 2 }).items.map((a) => a.duplicateCount)).toEqual([1, 1]);
  });

  it('filters by path prefix, by text over path and type, and by hash prefix', () => {
    expect(list({ pathPrefix: 'docs/' }).items.map((a) => a.name)).toEqual(['a.txt', 'b.txt', 'copy-of-a.txt']);
    expect(list({ pathPrefix: 'pack.zip!/' }).items.map((a) => a.path)).toEqual(['pack.zip!/inner/c.txt']);
    expect(list({ filter: 'COPY' }).items.map((a) => a.path)).toEqual(['docs/copy-of-a.txt']);
    expect(list({ filter: 'application/zip' }).items.map((a) => a.path)).toEqual(['pack.zip']);
    const sha = list({ pathPrefix: 'docs/b' }).items[0]?.sha256 ?? '';
    expect(list({ filter: sha.slice(0, 10).toUpperCase() }).items.map((a) => a.path)).toEqual(['docs/b.txt']);
    expect(list({ filter: '100%_' }).total).toBe(0);
  });
});

describe('getArtifact', () => {
  it('returns the summary with its extraction, links and children', () => {
    const items = list().items;
    const copy = items.find((a) => a.path === 'docs/copy-of-a.txt');
    const original = items.find((a) => a.path === 'docs/a.txt');
    const detail = getArtifact(caseDir, copy?.id ?? 0);
    expect(detail.duplicateOf).toBe(original?.id);
    expect(detail.links).toEqual([
      { artifactId: original?.id, path: 'docs/a.txt', relation: 'duplicate', via: `sha256 ${original?.sha256}` },
    ]);
    expect(detail.extraction).not.toBeNull();
    expect(getArtifact(caseDir, items.find((a) => a.path === 'pack.zip')?.id ?? 0).children).toBe(1);
    expect(getArtifact(caseDir, items.find((a) => a.path === 'docs')?.id ?? 0).children).toBe(3);
  });

  it('raises not_found for an unknown id', () => {
    expect(() => getArtifact(caseDir, 12345)).toThrow(AppError);
    expect(() => getArtifact(caseDir, 12345)).toThrow('no artifact 12345 in this case');
  });
});

describe('listFolders', () => {
  const folders = (parent?: string) => listFolders({ dir: foldersCase, sourceId: 1, ...(parent === undefined ? {} : { parent }) });
  const shape = (parent?: string) =>
    folders(parent).map((f) => [f.path, f.name, f.isArchive, f.artifactCount, f.errorCount, f.hasSubfolders]);

  it('lists the root folders with recursive counts, numbers in numeric order, empty recorded folders included', () => {
    expect(shape()).toEqual([
      ['empty/', 'empty', false, 0, 0, false],
      ['eps/', 'eps', false, 4, 0, true],
      ['packs/', 'packs', false, 5, 1, true],
      ['wow!/', 'wow!', false, 1, 0, false],
    ]);
    expect(shape('eps/')).toEqual([
      ['eps/ep9/', 'ep9', false, 3, 0, true],
      ['eps/ep10/', 'ep10', false, 1, 0, false],
    ]);
  });

  it('opens archives as folders, including folders known only from member paths and nested archives', () => {
    expect(shape('packs/')).toEqual([['packs/bundle.zip!/', 'bundle.zip', true, 4, 1, true]]);
    expect(shape('packs/bundle.zip!/')).toEqual([
      ['packs/bundle.zip!/inner/', 'inner', false, 1, 0, false],
      ['packs/bundle.zip!/listed/', 'listed', false, 0, 0, false],
      ['packs/bundle.zip!/nested.zip!/', 'nested.zip', true, 1, 0, false],
    ]);
    expect(shape('packs/bundle.zip!/nested.zip!/')).toEqual([]);
  });

  it('counts agree with the artifact list of the same prefix', () => {
    for (const f of [...folders(), ...folders('packs/bundle.zip!/')]) {
      const items = listArtifacts({
        dir: foldersCase,
        sourceId: 1,
        pathPrefix: f.path,
        sort: 'path',
        order: 'asc',
        offset: 0,
        limit: 500,
      }).items;
      expect(
        items.filter((a) => a.kind !== 'directory'),
        f.path,
      ).toHaveLength(f.artifactCount);
    }
  });

  it('finds nothing below an unknown folder, and raises not_found for an unknown source', () => {
    expect(() => listFolders({ dir: foldersCase, sourceId: 9 })).toThrow('no source 9 in this case');
    expect(folders('no-such/')).toEqual([]);
  });
});
