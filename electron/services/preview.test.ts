import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainJpeg, pngWithChunks, thumbnailTiff } from '../test-support/generate/images';
import { cjkEvidencePdf } from '../test-support/generate/pdfs';
import { kritaFile, layeredPsd, xdtsFile } from '../test-support/generate/work-files';
import { writeZip } from '../test-support/generate/zips';
import type { ArtifactPreview } from '../../shared/domain/preview';
import { AppError } from '../../shared/errors';
import { closeAllCases } from './case-store';
import { workspace, type Workspace } from '../test-support/ingest-kit';
import { artifactPreview, closePreviewWorkers } from './preview';

let ws: Workspace;
let caseDir: string;
let evidence: string;
const ids = new Map<string, number>();

const png = pngWithChunks([], 8, 6);
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>\n';

beforeAll(async () => {
  ws = workspace();
  evidence = path.join(ws.root, 'evidence');
  const files: Record<string, string | Uint8Array> = {
    'frame.png': png,
    'layout.jpg': plainJpeg(40, 30),
    'scan.tif': thumbnailTiff().bytes,
    'sheet.pdf': cjkEvidencePdf().bytes,
    'drawing.svg': svg,
    'note.txt': 'not a picture\n',
    'changed.png': png,
    'cut012.psd': layeredPsd().bytes,
    'cut012.kra': kritaFile().bytes,
    'cut012.xdts': xdtsFile().bytes,
    'bundle.zip': writeZip([
      { name: 'frames/a.png', data: png },
      { name: 'inner.zip', data: writeZip([{ name: 'deep.png', data: png }]) },
    ]),
  };
  mkdirSync(evidence);
  for (const [rel, content] of Object.entries(files)) writeFileSync(path.join(evidence, rel), content);
  caseDir = ws.newCase();
  await ws.ingest(caseDir, evidence);
  for (const a of ws.artifacts(caseDir)) ids.set(a.path, a.id);
  // Changed after ingest: same name, different bytes (one pixel more).
  writeFileSync(path.join(evidence, 'changed.png'), pngWithChunks([], 9, 6));
}, 60_000);

afterAll(async () => {
  await closePreviewWorkers();
  closeAllCases();
  ws.cleanup();
});

const preview = (p: string): Promise<ArtifactPreview> => artifactPreview(caseDir, ids.get(p) ?? -1);
const decoded = (p: ArtifactPreview): Buffer => {
  if (p.kind !== 'image') throw new Error(`no image: ${p.kind === 'none' ? p.reason : ''}`);
  return Buffer.from(p.dataUrl.slice(p.dataUrl.indexOf(',') + 1), 'base64');
};

