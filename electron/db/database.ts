import { DatabaseSync, type DatabaseSyncInstance } from '@photostructure/sqlite';
import { sql as init } from './migrations/001-init';
import { sql as jobOwner } from './migrations/002-job-owner';
import { sql as searchDocs } from './migrations/003-search-docs';
import { sql as review } from './migrations/004-review';
import { sql as logRequests } from './migrations/005-log-requests';

/** Ordered schema migrations; a case records how many it has applied in `PRAGMA user_version`. */
const migrations: readonly string[] = [init, jobOwner, searchDocs, review, logRequests];

export const SCHEMA_VERSION = migrations.length;

export type Db = DatabaseSyncInstance;
export type SqlValue = string | number | bigint | null | Uint8Array;

export function openDatabase(file: string): Db {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 10000');
  // The full-text index touches many pages per commit; a 64 MiB page cache keeps its b-trees in memory while a big
  // ingest writes (SQLite's default is 2 MiB).
  db.exec('PRAGMA cache_size = -65536');
  db.exec('PRAGMA temp_store = MEMORY');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  const current = row?.user_version ?? 0;
  if (current > migrations.length) {
    throw new Error(`case schema version ${current} is newer than this workbench supports (${migrations.length})`);
  }
  for (let version = current; version < migrations.length; version++) {
    transaction(db, () => {
      db.exec(migrations[version] as string);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
}

/** Runs `work` in one transaction; nested calls join the outer one. */
export function transaction<T>(db: Db, work: () => T): T {
  if (db.isTransaction) return work();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}
