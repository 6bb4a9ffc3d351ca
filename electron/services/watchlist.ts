import type { Production, Watchlist } from '../../shared/domain/analysis';
import type { z } from 'zod';
import { type ProductionInput, type ProductionSummary } from '../../shared/domain/review';
import { AppError } from '../../shared/errors';
import { analysisInputs, suggestionsFor } from '../analysis/artifact-inputs';
import { blockingKeys, PAIR_THRESHOLD, scoreFingerprints } from '../analysis/bilingual';
import { starterWatchlist } from '../analysis/watchlist';
import {
  findProduction,
  fingerprints,
  listProductions,
  replaceSuggestions,
  saveTranslationLink,
  upsertProduction,
} from '../db/analysis-repo';
import { appendAudit } from '../db/audit-repo';
import { readExtraction } from '../db/extraction-repo';
import { ocrText } from '../db/visual-repo';
import { transaction, type Db } from '../db/database';
import { insertOp, snapshot, type Change } from '../db/review-repo';
import { canonicalCaseDir, caseDb, writableCaseDb } from './case-store';
import type { Ctx } from './context';

/** Artifacts re-matched per slice when the watchlist changes; the event loop serves other calls between slices. */
const REMATCH_SLICE = 200;
/** A blocking key shared by more notes than this (a common number) is too unspecific to pair on. */
const MAX_BLOCK = 400;

const slug = (title: string): string =>
  title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'production';

/** The case's watchlist with open suggestions and tags per production. Raises `not_found`. */
export function listWatchlist(dir: string): ProductionSummary[] {
  const db = caseDb(dir);
  const counts = new Map(
    (
      db
        .prepare(
          `SELECT p.id AS id,
             (SELECT COUNT(*) FROM suggestions g WHERE g.production_id = p.id AND g.status = 'open') AS open,
             (SELECT COUNT(*) FROM tags t WHERE t.production_id = p.id AND t.removed_at IS NULL) AS tagged
           FROM productions p WHERE p.removed_at IS NULL`,
        )
        .all() as { id: string; open: number; tagged: number }[]
    ).map((r) => [r.id, r]),
  );
  return listProductions(db).map((p) => ({
    ...p,
    openSuggestions: Number(counts.get(p.id)?.open ?? 0),
    tagged: Number(counts.get(p.id)?.tagged ?? 0),
  }));
}

/** Records a watchlist change in the audit trail and the undo log, in the caller's transaction. */
function recordChange(db: Db, examiner: string, action: string, summary: string, changes: Change[]): void {
  if (changes.length === 0) return;
  const audit = appendAudit(db, examiner, action, { summary, changes });
  insertOp(db, audit.seq, examiner, action, changes, null);
}

function upsertTracked(db: Db, p: Production, now: string): Change | null {
  const before = snapshot(db, 'productions', p.id);
  upsertProduction(db, p, now);
  const after = snapshot(db, 'productions', p.id);
  const same = (a: typeof before, b: typeof after): boolean =>
    JSON.stringify({ ...a, updated_at: null }) === JSON.stringify({ ...b, updated_at: null });
  return same(before, after) ? null : { table: 'productions', key: p.id, before, after };
}

/** The case starts with the bundled starter list (public reporting, editable); recorded once in the audit trail. */
export function seedWatchlist(db: Db, examiner: string): void {
  const seeded = db.prepare("SELECT value FROM case_info WHERE key = 'watchlist_seeded'").get();
  if (seeded) return;
  transaction(db, () => {
    const now = new Date().toISOString();
    const changes = starterWatchlist.productions.map((p) => upsertTracked(db, p, now)).filter((c) => c !== null);
    recordChange(db, examiner, 'watchlist.seeded', `added the starter watchlist (version ${starterWatchlist.version})`, changes);
    db.prepare("INSERT INTO case_info (key, value) VALUES ('watchlist_seeded', ?)").run(starterWatchlist.version);
  });
}

/**
 * Adds or edits a production, then re-matches every artifact against the new list in the background. Raises
 * `conflict` when a new production's title is taken, `not_found` for an id that is not on the list.
 */
export function saveProduction(
  input: { dir: string; examiner: string; production: z.output<typeof ProductionInput> },
  ctx: Ctx,
): Production {
  const db = caseDb(input.dir);
  const p = input.production;
  const production = transaction(db, () => {
    const current = listProductions(db);
    const id = p.id ?? slug(p.title);
    if (p.id !== undefined && !findProduction(db, p.id))
      throw new AppError('not_found', `no production "${p.id}" on this case's watchlist`);
    if (p.id === undefined && current.some((c) => c.id === id || c.title.toLowerCase() === p.title.toLowerCase()))
      throw new AppError('conflict', `"${p.title}" is on the watchlist already`);
    const saved: Production = { id, title: p.title, aliases: p.aliases, networks: p.networks, studios: p.studios, notes: p.notes };
    const c = upsertTracked(db, saved, new Date().toISOString());
    recordChange(
      db,
      input.examiner,
      p.id === undefined ? 'watchlist.added' : 'watchlist.edited',
      `${p.id === undefined ? 'added' : 'edited'} the production ${p.title}`,
      c ? [c] : [],
    );
    return saved;
  });
  startRematch(input.dir, ctx);
  return production;
}

