import { BundleOrigin } from '../../shared/domain/bundle';
import type { Db } from './database';

export interface CaseInfo {
  id: string;
  name: string;
  examiner: string;
  description: string;
  createdAt: string;
}

const KEYS = ['id', 'name', 'examiner', 'description', 'createdAt'] as const;

export function writeCaseInfo(db: Db, info: CaseInfo): void {
  const upsert = db.prepare('INSERT INTO case_info (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  for (const key of KEYS) upsert.run(key, info[key]);
}

export function readCaseInfo(db: Db): CaseInfo | null {
  const rows = db.prepare('SELECT key, value FROM case_info').all() as { key: string; value: string }[];
  const map = new Map(rows.map((r) => [r.key, r.value]));
  if (!map.has('id')) return null;
  return {
    id: map.get('id') ?? '',
    name: map.get('name') ?? '',
    examiner: map.get('examiner') ?? '',
    description: map.get('description') ?? '',
    createdAt: map.get('createdAt') ?? '',
  };
}

export function caseCounts(db: Db): { sourceCount: number; artifactCount: number; totalBytes: number } {
  const sources = db.prepare('SELECT COUNT(*) AS n FROM sources').get() as { n: number };
  const artifacts = db
    .prepare("SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN kind IN ('file','member') THEN size END), 0) AS bytes FROM artifacts")
    .get() as { n: number; bytes: number };
  return { sourceCount: Number(sources.n), artifactCount: Number(artifacts.n), totalBytes: Number(artifacts.bytes) };
}

/** Where a case opened from a bundle came from (written by the import); null for a case made here. */
export function readImportedFrom(db: Db): BundleOrigin | null {
  const row = db.prepare("SELECT value FROM case_info WHERE key = 'importedFrom'").get() as { value: string } | undefined;
  if (!row) return null;
  const parsed = BundleOrigin.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

export function writeImportedFrom(db: Db, origin: BundleOrigin): void {
  db.prepare("INSERT INTO case_info (key, value) VALUES ('importedFrom', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
    JSON.stringify(origin),
  );
}
