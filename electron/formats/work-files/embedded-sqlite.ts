import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type DatabaseSyncInstance } from '@photostructure/sqlite';

/** A column value as SQLite returns it. */
export type SqlCell = string | number | bigint | Uint8Array | null;
export type SqlRow = Record<string, SqlCell>;

/** The read-only queries a reader may run on an embedded database. */
export interface EmbeddedDb {
  /** Columns of a table, or an empty set when the table does not exist. */
  columns(table: string): Set<string>;
  /** Rows of a query with a LIMIT, typed loosely: readers check each value they use. */
  rows(sql: string): SqlRow[];
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** Whether bytes start like an SQLite database file. */
export const isSqlite = (bytes: Uint8Array): boolean => String.fromCharCode(...bytes.subarray(0, 16)) === SQLITE_MAGIC;

/**
 * Runs `read` on a database embedded in a work file. Evidence integrity: SQLite never opens the evidence; the
 * embedded bytes are copied to a private temporary folder under the OS temp dir, opened read-only (with SQLite's
 * defensive mode and tight limits, since the database is hostile input) and deleted afterwards, whatever happens.
 * The copy's header is set to rollback-journal mode so a WAL-mode database does not make SQLite look for `-wal`
 * and `-shm` files beside it. Everything happens synchronously, so the database is open only for the queries:
 * a worker terminated (time limit, cancelled ingest) while inside a native SQLite call aborts the whole process with
 * @photostructure/sqlite 1.2.1, so the readers keep that window to a few bounded queries.
 */
export function withEmbeddedSqlite<T>(bytes: Uint8Array, read: (db: EmbeddedDb) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-embedded-'));
  try {
    const copy = Buffer.from(bytes);
    if (copy.byteLength > 19 && (copy[18] === 2 || copy[19] === 2)) {
      copy[18] = 1;
      copy[19] = 1;
    }
    const file = join(dir, 'embedded.sqlite');
    writeFileSync(file, copy, { mode: 0o600 });
    const db: DatabaseSyncInstance = new DatabaseSync(file, {
      readOnly: true,
      defensive: true,
      allowExtension: false,
      limits: { length: 64 * 1024 * 1024, sqlLength: 100_000, exprDepth: 100 },
    });
    try {
      return read({
        columns: (table) => {
          const info = db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: unknown }[];
          return new Set(info.map((r) => String(r.name)));
        },
        rows: (sql) => db.prepare(sql).all() as SqlRow[],
      });
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const sqlText = (v: SqlCell | undefined): string | undefined =>
  typeof v === 'string' ? v : v instanceof Uint8Array ? new TextDecoder('utf-8').decode(v) : undefined;

export const sqlNumber = (v: SqlCell | undefined): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;
