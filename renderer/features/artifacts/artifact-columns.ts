import type { ArtifactSortKey } from '../../../shared/domain/artifact';

export interface ColumnDef {
  key: ArtifactSortKey;
  label: string;
  title: string;
  align?: 'right';
}

export const ARTIFACT_COLUMNS: readonly ColumnDef[] = [
  { key: 'path', label: 'Path', title: 'Path inside the source' },
  { key: 'mime', label: 'Type', title: 'Type detected from content (MIME)' },
  { key: 'size', label: 'Size', title: 'Size in bytes', align: 'right' },
  { key: 'mtime', label: 'Modified (UTC)', title: 'Last modified, as recorded by the file system, in UTC unless an offset is shown' },
  { key: 'sha256', label: 'SHA-256', title: 'SHA-256 of the content' },
  { key: 'status', label: 'Status', title: 'Processing status' },
  { key: 'duplicates', label: 'Dup.', title: 'Artifacts with the same SHA-256', align: 'right' },
];
