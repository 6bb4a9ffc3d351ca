import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DatabaseSync, type DatabaseSyncInstance } from '@photostructure/sqlite';
import { sql as init } from './migrations/001-init';
import { sql as jobOwner } from './migrations/002-job-owner';
import { sql as searchDocs } from './migrations/003-search-docs';
import { sql as review } from './migrations/004-review';
import { sql as textStore } from './migrations/005-text-store';
import { sql as logRequests } from './migrations/006-log-requests';
import { sql as visual } from './migrations/007-visual';
import { sql as analysisFilters } from './migrations/008-analysis-filters';
import { sql as searchPrefixes } from './migrations/009-search-prefixes';

/** Ordered schema migrations; a case records how many it has applied in `PRAGMA user_version`. */
const migrations: readonly string[] = [init, jobOwner, searchDocs, review, textStore, logRequests, visual, analysisFilters, searchPrefixes];

export const SCHEMA_VERSION = migrations.length;

export type Db = DatabaseSyncInstance;
export type SqlValue = string | number | bigint | null | Uint8Array;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

/**
 * What is wrong with a file that should hold an SQLite database, from its size and 100-byte header alone (cheap,
 * and before SQLite touches it): empty, too short, another kind of file, or shorter than the pages its header
 * counts (truncated). Null when nothing is visibly wrong. `hasWal`: a write-ahead log that SQLite will replay
 * may legitimately hold pages the main file does not have yet, so the size check is skipped then.
 */
export function databaseFileProblem(file: string, hasWal: boolean): string | null {
  const size = statSync(file).size;
  if (size === 0) return 'is empty (0 bytes)';
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return 'is not an SQLite database';
  if (size < HEADER_BYTES) return `is truncated (${size} bytes, shorter than an SQLite header)`;
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  // The in-header page count is only meaningful when its "valid-for" counter matches the change counter.
  const countIsValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  if (!hasWal && countIsValid && pages > 0 && size < pages * pageSize) {
    return `is truncated (${size} bytes; its header counts ${pages} pages of ${pageSize} bytes)`;
  }
  return null;
}

/**
 * Opens an existing database file; never creates one (`mode=rw`/`mode=ro` URIs: a missing file is an error, not a
 * new empty database). Read-only first tries an ordinary read-only connection, which needs the WAL index (-shm) to
 * exist or to be creatable; in a folder we cannot write, that fails, and the file is opened `immutable` instead:
 * SQLite then takes no locks and assumes nobody changes the file while it is open, which holds for a case on
 * read-only media and is the documented risk when someone else writes the same case meanwhile.
 */
export function openDatabase(file: string, options: { readOnly: boolean }): Db {
  const uri = (query: string): URL => {
    const url = pathToFileURL(file);
    url.search = query;
    return url;
  };
  if (!options.readOnly) return configure(new DatabaseSync(uri('mode=rw')), true);
  try {
    return configure(new DatabaseSync(uri('mode=ro'), { readOnly: true }), false);
  } catch {
    return configure(new DatabaseSync(uri('mode=ro&immutable=1'), { readOnly: true }), false);
  }
}

/**
 * Creates a new database file and brings it to the current schema, running `also` in the same transaction. Fails if
 * the file already exists.
 */
export function createDatabase(file: string, also?: (db: Db) => void): Db {
  // Exclusive create: a case database is only ever made here, never as a side effect of opening a path.
  closeSync(openSync(file, 'wx'));
  const db = configure(new DatabaseSync(file), true);
  db.exec('PRAGMA journal_mode = WAL');
  applyMigrations(db, also);
  return db;
}

/** A database in memory with the whole schema: scratch space to check data (an exported audit trail) with the case's own rules. */
export function createMemoryDatabase(): Db {
  const db = configure(new DatabaseSync(':memory:'), true);
  applyMigrations(db);
  return db;
}

/** Connection settings (none writes to the file); a file SQLite cannot read fails here, and its connection is closed. */
function configure(db: Db, writable: boolean): Db {
  try {
    db.exec('PRAGMA foreign_keys = ON');
    db.exec('PRAGMA busy_timeout = 10000');
    // The full-text index touches many pages per commit; a 64 MiB page cache keeps its b-trees in memory while a big
    // ingest writes (SQLite's default is 2 MiB).
    db.exec('PRAGMA cache_size = -65536');
    db.exec('PRAGMA temp_store = MEMORY');
    if (writable) db.exec('PRAGMA synchronous = NORMAL');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** The schema version a database records (0: none, i.e. not made by this program). */
export function schemaVersionOf(db: Db): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return Number(row?.user_version ?? 0);
}

/**
 * Applies the migrations a database lacks, all in one transaction with whatever `also` does (so a case is either
 * fully upgraded or untouched). Only `createDatabase` and an explicit migration call this.
 */
export function applyMigrations(db: Db, also?: (db: Db) => void): { from: number; to: number } {
  return transaction(db, () => {
    const from = schemaVersionOf(db);
    if (from > migrations.length) throw new Error(`schema version ${from} is newer than this build's ${migrations.length}`);
    for (let version = from; version < migrations.length; version++) db.exec(migrations[version] as string);
    db.exec(`PRAGMA user_version = ${migrations.length}`);
    also?.(db);
    return { from, to: migrations.length };
  });
}

/**
 * Runs `work` in one transaction held across its awaits, so the event loop keeps serving other requests while it
 * runs. Only for a connection nobody else uses meanwhile (a case being upgraded, not yet open to anyone): whatever
 * another caller ran on it would join this transaction. Synchronous `transaction` calls inside join it.
 */
export async function transactionAcrossAwaits<T>(db: Db, work: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
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
