import type { ArtifactKind } from '../../shared/domain/artifact';

/** Readable names for the types an analyst meets most, by MIME type without parameters. */
const NAMES: Record<string, string> = {
  'application/pdf': 'PDF document',
  'application/zip': 'ZIP archive',
  'application/x-7z-compressed': '7-Zip archive',
  'application/x-rar-compressed': 'RAR archive',
  'application/vnd.rar': 'RAR archive',
  'application/gzip': 'Gzip archive',
  'application/x-tar': 'TAR archive',
  'application/json': 'JSON',
  'application/xml': 'XML',
  'application/octet-stream': 'Binary data',
  'application/msword': 'Word 97–2003 document',
  'application/vnd.ms-excel': 'Excel 97–2003 workbook',
  'application/vnd.ms-powerpoint': 'PowerPoint 97–2003',
  'application/x-cfb': 'OLE2 compound file',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'image/vnd.adobe.photoshop': 'Photoshop image',
  'image/svg+xml': 'SVG drawing',
  'image/x-icon': 'Icon',
  'image/heic': 'HEIC image',
  'image/heif': 'HEIF image',
  'text/plain': 'Text',
  'text/html': 'HTML',
  'text/csv': 'CSV',
  'video/quicktime': 'QuickTime video',
  'audio/mpeg': 'MP3 audio',
};

/** The part after the slash, cleaned of `x-` and vendor prefixes and suffixes: `x-matroska` → `MATROSKA`. */
function subtypeWord(subtype: string): string {
  const bare = subtype.replace(/^(x-|vnd\.)/, '').replace(/\+.*$/, '');
  return bare.length <= 5 ? bare.toUpperCase() : bare.charAt(0).toUpperCase() + bare.slice(1);
}

/**
 * One readable type for the table and the detail header, the same style for every row (`JPEG image`, `PDF document`,
 * `Word document`, `Folder`), from the MIME type found from content; the MIME type itself goes in a tooltip.
 */
export function readableType(mime: string | null | undefined, kind: ArtifactKind = 'file'): string {
  if (kind === 'directory') return 'Folder';
  if (kind === 'symlink') return 'Symbolic link';
  if (kind === 'special') return 'Special file';
  if (!mime) return 'Unknown';
  const bare = mime.split(';')[0]?.trim().toLowerCase() ?? '';
  const named = NAMES[bare];
  if (named) return named;
  const [top = '', sub = ''] = bare.split('/');
  if (!sub) return bare || 'Unknown';
  const word = subtypeWord(sub);
  switch (top) {
    case 'image':
      return `${word} image`;
    case 'video':
      return `${word} video`;
    case 'audio':
      return `${word} audio`;
    case 'text':
      return `Text (${sub.replace(/^x-/, '')})`;
    case 'font':
      return `${word} font`;
    default:
      return `${word} file`;
  }
}

/** The type filter's choices: a MIME prefix or an artifact kind, as `artifacts.list` takes `type`. */
export const TYPE_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'image/', label: 'Images' },
  { value: 'application/pdf', label: 'PDF documents' },
  { value: 'text/', label: 'Text' },
  { value: 'application/vnd.', label: 'Office documents' },
  { value: 'application/zip', label: 'ZIP archives' },
  { value: 'video/', label: 'Video' },
  { value: 'audio/', label: 'Audio' },
  { value: 'member', label: 'Archive members' },
  { value: 'directory', label: 'Folders' },
];
