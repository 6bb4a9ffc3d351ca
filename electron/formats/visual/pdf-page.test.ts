import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderScene } from '../../test-support/generate/visual';
import { hammingDistance } from './hash-index';
import { hashImage } from './perceptual-hash';
import { renderPdfPage } from './pdf-page';
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

describe('renderPdfPage', () => {
  it('draws page 1 within the size limits, so a PDF of a picture hashes like the picture', async () => {
    const picture = renderScene(21);
    const pdf = await pdfOf(picture, renderScene(22));
    const page = await renderPdfPage(pdf, 1, { maxWidth: 512, maxHeight: 512 });
    if (!('png' in page)) throw new Error(JSON.stringify(page));
    expect(page).toMatchObject({ width: 512, height: 384, info: { page: 1, pageCount: 2 } });
    const [fromPdf, fromImage] = await Promise.all([hashImage(page.png), hashImage(picture)]);
    const distance = hammingDistance(fromPdf.pHash, fromImage.pHash);
    console.log(`PDF page 1 vs the embedded picture: pHash ${distance}, dHash ${hammingDistance(fromPdf.dHash, fromImage.dHash)}`);
    expect(distance).toBeLessThanOrEqual(SIMILARITY_THRESHOLD);
    expect(hammingDistance(fromPdf.pHash, (await hashImage(renderScene(22))).pHash)).toBeGreaterThan(SIMILARITY_THRESHOLD);
  });

  it('draws any page, and answers with the page count beyond the last', async () => {
    const pdf = await pdfOf(renderScene(21), renderScene(22));
    const second = await renderPdfPage(pdf, 2, { maxWidth: 200, maxHeight: 200 });
    if (!('png' in second)) throw new Error(JSON.stringify(second));
    expect(second.info).toMatchObject({ page: 2, pageCount: 2 });
    expect(hammingDistance((await hashImage(second.png)).pHash, (await hashImage(renderScene(22))).pHash)).toBeLessThanOrEqual(
      SIMILARITY_THRESHOLD,
    );
    expect(await renderPdfPage(pdf, 3, { maxWidth: 200, maxHeight: 200 })).toEqual({ pageCount: 2 });
  });

  it('gives a reason instead of a picture for bytes that are not a PDF', async () => {
    const page = await renderPdfPage(new TextEncoder().encode('%PDF-1.7 but nothing else'), 1, { maxWidth: 100, maxHeight: 100 });
    expect(page).toMatchObject({ reason: expect.stringMatching(/could not be opened/) });
  });
});
