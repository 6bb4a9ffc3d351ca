import stored from './data/eld-small-ngrams.json';
import { type EldNgramsData, eldFile, openEldTable } from './eld-table';

export interface EldResult {
  language: string;
  getScores(): Record<string, number>;
  isReliable(): boolean;
}

export interface EldDetector {
  detect(text: string): EldResult;
  enableTextCleanup(on: boolean): void;
}

/** The part of eld that its entry files use to build a detector around a database. */
interface EldInternals {
  createEld(): { instance: EldDetector; loadData(data: EldNgramsData): string };
}

/**
 * eld's own detector over its 'small' database read from the compact table (eld-table.ts) instead of `eld/small`'s
 * object literal. eld's public entries either embed that literal or load one of their own files by name, so the
 * detector is taken from `src/languageDetector.js`, the module those entries call; the package's exports do not list
 * it, hence the path beside the resolved entry (`eldFile`). The pinned eld version and
 * eld-table.test.ts (same scores as `eld/small` on every labelled text) guard that reach into the package.
 */
export async function loadEld(): Promise<EldDetector> {
  const internals = (await import(eldFile('../languageDetector.js').href)) as EldInternals;
  const { instance, loadData } = internals.createEld();
  loadData(openEldTable(stored));
  return instance;
}
