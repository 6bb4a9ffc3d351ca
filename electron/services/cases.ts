import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CaseSummary, NewCase } from '../../shared/domain/case';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../db/audit-repo';
import { caseCounts, readCaseInfo, readImportedFrom, writeCaseInfo } from '../db/case-repo';
import { SCHEMA_VERSION, createDatabase, transaction, type Db } from '../db/database';
import { describeFsError } from '../lib/fs-errors';
import {
  CASE_DB_FILE,
  canonicalCaseDir,
  caseDb,
  isCaseDir,
  migrateCaseDb,
  readOnlyReason,
  rebuildSearchIndex,
  register,
  writableCaseDb,
} from './case-store';
import type { Ctx } from './context';
import { rememberCase } from './recent-cases';
import { seedWatchlist } from './watchlist';

function summarize(dir: string, db: Db): CaseSummary {
  const info = readCaseInfo(db);
  if (!info) throw new AppError('case_damaged', `the case database in ${dir} has no case record`);
  const reason = readOnlyReason(dir);
  return {
    ...info,
    dir: canonicalCaseDir(dir),
    schemaVersion: SCHEMA_VERSION,
    readOnly: reason !== null,
    readOnlyReason: reason,
    ...caseCounts(db),
    importedFrom: readImportedFrom(db),
  };
}

/**
 * Creates a case in `dir` (made if missing). Raises `conflict` when the folder already holds a case,
 * `invalid_input` when it is a file, `io` when it cannot be written.
 */
export function createCase(input: NewCase, ctx: Ctx): CaseSummary {
  const dir = path.resolve(input.dir);
  try {
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (stat && !stat.isDirectory()) throw new AppError('invalid_input', `not a folder: ${dir}`);
    if (isCaseDir(dir)) throw new AppError('conflict', `a case already exists in ${dir}`);
    if (stat && readdirSync(dir).length > 0) {
      throw new AppError('conflict', `folder is not empty: ${dir} (choose an empty or new folder for the case)`);
    }
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('io', describeFsError(e, dir));
  }
  const canonical = canonicalCaseDir(dir);
  let db: Db;
  try {
    db = createDatabase(path.join(canonical, CASE_DB_FILE), rebuildSearchIndex);
  } catch (e) {
    throw new AppError('io', `cannot create case database in ${canonical}: ${describeFsError(e, canonical)}`);
  }
  register(canonical, db);
  const info = {
    id: randomUUID(),
    name: input.name.trim(),
    examiner: input.examiner.trim(),
    description: input.description?.trim() ?? '',
    createdAt: new Date().toISOString(),
  };
  transaction(db, () => {
    writeCaseInfo(db, info);
    appendAudit(db, info.examiner, 'case.created', { caseId: info.id, name: info.name, host: ctx.host });
  });
  seedWatchlist(db, info.examiner);
  const summary = summarize(canonical, db);
  rememberCase(ctx.dataDir, summary);
  return summary;
}

/**
 * Opens an existing case (read-only when it cannot be written) and records it in recent cases. Raises `not_found`
 * when `dir` holds no case, and `case_damaged`, `case_too_new` or `case_needs_migration` (see caseDb).
 */
export function openCase(dir: string, ctx: Ctx): CaseSummary {
  const summary = caseInfo(dir);
  rememberCase(ctx.dataDir, summary);
  return summary;
}

export function caseInfo(dir: string): CaseSummary {
  return summarize(dir, caseDb(dir));
}

/**
 * Upgrades a case to this build's schema on the analyst's explicit request and records it in the audit trail
 * (`case.migrated`, with the versions); then opens it. Raises `read_only`, `case_too_new`, `case_damaged`, `not_found`,
 * `conflict` (the case is being upgraded already).
 */
export async function migrateCase(dir: string, ctx: Ctx): Promise<CaseSummary> {
  let examiner = 'workbench';
  await migrateCaseDb(dir, (db, change) => {
    examiner = readCaseInfo(db)?.examiner ?? examiner;
    appendAudit(db, examiner, 'case.migrated', { ...change, host: ctx.host });
  });
  // Cases made before the watchlist existed get the starter list with the upgrade.
  seedWatchlist(writableCaseDb(dir, 'upgrading the case'), examiner);
  return openCase(dir, ctx);
}
