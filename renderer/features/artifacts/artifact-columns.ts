import type { ArtifactSortKey } from '../../../shared/domain/artifact';

export type ColumnKey = 'star' | 'path' | 'mime' | 'language' | 'stage' | 'review' | 'size' | 'mtime' | 'sha256' | 'status' | 'duplicates';

export interface ColumnDef {
  key: ColumnKey;
  label: string;
  title: string;
  /** Columns the backend sorts by; the others only show. */
  sortKey?: ArtifactSortKey;
  align?: 'right';
}

export const ARTIFACT_COLUMNS: readonly ColumnDef[] = [
  { key: 'star', label: '★', title: 'Starred' },
  { key: 'path', label: 'Name', title: 'File name, then its folder (the full path is in the tooltip)', sortKey: 'path' },
  { key: 'mime', label: 'Type', title: 'Type found from the content (the MIME type is in the tooltip)', sortKey: 'mime' },
  { key: 'language', label: 'Language', title: 'Language of the text; Chinese variant; North Korean spelling markers' },
  { key: 'stage', label: 'Stage', title: 'Production stage guessed from the vocabulary' },
  { key: 'review', label: 'Review', title: 'Tags (by production and status), suggestions, labels and notes' },
  { key: 'size', label: 'Size', title: 'Size in bytes', sortKey: 'size', align: 'right' },
  {
    key: 'mtime',
    label: 'Modified (UTC)',
    title:
      'Last modified, in UTC unless an offset is shown. Times recorded without a zone (zip members) are marked "no zone" and sort by their literal value, as if they were UTC.',
    sortKey: 'mtime',
  },
  { key: 'sha256', label: 'SHA-256', title: 'SHA-256 of the content', sortKey: 'sha256' },
  { key: 'status', label: 'Status', title: 'Processing status', sortKey: 'status' },
  { key: 'duplicates', label: 'Dup.', title: 'Artifacts with the same SHA-256', sortKey: 'duplicates', align: 'right' },
];
