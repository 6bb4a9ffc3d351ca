import { describe, expect, it } from 'vitest';
import { ANIMATE_THUMBNAIL, animateFla, clipStudioFile, kritaFile, openRasterFile, xdtsFile } from '../../test-support/generate/work-files';
import { writeZip } from '../../test-support/generate/zips';
import { findWorkFilePicture, mayHoldWorkFilePicture } from './work-preview';

describe('findWorkFilePicture', () => {
  it("finds Krita's merged image before its small preview", async () => {
    expect(await findWorkFilePicture(kritaFile().bytes)).toMatchObject({
      mime: 'image/png',
      width: 64,
      height: 36,
      where: 'mergedimage.png',
    });
  });

  it("finds OpenRaster's merged image", async () => {
    expect(await findWorkFilePicture(openRasterFile().bytes)).toMatchObject({
      mime: 'image/png',
      width: 64,
      height: 36,
      where: 'mergedimage.png',
    });
  });

  it('falls back to the OpenRaster thumbnail when there is no merged image', async () => {
    const { bytes } = openRasterFile();
    const thumbnailOnly = writeZip([
      { name: 'mimetype', data: new TextEncoder().encode('image/openraster'), method: 'store' },
      { name: 'Thumbnails/thumbnail.png', data: (await findWorkFilePicture(bytes))!.bytes },
    ]);
    expect(await findWorkFilePicture(thumbnailOnly)).toMatchObject({ where: 'Thumbnails/thumbnail.png' });
  });

  it("decodes the JPEG thumbnail in an Animate file's XMP", async () => {
    const found = await findWorkFilePicture(animateFla().bytes);
    expect(found).toMatchObject({ mime: 'image/jpeg', width: 40, height: 30 });
    expect(Buffer.from(found!.bytes).equals(Buffer.from(ANIMATE_THUMBNAIL))).toBe(true);
  });

  it("reads Clip Studio's canvas preview from its database", async () => {
    expect(await findWorkFilePicture(clipStudioFile().bytes)).toMatchObject({ mime: 'image/png', width: 48, height: 27 });
  });

  it('has nothing for files without a picture', async () => {
    expect(await findWorkFilePicture(xdtsFile().bytes)).toBeUndefined();
    expect(await findWorkFilePicture(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeUndefined();
  });

  it('looks only at work-file names', () => {
    expect(['a.kra', 'A.ORA', 'b.fla', 'c.clip'].map(mayHoldWorkFilePicture)).toEqual([true, true, true, true]);
    expect(['a.zip', 'b.docx', 'c.psd'].map(mayHoldWorkFilePicture)).toEqual([false, false, false]);
  });
});
