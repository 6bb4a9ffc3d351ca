import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { caseCounts, readCaseInfo } from '../db/case-repo';
import {
  SCHEMA_VERSION,
  applyMigrations,
  databaseFileProblem,
  openDatabase,
  schemaVersionOf,
  transactionAcrossAwaits,
  type Db,
} from '../db/database';
import { rebuildSearchIfStale, refillStaleSearch, searchIndexIsStale } from '../db/search-repo';
import { indexForms } from '../analysis/search-docs';
import { errnoCode } from '../lib/fs-errors';

export const CASE_DB_FILE = 'case.sqlite';

/** An open case: its connection and, when it could not be opened for writing, why. */
interface OpenCase {
  db: Db;
  readOnlyReason: string | null;
}

const open = new Map<string, OpenCase>();

/** Tables every case schema since version 1 has; their absence means the file is some other SQLite database. */
const CASE_TABLES = ['case_info', 'sources', 'jobs', 'artifacts', 'audit_log'];

/** Absolute, symlink-free form of a case folder, so one case never gets two connections. */
export function canonicalCaseDir(dir: string): string {
  const abs = path.resolve(dir);
  return existsSync(abs) ? realpathSync(abs) : abs;
}

export function isCaseDir(dir: string): boolean {
  return existsSync(path.join(canonicalCaseDir(dir), CASE_DB_FILE));
}

/**
 * The open database of an existing case, for reading; opened read-only when the folder or its database file cannot
 * be written. Never creates or migrates anything. Raises `not_found` (no case), `case_damaged` (empty, truncated,
 * not SQLite, not a case), `case_too_new`, `case_needs_migration`.
 */
export function caseDb(dir: string): Db {
  return openCase(dir).db;
}

/** Why the case is open read-only, or null when it is writable. Raises like `caseDb`. */
export function readOnlyReason(dir: string): string | null {
  return openCase(dir).readOnlyReason;
}

/**
 * The database of a case that is about to be changed. Raises `read_only` (with the reason and what was refused)
 * when the case is open read-only, and otherwise like `caseDb`.
 */
export function writableCaseDb(dir: string, change: string): Db {
  const opened = openCase(dir);
  if (opened.readOnlyReason) throw readOnlyError(opened.readOnlyReason, change);
  return opened.db;
}

const readOnlyError = (reason: string, change: string): AppError =>
  new AppError('read_only', `this case is open read-only: ${reason}; ${change} needs a writable copy of the case folder`);

function openCase(dir: string): OpenCase {
  const key = canonicalCaseDir(dir);
  const cached = open.get(key);
  if (cached) return cached;
  const file = caseFile(key);
  const readOnly = unwritable(key, file);
  const db = openChecked(file, readOnly !== null);
  try {
    const version = checkIsCase(db, file);
    if (version < SCHEMA_VERSION || searchIndexIsStale(db)) {
      const how = readOnly
        ? `it cannot be upgraded here because ${readOnly}: copy the case folder somewhere writable and run \`workbench case migrate <copy>\``
        : `upgrade it first with \`workbench case migrate ${key}\` or Upgrade case in the app`;
      throw new AppError('case_needs_migration', `${file} uses case schema ${version}; this workbench uses ${SCHEMA_VERSION}, so ${how}`);
    }
  } catch (e) {
    db.close();
    throw e;
  }
  const opened = { db, readOnlyReason: readOnly };
  open.set(key, opened);
  return opened;
}

/**
 * Cases being upgraded in this process. A second request for one is refused at once: it would wait on SQLite's write
 * lock, and that wait holds the thread the first upgrade needs to finish.
 */
const upgrading = new Set<string>();

/**
 * Brings an existing case to this build's schema in one transaction (migrations, then the search index they left
 * stale) and records it in the audit trail through `record`. The transaction is held across slices of the index
 * rebuild, between which the event loop serves other requests; the case is registered as open only when it is done.
 * Raises `read_only`, `case_too_new`, `case_damaged`, `not_found`, `conflict` (an upgrade of it is running); a case
 * already current is left as it is. Returns the versions before and after.
 */
