import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { version } from '../../../package.json';
import type { BundleOrigin, ImportBundle, ManifestArtifact } from '../../../shared/domain/bundle';
import type { CaseSummary } from '../../../shared/domain/case';
import type { Extraction } from '../../../shared/domain/extraction';
import { AppError } from '../../../shared/errors';
import { buildSearchDocs } from '../../analysis/search-docs';
import { upsertProduction } from '../../db/analysis-repo';
import { appendAudit } from '../../db/audit-repo';
import {
  insertAnalysisRow,
  insertAnnotationRow,
  insertAppliedLabel,
  insertArtifactRow,
  insertAuditRow,
  insertLabelRow,
  insertLogRequest,
  insertNoteRow,
  insertSavedSearchRow,
  insertSourceRow,
  insertStar,
  insertSuggestionRow,
  insertTagRow,
  insertTranslationRow,
  LOG_REQUEST_COLUMNS,
  setCaseInfoValue,
  type LogRequestRow,
} from '../../db/bundle-repo';
import { writeCaseInfo, writeImportedFrom } from '../../db/case-repo';
import { createDatabase, transaction, type Db } from '../../db/database';
import { saveExtraction } from '../../db/extraction-repo';
import { insertSearchDocs } from '../../db/search-repo';
import { describeFsError } from '../../lib/fs-errors';
import { CASE_DB_FILE, canonicalCaseDir, isCaseDir, register } from '../case-store';
import { caseInfo } from '../cases';
import type { Ctx } from '../context';
import { rememberCase } from '../recent-cases';
import { readEntries } from './bundle-reader';
import { ANALYSIS_FILE } from './manifest';
import { verifyBundleFile } from './verify';

const depthOf = (p: string): number => p.split('!/').length - 1;

function emptyCaseFolder(dir: string): string {
  const abs = path.resolve(dir);
  try {
    const stat = statSync(abs, { throwIfNoEntry: false });
    if (stat && !stat.isDirectory()) throw new AppError('invalid_input', `not a folder: ${abs}`);
    if (isCaseDir(abs)) throw new AppError('conflict', `a case already exists in ${abs}`);
    if (stat && readdirSync(abs).length > 0)
      throw new AppError('conflict', `folder is not empty: ${abs} (import into an empty or new folder)`);
    mkdirSync(abs, { recursive: true });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('io', describeFsError(e, abs));
  }
  return canonicalCaseDir(abs);
}

function writeArtifact(db: Db, a: ManifestArtifact, text: string | null, analysis: string | undefined): void {
  insertArtifactRow(db, {
    id: a.id,
    sourceId: a.sourceId,
    parentId: a.parentId,
    path: a.path,
    name: a.name,
    kind: a.kind,
    size: a.size,
    mtime: a.times.mtime,
    ctime: a.times.ctime,
    atime: a.times.atime,
    birthtime: a.times.birthtime,
    mode: a.mode,
    sha256: a.hashes.sha256,
    sha1: a.hashes.sha1,
    md5: a.hashes.md5,
    mime: a.mime,
    mismatch: a.mismatch,
    status: a.status,
    error: a.error,
    symlinkTarget: a.symlinkTarget,
    rawName: a.rawName,
    nameEncoding: a.nameEncoding,
    depth: depthOf(a.path),
  });
  if (a.extraction) {
    const extraction = { ...a.extraction.data, ...(text !== null ? { text } : {}) } as Extraction;
    saveExtraction(db, a.id, extraction, a.extraction.versions, buildSearchDocs(a.path, extraction));
  } else {
    insertSearchDocs(db, a.id, buildSearchDocs(a.path, null));
  }
  if (a.analysis) {
    if (analysis === undefined)
      throw new AppError('invalid_input', `the bundle has no analysis result for artifact ${a.id} in ${ANALYSIS_FILE}`);
    insertAnalysisRow(db, a.id, a.analysis, analysis);
  }
}

/**
 * Opens a bundle as a new case in an empty folder. The bundle must verify first (every hash, the schema, the audit
 * chain). The new case keeps every fact and every id: artifacts with their hashes, metadata, text and analysis, and
 * the review (tags, suggestions and decisions, labels, stars, notes, annotations, saved searches, the watchlist), so
 * exporting it again gives the same manifest. Its audit trail is the bundle's, verbatim, followed by a
 * `case.imported` event; its case info records the bundle it came from. The evidence files are not on this machine:
 * the case says so (`importedFrom`, shown in the case header), and its exports carry no originals.
 * Raises `invalid_input` (not a bundle, damaged, a zip bomb, does not verify), `conflict` (the folder holds a case or
 * files), `io`.
 */
