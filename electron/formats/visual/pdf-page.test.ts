import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderScene } from '../../test-support/generate/visual';
import { hammingDistance } from './hash-index';
import { hashImage } from './perceptual-hash';
import { renderPdfFirstPage } from './pdf-page';
import { SIMILARITY_THRESHOLD } from './similarity';

/** A PDF whose first page is the picture, full bleed, and whose second page is another one. */
async function pdfOf(first: Buffer, second: Buffer): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const png of [first, second]) {
    const image = await doc.embedPng(png);
    doc
      .addPage([image.width * 0.75, image.height * 0.75])
      .drawImage(image, { x: 0, y: 0, width: image.width * 0.75, height: image.height * 0.75 });
  }
  return doc.save();
}

describe('renderPdfFirstPage', () => {
  it('draws page 1 within the size limits, so a PDF of a picture hashes like the picture', async () => {
    const picture = renderScene(21);
    const pdf = await pdfOf(picture, renderScene(22));
    const page = await renderPdfFirstPage(pdf, { maxWidth: 512, maxHeight: 512 });
    if ('reason' in page) throw new Error(page.reason);
    expect(page).toMatchObject({ width: 512, height: 384 });
    const [fromPdf, fromImage] = await Promise.all([hashImage(page.png), hashImage(picture)]);
    const distance = hammingDistance(fromPdf.pHash, fromImage.pHash);
    console.log(`PDF page 1 vs the embedded picture: pHash ${distance}, dHash ${hammingDistance(fromPdf.dHash, fromImage.dHash)}`);
    expect(distance).toBeLessThanOrEqual(SIMILARITY_THRESHOLD);
    expect(hammingDistance(fromPdf.pHash, (await hashImage(renderScene(22))).pHash)).toBeGreaterThan(SIMILARITY_THRESHOLD);
  });

  it('gives a reason instead of a picture for bytes that are not a PDF', async () => {
    const page = await renderPdfFirstPage(new TextEncoder().encode('%PDF-1.7 but nothing else'), { maxWidth: 100, maxHeight: 100 });
    expect(page).toMatchObject({ reason: expect.stringMatching(/could not be opened/) });
  });
});