export async function migrateCaseDb(
  dir: string,
  record: (db: Db, change: { from: number; to: number }) => void,
): Promise<{ from: number; to: number }> {
  const key = canonicalCaseDir(dir);
  const cached = open.get(key);
  if (cached) {
    if (cached.readOnlyReason) throw readOnlyError(cached.readOnlyReason, 'upgrading the case');
    return { from: SCHEMA_VERSION, to: SCHEMA_VERSION };
  }
  if (upgrading.has(key)) throw new AppError('conflict', `the case in ${key} is being upgraded already`);
  const file = caseFile(key);
  const readOnly = unwritable(key, file);
  if (readOnly) throw readOnlyError(readOnly, 'upgrading the case');
  upgrading.add(key);
  try {
    const db = openChecked(file, false);
    try {
      const version = checkIsCase(db, file);
      const change = await transactionAcrossAwaits(db, async () => {
        const applied = applyMigrations(db);
        for (const _slice of refillStaleSearch(db, indexForms)) await new Promise((resolve) => setImmediate(resolve));
        record(db, { from: version, to: SCHEMA_VERSION });
        return applied;
      });
      open.set(key, { db, readOnlyReason: null });
      return change;
    } catch (e) {
      db.close();
      throw e;
    }
  } finally {
    upgrading.delete(key);
  }
}

/** Fills the search index a migration left stale, with the analysis layer's folding. */
export function rebuildSearchIndex(db: Db): void {
  rebuildSearchIfStale(db, indexForms);
}

/** Remembers a case database that `createCase` just made, so the next call finds it open. */
export function register(dir: string, db: Db): Db {
  open.set(canonicalCaseDir(dir), { db, readOnlyReason: null });
  return db;
}

export function closeAllCases(): void {
  for (const { db } of open.values()) db.close();
  open.clear();
}

/** The database file of a case folder, checked to exist and to look like an intact SQLite file. */
function caseFile(key: string): string {
  if (!existsSync(key)) throw new AppError('not_found', `case folder does not exist: ${key}`);
  if (!statSync(key).isDirectory()) throw new AppError('invalid_input', `not a folder: ${key}`);
  const file = path.join(key, CASE_DB_FILE);
  if (!existsSync(file)) throw new AppError('not_found', `no case in ${key} (expected ${CASE_DB_FILE})`);
  const wal = `${file}-wal`;
  const problem = databaseFileProblem(file, existsSync(wal) && statSync(wal).size > 0);
  if (problem) throw damaged(file, problem);
  return file;
}

const damaged = (file: string, problem: string): AppError =>
  new AppError(
    'case_damaged',
    `${file} ${problem}: it is not a usable case database; restore the case folder from a backup (the workbench never rebuilds it)`,
  );

/** Why this process cannot write the case (folder or database file), or null. Checked before opening, not by failing a write. */
function unwritable(key: string, file: string): string | null {
  for (const [target, what] of [
    [key, `the case folder ${key}`],
    [file, `${file}`],
  ] as const) {
    try {
      accessSync(target, constants.W_OK);
    } catch (e) {
      return errnoCode(e) === 'EROFS' ? `${what} is on a read-only file system` : `${what} is not writable for this user`;
    }
  }
  return null;
}

/** Opens the file and runs a first read, so a file SQLite cannot parse fails here as `case_damaged`, not later as `internal`. */
function openChecked(file: string, readOnly: boolean): Db {
  let db: Db;
  try {
    db = openDatabase(file, { readOnly });
  } catch (e) {
    throw damaged(file, `cannot be opened by SQLite (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    db.close();
    throw damaged(file, `cannot be read by SQLite (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The case's schema version, once its tables and case record are there. Raises `case_damaged` or `case_too_new`. */
function checkIsCase(db: Db, file: string): number {
  try {
    return checkSchema(db, file);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw damaged(file, `cannot be read by SQLite (${e instanceof Error ? e.message : String(e)})`);
  }
}

function checkSchema(db: Db, file: string): number {
  const version = schemaVersionOf(db);
  if (version > SCHEMA_VERSION) {
    throw new AppError(
      'case_too_new',
      `${file} uses case schema ${version}, newer than this workbench's ${SCHEMA_VERSION}: open it with a newer version of the workbench`,
    );
  }
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name),
  );
  const missing = CASE_TABLES.filter((t) => !tables.has(t));
  if (version === 0 || missing.length > 0) {
    const what = tables.size === 0 ? 'holds no tables' : `has no ${missing.length ? missing.join(', ') : 'case schema version'}`;
    throw damaged(file, `is an SQLite database but not a workbench case (it ${what})`);
  }
  if (!readCaseInfo(db)) throw damaged(file, 'has no case record (the case_info table is empty)');
  caseCounts(db);
  return version;
}
