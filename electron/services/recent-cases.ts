import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RecentCase, type CaseSummary } from '../../shared/domain/case';
import { canonicalCaseDir, isCaseDir } from './case-store';

const FILE = 'recent-cases.json';
const MAX = 20;
const Stored = z.array(RecentCase.omit({ exists: true }));
type Stored = z.infer<typeof Stored>;

function read(dataDir: string): Stored {
  const file = path.join(dataDir, FILE);
  if (!existsSync(file)) return [];
  const parsed = Stored.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : [];
}

/** Written to a temp file and renamed, so a crash never leaves a half-written list. */
function write(dataDir: string, list: Stored): void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(list, null, 2));
  renameSync(`${file}.tmp`, file);
}

export function recentCases(dataDir: string): RecentCase[] {
  return read(dataDir).map((c) => ({ ...c, exists: isCaseDir(c.dir) }));
}

export function rememberCase(dataDir: string, summary: CaseSummary): void {
  const entry = { dir: summary.dir, name: summary.name, examiner: summary.examiner, openedAt: new Date().toISOString() };
  write(dataDir, [entry, ...read(dataDir).filter((c) => c.dir !== summary.dir)].slice(0, MAX));
}

/** Entries are stored by canonical folder (see rememberCase), so `dir` is canonicalised too: a symlinked path forgets the case. */
export function forgetCase(dataDir: string, dir: string): RecentCase[] {
  const canonical = canonicalCaseDir(dir);
  write(
    dataDir,
    read(dataDir).filter((c) => c.dir !== canonical),
  );
  return recentCases(dataDir);
}
