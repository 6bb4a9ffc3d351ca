import type { ArtifactAnalysis, LanguageLabel, Production, TranslationFingerprint, WatchlistHit } from '../../shared/domain/analysis';
import type { Db } from './database';
import { prepared } from './statements';
import { lookAlikeHits } from './visual-repo';

/** What the repository stores of one artifact's analysis (built by the analysis layer in a worker). */
export interface AnalysisRow {
  version: string;
  /** The ArtifactAnalysis, serialised (by the worker that made it). */
  analysisJson: string;
  language: LanguageLabel | null;
  languages: readonly LanguageLabel[];
  variant: string | null;
  nkScore: number;
  nkVerdict: string | null;
  bilingual: boolean;
  stage: string | null;
  fingerprint: TranslationFingerprint | null;
  suggestions: readonly { productionId: string; score: number; hits: readonly WatchlistHit[] }[];
}

/**
 * Replaces an artifact's analysis and brings its suggestions up to date. A suggestion the analyst has decided on
 * keeps its decision: when the evidence is gone (the watchlist or the content changed) it is marked stale instead
 * of being dropped. Open suggestions without evidence any more are removed. Call inside a transaction.
 */
export function saveAnalysis(db: Db, artifactId: number, row: AnalysisRow): void {
  // A DELETE and a plain INSERT rather than INSERT OR REPLACE: inside an ingest's write transactions OR REPLACE
  // took 0.7 ms a row (a sixth of the host thread's CPU in an ingest), the pair 0.08 ms.
  prepared(db, 'DELETE FROM analyses WHERE artifact_id = ?').run(artifactId);
  prepared(
    db,
    `INSERT INTO analyses (artifact_id, version, language, languages, variant, nk_score, nk_verdict, bilingual, stage, fingerprint, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    artifactId,
    row.version,
    row.language,
    // Delimited on both sides so that `LIKE '%,ko,%'` finds a label without matching a longer one.
    row.languages.length ? `,${row.languages.join(',')},` : '',
    row.variant,
    row.nkScore,
    row.nkVerdict,
    row.bilingual ? 1 : 0,
    row.stage,
    row.fingerprint ? JSON.stringify(row.fingerprint) : null,
    row.analysisJson,
  );
  replaceSuggestions(db, artifactId, row.suggestions);
}

/** Independent hits make a suggestion stronger: 1 − Π(1 − score). */
const combinedScore = (hits: readonly WatchlistHit[]): number => 1 - hits.reduce((p, h) => p * (1 - h.score), 1);

/**
 * Adds the artifact's look-alike hits (its picture is near a production's reference image) to its text suggestions:
 * they are kept in their own table, so every rewrite of the text suggestions brings them back.
 */
function withLookAlikes(db: Db, artifactId: number, text: AnalysisRow['suggestions']): AnalysisRow['suggestions'] {
  const visual = lookAlikeHits(db, artifactId);
  if (visual.length === 0) return text;
  const byProduction = new Map(text.map((s) => [s.productionId, [...s.hits]]));
  for (const hit of visual) byProduction.set(hit.productionId, [...(byProduction.get(hit.productionId) ?? []), hit]);
  return [...byProduction].map(([productionId, hits]) => ({
    productionId,
    hits: hits.sort((a, b) => b.score - a.score),
    score: combinedScore(hits),
  }));
}

/** Rewrites an artifact's suggestions from its stored text hits and its current look-alikes (a reference changed). */
export function refreshSuggestions(db: Db, artifactId: number): void {
  const rows = prepared(db, 'SELECT production_id AS productionId, hits FROM suggestions WHERE artifact_id = ?').all(artifactId) as {
    productionId: string;
    hits: string;
  }[];
  const text = rows
    .map((r) => ({ productionId: r.productionId, hits: (JSON.parse(r.hits) as WatchlistHit[]).filter((h) => !h.lookAlike) }))
    .filter((s) => s.hits.length > 0)
    .map((s) => ({ ...s, score: combinedScore(s.hits) }));
  replaceSuggestions(db, artifactId, text);
}

/** Sets an artifact's suggestions to `text` plus its look-alikes, keeping decisions (see saveAnalysis). */
export function replaceSuggestions(db: Db, artifactId: number, text: AnalysisRow['suggestions']): void {
  const current = withLookAlikes(db, artifactId, text);
  const seen = new Set<string>();
  const upsert = prepared(
    db,
    `INSERT INTO suggestions (artifact_id, production_id, score, hits, stale) VALUES (?, ?, ?, ?, 0)
     ON CONFLICT (artifact_id, production_id) DO UPDATE SET score = excluded.score, hits = excluded.hits, stale = 0`,
  );
  for (const s of current) {
    seen.add(s.productionId);
    upsert.run(artifactId, s.productionId, s.score, JSON.stringify(s.hits));
  }
  const existing = prepared(db, 'SELECT id, production_id AS productionId, status FROM suggestions WHERE artifact_id = ?').all(
    artifactId,
  ) as {
    id: number;
    productionId: string;
    status: string;
  }[];
  for (const e of existing) {
    if (seen.has(e.productionId)) continue;
    if (e.status === 'open') prepared(db, 'DELETE FROM suggestions WHERE id = ?').run(e.id);
    else prepared(db, 'UPDATE suggestions SET stale = 1 WHERE id = ?').run(e.id);
  }
}

/** Removes an artifact's analysis (its content changed); decided suggestions stay, marked stale. */
export function clearAnalysis(db: Db, artifactId: number): void {
  if (prepared(db, 'DELETE FROM analyses WHERE artifact_id = ?').run(artifactId).changes === 0) return;
  replaceSuggestions(db, artifactId, []);
  prepared(db, 'DELETE FROM translation_links WHERE a_id = ? OR b_id = ?').run(artifactId, artifactId);
  prepared(db, 'DELETE FROM log_requests WHERE artifact_id = ?').run(artifactId);
}

export function readAnalysis(db: Db, artifactId: number): ArtifactAnalysis | null {
  const row = prepared(db, 'SELECT data FROM analyses WHERE artifact_id = ?').get(artifactId) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as ArtifactAnalysis) : null;
}

export interface FingerprintRow {
  id: number;
  language: string;
  fingerprint: TranslationFingerprint;
}

export function fingerprints(db: Db): FingerprintRow[] {
  const rows = db.prepare('SELECT artifact_id AS id, language, fingerprint FROM analyses WHERE fingerprint IS NOT NULL').all() as {
    id: number;
    language: string;
    fingerprint: string;
  }[];
  return rows.map((r) => ({ id: Number(r.id), language: r.language, fingerprint: JSON.parse(r.fingerprint) as TranslationFingerprint }));
}

export function saveTranslationLink(db: Db, zhId: number, koId: number, score: number, evidence: unknown): void {
  prepared(db, 'INSERT OR REPLACE INTO translation_links (a_id, b_id, score, evidence) VALUES (?, ?, ?, ?)').run(
    zhId,
    koId,
    score,
    JSON.stringify(evidence),
  );
}

// ---- productions (the case's watchlist) ----

interface ProductionRow {
  id: string;
  title: string;
  aliases: string;
  networks: string;
  studios: string;
  notes: string;
}

const toProduction = (r: ProductionRow): Production => ({
  id: r.id,
  title: r.title,
  aliases: JSON.parse(r.aliases) as Production['aliases'],
  networks: JSON.parse(r.networks) as string[],
  studios: JSON.parse(r.studios) as string[],
  notes: r.notes,
});

export function listProductions(db: Db): Production[] {
  return (
    db
      .prepare('SELECT id, title, aliases, networks, studios, notes FROM productions WHERE removed_at IS NULL ORDER BY title')
      .all() as unknown as ProductionRow[]
  ).map(toProduction);
}

export function findProduction(db: Db, id: string): Production | null {
  const row = prepared(db, 'SELECT id, title, aliases, networks, studios, notes FROM productions WHERE id = ? AND removed_at IS NULL').get(
    id,
  ) as ProductionRow | undefined;
  return row ? toProduction(row) : null;
}

/** Creates or replaces a production (a removed one with the same id comes back). */
export function upsertProduction(db: Db, p: Production, now: string): void {
  prepared(
    db,
    `INSERT INTO productions (id, title, aliases, networks, studios, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, aliases = excluded.aliases, networks = excluded.networks,
       studios = excluded.studios, notes = excluded.notes, updated_at = excluded.updated_at, removed_at = NULL`,
  ).run(p.id, p.title, JSON.stringify(p.aliases), JSON.stringify(p.networks), JSON.stringify(p.studios), p.notes, now, now);
}

export function removeProduction(db: Db, id: string, now: string): boolean {
  return prepared(db, 'UPDATE productions SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(now, id).changes > 0;
}