export async function importBundle(input: ImportBundle, ctx: Ctx): Promise<CaseSummary> {
  const bundle = path.resolve(input.bundle);
  const { verification, manifest, audit } = await verifyBundleFile(bundle);
  if (!verification.ok || !manifest) {
    const first = verification.checks.find((c) => !c.ok);
    throw new AppError(
      'invalid_input',
      `the bundle does not verify (${verification.checks.filter((c) => !c.ok).length} problems; first: ${first?.subject}: ${first?.message}); run workbench verify`,
    );
  }
  const wanted = new Set(
    manifest.artifacts
      .flatMap((a) => [a.text && 'file' in a.text ? a.text.file : null, a.logRequests?.file ?? null])
      .filter((f): f is string => f !== null),
  );
  wanted.add(ANALYSIS_FILE);
  const files = new Map<string, Buffer>();
  await readEntries(bundle, wanted, (name, bytes) => files.set(name, bytes));

  // Each line is {"id":N,"result":{…}}; the result is stored again exactly as the exporting case stored it.
  const analyses = new Map<number, string>();
  for (const line of (files.get(ANALYSIS_FILE)?.toString('utf8') ?? '').split('\n')) {
    if (!line) continue;
    const parsed = JSON.parse(line) as { id: number; result: unknown };
    analyses.set(parsed.id, JSON.stringify(parsed.result));
  }
  const dir = emptyCaseFolder(input.dir);
  let db: Db;
  try {
    db = createDatabase(path.join(dir, CASE_DB_FILE));
  } catch (e) {
    throw new AppError('io', `cannot create the case database in ${dir}: ${describeFsError(e, dir)}`);
  }
  register(dir, db);
  const examiner = input.examiner?.trim() || manifest.case.examiner;
  const importedAt = new Date().toISOString();
  const origin: BundleOrigin = {
    bundle,
    fingerprint: verification.fingerprint ?? '',
    exportId: manifest.export.id,
    exportedAt: manifest.export.at,
    exportedBy: manifest.export.by,
    tool: `${manifest.export.tool.name} ${manifest.export.tool.version}`,
    importedAt,
    importedBy: examiner,
    originals: manifest.export.originals,
  };
  transaction(db, () => {
    writeCaseInfo(db, manifest.case);
    writeImportedFrom(db, origin);
    // The bundle's watchlist is the case's: the starter list must not be added on top of it when the case is opened.
    setCaseInfoValue(db, 'watchlist_seeded', 'imported');
    for (const e of audit) insertAuditRow(db, e);
    for (const s of manifest.sources) insertSourceRow(db, s);
    for (const p of manifest.watchlist) upsertProduction(db, p, importedAt);
    for (const l of manifest.labels) insertLabelRow(db, l, importedAt);
    for (const s of manifest.savedSearches) insertSavedSearchRow(db, s);
    // Parents may come after their children in a bundle: references are checked when the transaction commits.
    db.exec('PRAGMA defer_foreign_keys = ON');
    for (const a of manifest.artifacts) {
      const text = a.text ? ('inline' in a.text ? a.text.inline : (files.get(a.text.file)?.toString('utf8') ?? null)) : null;
      writeArtifact(db, a, text, analyses.get(a.id));
    }
    for (const a of manifest.artifacts) {
      for (const t of a.tags) insertTagRow(db, a.id, t);
      for (const s of a.suggestions) insertSuggestionRow(db, a.id, s);
      for (const l of a.labels) insertAppliedLabel(db, a.id, l);
      if (a.star) insertStar(db, a.id, a.star);
      for (const n of a.notes) insertNoteRow(db, n);
      for (const r of a.annotations) insertAnnotationRow(db, r);
      for (const t of a.translations) insertTranslationRow(db, t);
      if (a.logRequests) {
        const lines = (files.get(a.logRequests.file)?.toString('utf8') ?? '').split('\n').filter(Boolean);
        for (const line of lines) {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          insertLogRequest(db, a.id, Object.fromEntries(LOG_REQUEST_COLUMNS.map((c) => [c, parsed[c] ?? null])) as LogRequestRow);
        }
      }
    }
    for (const n of manifest.caseNotes) insertNoteRow(db, n);
    appendAudit(db, examiner, 'case.imported', {
      ...origin,
      caseId: manifest.case.id,
      artifacts: manifest.artifacts.length,
      workbench: version,
      host: ctx.host,
    });
  });
  const summary = caseInfo(dir);
  rememberCase(ctx.dataDir, summary);
  return summary;
}
