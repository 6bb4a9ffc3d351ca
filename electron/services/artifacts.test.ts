import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZip } from '../../e2e/fixtures/generate/zips';
import { AppError } from '../../shared/errors';
import { getArtifact, listArtifacts } from './artifacts';
import { closeAllCases } from './case-store';
import { workspace, type Workspace } from './ingest/ingest-test-kit';

let ws: Workspace;
let caseDir: string;

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
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(ev, rel)), { recursive: true });
    writeFileSync(path.join(ev, rel), content);
  }
  caseDir = ws.newCase();
  await ws.ingest(caseDir, ev);
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
    expect(detail.links).toEqual([{ artifactId: original?.id, path: 'docs/a.txt', relation: 'duplicate', via: `sha256 ${original?.sha256}` }]);
    expect(detail.extraction).not.toBeNull();
    expect(getArtifact(caseDir, items.find((a) => a.path === 'pack.zip')?.id ?? 0).children).toBe(1);
    expect(getArtifact(caseDir, items.find((a) => a.path === 'docs')?.id ?? 0).children).toBe(3);
  });

  it('raises not_found for an unknown id', () => {
    expect(() => getArtifact(caseDir, 12345)).toThrow(AppError);
    expect(() => getArtifact(caseDir, 12345)).toThrow('no artifact 12345 in this case');
  });
});