/** Takes a production off the watchlist (its tags stay; its open suggestions go). Raises `not_found`. */
export function removeProduction(input: { dir: string; examiner: string; id: string }, ctx: Ctx): void {
  const db = writableCaseDb(input.dir, 'editing the watchlist');
  transaction(db, () => {
    const p = findProduction(db, input.id);
    if (!p) throw new AppError('not_found', `no production "${input.id}" on this case's watchlist`);
    const before = snapshot(db, 'productions', p.id);
    db.prepare('UPDATE productions SET removed_at = ? WHERE id = ?').run(new Date().toISOString(), p.id);
    recordChange(db, input.examiner, 'watchlist.removed', `removed the production ${p.title}`, [
      { table: 'productions', key: p.id, before, after: snapshot(db, 'productions', p.id) },
    ]);
  });
  startRematch(input.dir, ctx);
}

/** Adds a watchlist file's productions (or replaces the list with them). */
export function importWatchlist(
  input: { dir: string; examiner: string; watchlist: Watchlist; replace: boolean },
  ctx: Ctx,
): ProductionSummary[] {
  const db = caseDb(input.dir);
  transaction(db, () => {
    const now = new Date().toISOString();
    const changes: Change[] = [];
    const incoming = new Set(input.watchlist.productions.map((p) => p.id));
    if (input.replace) {
      for (const old of listProductions(db).filter((p) => !incoming.has(p.id))) {
        const before = snapshot(db, 'productions', old.id);
        db.prepare('UPDATE productions SET removed_at = ? WHERE id = ?').run(now, old.id);
        changes.push({ table: 'productions', key: old.id, before, after: snapshot(db, 'productions', old.id) });
      }
    }
    for (const p of input.watchlist.productions) {
      const c = upsertTracked(db, p, now);
      if (c) changes.push(c);
    }
    recordChange(
      db,
      input.examiner,
      'watchlist.imported',
      `imported ${input.watchlist.productions.length} productions (watchlist ${input.watchlist.version})`,
      changes,
    );
  });
  startRematch(input.dir, ctx);
  return listWatchlist(input.dir);
}

export function exportWatchlist(dir: string): Watchlist {
  return {
    version: new Date().toISOString().slice(0, 10),
    notes: `Exported from the case in ${canonicalCaseDir(dir)}.`,
    productions: listProductions(caseDb(dir)),
  };
}

const rematches = new Map<string, { cancelled: boolean }>();

/**
 * Matches every artifact against the current watchlist again, a slice at a time so the host keeps answering; a
 * newer change cancels a running pass and starts over. Decisions already taken on suggestions are kept.
 */
function startRematch(dir: string, ctx: Ctx): void {
  const key = canonicalCaseDir(dir);
  const running = rematches.get(key);
  if (running) running.cancelled = true;
  const state = { cancelled: false };
  rematches.set(key, state);
  void rematch(dir, state, ctx).finally(() => {
    if (rematches.get(key) === state) rematches.delete(key);
  });
}

/** Resolves when no re-match runs for the case (tests and the CLI wait for it). */
export async function rematchSettled(dir: string): Promise<void> {
  while (rematches.has(canonicalCaseDir(dir))) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function rematch(dir: string, state: { cancelled: boolean }, ctx: Ctx): Promise<void> {
  const db = caseDb(dir);
  const productions = listProductions(db);
  const changed: number[] = [];
  for (let after = 0; !state.cancelled;) {
    const ids = (
      db.prepare('SELECT artifact_id AS id FROM analyses WHERE artifact_id > ? ORDER BY artifact_id LIMIT ?').all(after, REMATCH_SLICE) as {
        id: number;
      }[]
    ).map((r) => Number(r.id));
    if (ids.length === 0) break;
    transaction(db, () => {
      for (const id of ids) {
        const path = (db.prepare('SELECT path FROM artifacts WHERE id = ?').get(id) as { path: string }).path;
        const inputs = analysisInputs(path, readExtraction(db, id, Number.POSITIVE_INFINITY), ocrText(db, id));
        replaceSuggestions(db, id, suggestionsFor(inputs, productions));
        changed.push(id);
      }
    });
    after = ids.at(-1) as number;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!state.cancelled) ctx.emit('review.changed', { caseDir: canonicalCaseDir(dir), artifactIds: [], kinds: ['suggestions'] });
}

/**
 * Links Chinese notes to the Korean notes that translate them, across files: candidates share a blocking key
 * (a number, a glossary term), so a case's notes are not compared pair by pair.
 */
export function pairTranslations(db: Db): number {
  const rows = fingerprints(db);
  const blocks = new Map<string, { zh: number[]; ko: number[] }>();
  rows.forEach((r, i) => {
    const side = r.language === 'ko' ? 'ko' : 'zh';
    for (const key of blockingKeys(r.fingerprint)) {
      const block = blocks.get(key) ?? { zh: [], ko: [] };
      block[side].push(i);
      blocks.set(key, block);
    }
  });
  const compared = new Set<string>();
  let links = 0;
  transaction(db, () => {
    db.exec('DELETE FROM translation_links');
    for (const block of blocks.values()) {
      if (block.zh.length * block.ko.length === 0 || block.zh.length + block.ko.length > MAX_BLOCK) continue;
      for (const z of block.zh) {
        for (const k of block.ko) {
          const key = `${z}:${k}`;
          if (compared.has(key)) continue;
          compared.add(key);
          const zh = rows[z]!;
          const ko = rows[k]!;
          const score = scoreFingerprints(zh.fingerprint, ko.fingerprint);
          if (score.score < PAIR_THRESHOLD) continue;
          saveTranslationLink(db, zh.id, ko.id, score.score, {
            reason: score.reason,
            sharedNumbers: score.sharedNumbers,
            sharedTerms: score.sharedTerms,
          });
          links++;
        }
      }
    }
  });
  return links;
}