describe('artifactPreview', () => {
  it('sends a PNG as its original bytes', async () => {
    const p = await preview('frame.png');
    expect(p).toMatchObject({ kind: 'image', mime: 'image/png', origin: 'original', width: 8, height: 6 });
    expect(decoded(p).equals(Buffer.from(png))).toBe(true);
  });

  it('sends a JPEG as its original bytes, with its size', async () => {
    expect(await preview('layout.jpg')).toMatchObject({ kind: 'image', mime: 'image/jpeg', origin: 'original', width: 40, height: 30 });
  });

  it('shows a TIFF by its IFD1 JPEG thumbnail and says so', async () => {
    const p = await preview('scan.tif');
    expect(p).toMatchObject({ kind: 'image', mime: 'image/jpeg', origin: 'embedded-thumbnail', width: 32, height: 24 });
    expect(p.kind === 'image' && p.note).toMatch(/IFD1.*not the original pixels/);
    expect([...decoded(p).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('renders page 1 of a PDF as a PNG at most 800 px wide, cached in the case folder', async () => {
    const p = await preview('sheet.pdf');
    expect(p).toMatchObject({ kind: 'image', mime: 'image/png', origin: 'rendered-page' });
    const bytes = decoded(p);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.readUInt32BE(16)).toBeLessThanOrEqual(800);
    expect(p.kind === 'image' && p.width).toBe(bytes.readUInt32BE(16));
    expect(p.kind === 'image' && p.pdf).toMatchObject({ page: 1, pageCount: 3, pageWidth: 595, pageHeight: 842 });
    expect(readdirSync(path.join(caseDir, 'thumbnails')).sort()).toEqual([
      expect.stringMatching(/^[0-9a-f]{64}-p1-w800\.json$/),
      expect.stringMatching(/^[0-9a-f]{64}-p1-w800\.png$/),
    ]);
    expect(readdirSync(evidence)).not.toContain('thumbnails');
    expect(await preview('sheet.pdf')).toEqual(p);
    // Drawn in the page worker: pdf.js (which sets `pdfjsWorker` where it loads) never ran on the host's thread.
    expect((globalThis as { pdfjsWorker?: unknown }).pdfjsWorker).toBeUndefined();
  }, 60_000);

  it('renders any page of a PDF at the width asked, with its size in points and its text runs where they are', async () => {
    const p = await artifactPreview(caseDir, ids.get('sheet.pdf') ?? -1, 3, 1600);
    expect(p).toMatchObject({ kind: 'image', origin: 'rendered-page', width: 1600, note: 'Page 3, rendered by the workbench.' });
    if (p.kind !== 'image' || !p.pdf) throw new Error('no page');
    expect(p.pdf).toMatchObject({ page: 3, pageCount: 3, pageWidth: 595, pageHeight: 842 });
    // "EDITING SHEET" is drawn at 20 pt with its baseline 740 pt above the bottom: its box starts about 82 pt from the top.
    const heading = p.pdf.textItems?.find((t) => t.text.includes('EDITING SHEET'));
    expect(heading).toMatchObject({ x: 72, height: 20 });
    expect(heading?.y).toBeCloseTo(842 - 740 - 20, 0);
    await expect(artifactPreview(caseDir, ids.get('sheet.pdf') ?? -1, 4)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === 'not_found',
    );
  }, 60_000);

  it('reads zip members, nested ones too, from their archive in memory', async () => {
    for (const member of ['bundle.zip!/frames/a.png', 'bundle.zip!/inner.zip!/deep.png']) {
      const p = await preview(member);
      expect(p, member).toMatchObject({ kind: 'image', mime: 'image/png', origin: 'original' });
      expect(decoded(p).equals(Buffer.from(png)), member).toBe(true);
    }
    expect(existsSync(path.join(evidence, 'frames'))).toBe(false);
  });

  it('shows a PSD by its Photoshop thumbnail resource and a Krita file by its merged image, saying so', async () => {
    expect(await preview('cut012.psd')).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      origin: 'embedded-thumbnail',
      width: 32,
      height: 24,
    });
    const kra = await preview('cut012.kra');
    expect(kra).toMatchObject({ kind: 'image', mime: 'image/png', origin: 'embedded-thumbnail', width: 64, height: 36 });
    expect(kra.kind === 'image' && kra.note).toMatch(/mergedimage\.png.*not a rendering of its layers/);
    expect(await preview('cut012.xdts')).toMatchObject({ kind: 'none' });
  });

  it('refuses bytes that no longer match the recorded SHA-256', async () => {
    expect(await preview('changed.png')).toEqual({ kind: 'none', reason: 'evidence changed since ingest (SHA-256 differs)' });
  });

  it('never previews SVG, and has nothing for text', async () => {
    expect(await preview('drawing.svg')).toMatchObject({ kind: 'none', reason: expect.stringMatching(/SVG/) });
    expect(await preview('note.txt')).toMatchObject({ kind: 'none', reason: expect.stringMatching(/no preview for text\/plain/) });
  });

  it('raises not_found for an unknown id', async () => {
    await expect(artifactPreview(caseDir, 999_999)).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'not_found');
  });
});
