import { describe, expect, it } from 'vitest';
import { readableType } from './artifact-type';

describe('readableType', () => {
  it('names every type in one style, whether the MIME type is common or not', () => {
    expect(readableType('image/jpeg')).toBe('JPEG image');
    expect(readableType('image/png')).toBe('PNG image');
    expect(readableType('application/pdf')).toBe('PDF document');
    expect(readableType('text/plain; charset=utf-8')).toBe('Text');
    expect(readableType('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('Word document');
    expect(readableType('video/mp4')).toBe('MP4 video');
    expect(readableType('video/x-matroska')).toBe('Matroska video');
    expect(readableType('application/x-bittorrent')).toBe('Bittorrent file');
  });

  it('names kinds without a content type, and says when the type is unknown', () => {
    expect(readableType(null, 'directory')).toBe('Folder');
    expect(readableType('application/zip', 'symlink')).toBe('Symbolic link');
    expect(readableType(null)).toBe('Unknown');
  });
});
