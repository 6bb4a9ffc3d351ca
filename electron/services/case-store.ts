import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { openDatabase, transaction, type Db } from '../db/database';
import { rebuildSearchIfStale } from '../db/search-repo';
import { indexForms } from '../analysis/search-docs';

export const CASE_DB_FILE = 'case.sqlite';

const open = new Map<string, Db>();

/** Absolute, symlink-free form of a case folder, so one case never gets two connections. */
export function canonicalCaseDir(dir: string): string {
  const abs = path.resolve(dir);
  return existsSync(abs) ? realpathSync(abs) : abs;
}

export function isCaseDir(dir: string): boolean {
  return existsSync(path.join(canonicalCaseDir(dir), CASE_DB_FILE));
}

/** The open database of an existing case. Raises `not_found` when the folder holds no case. */
export function caseDb(dir: string): Db {
  const key = canonicalCaseDir(dir);
  const cached = open.get(key);
  if (cached) return cached;
  if (!existsSync(key)) throw new AppError('not_found', `case folder does not exist: ${key}`);
  if (!statSync(key).isDirectory()) throw new AppError('invalid_input', `not a folder: ${key}`);
  if (!isCaseDir(key)) throw new AppError('not_found', `no case in ${key} (expected ${CASE_DB_FILE})`);
  const db = openDatabase(path.join(key, CASE_DB_FILE));
  transaction(db, () => rebuildSearchIfStale(db, indexForms));
  return register(key, db);
}

export function register(dir: string, db: Db): Db {
  open.set(canonicalCaseDir(dir), db);
  return db;
}

export function closeAllCases(): void {
  for (const db of open.values()) db.close();
  open.clear();
}
