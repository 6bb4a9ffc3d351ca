import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import type { FixtureItem } from './generate/fixture-set';
import { writeFixtureSet } from './generate/fixture-set';
import type { MetadataGroups } from '../../shared/domain/extraction';
import type { JsonValue } from '../../shared/domain/json';
import { tempDir } from './temp';

/**
 * ExifTool is the reference our extractors are checked against. It is optional: the comparisons are skipped where it
 * is not installed.
 */

/** One file as ExifTool reports it: `Group:Tag` → value, and `SourceFile`. */
export type ExiftoolRecord = Record<string, JsonValue>;

export const hasExiftool = ((): boolean => {
  try {
    execFileSync('exiftool', ['-ver'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * `exiftool -j -G1` over the files, one record per file: tags named by their family-1 group, as our extractors name
 * them. `-n` asks for raw values (what our `raw ?? value` holds), `-a` for duplicate tags too.
 */
export function exiftoolJson(paths: readonly string[], flags: ReadonlyArray<'-n' | '-a'> = []): ExiftoolRecord[] {
  // Whole corpora are read in one call, so the JSON can be far larger than execFileSync's 1 MB default.
  const out = execFileSync('exiftool', ['-j', '-G1', ...flags, ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out ? (JSON.parse(out) as ExiftoolRecord[]) : [];
}

/** `exiftoolJson` for a single file; empty when ExifTool reported nothing. */
export function exiftoolRecord(path: string, flags: ReadonlyArray<'-n' | '-a'> = []): ExiftoolRecord {
  return exiftoolJson([path], flags)[0] ?? {};
}

/** The record of one file in a batch read by `exiftoolJson`; empty when ExifTool skipped the file. */
export function recordOf(batch: readonly ExiftoolRecord[], path: string): ExiftoolRecord {
  return batch.find((r) => r['SourceFile'] === path) ?? {};
}

/** Our `raw ?? value` against ExifTool's: numbers within 0.1 %, lists element-wise, strings trimmed. */
export function sameAsExiftool(ours: unknown, theirs: unknown): boolean {
  if (Array.isArray(ours) || Array.isArray(theirs)) {
    const a = Array.isArray(ours) ? ours : [ours];
    const b = Array.isArray(theirs) ? theirs : [theirs];
    return a.length === b.length && a.every((x, i) => sameAsExiftool(x, b[i]));
  }
  const na = typeof ours === 'number' ? ours : typeof ours === 'string' && ours.trim() !== '' ? Number(ours) : NaN;
  const nb = typeof theirs === 'number' ? theirs : typeof theirs === 'string' && theirs.trim() !== '' ? Number(theirs) : NaN;
  if (Number.isFinite(na) && Number.isFinite(nb)) return Math.abs(na - nb) <= 1e-3 * Math.max(1, Math.abs(nb));
  return String(ours).trim() === String(theirs).trim();
}

/** Tag-by-tag agreement with ExifTool over a corpus, with every disagreement spelled out for the log. */
export interface Agreement {
  compared: number;
  agreed: number;
  misses: string[];
}

/** Adds one file to the tally: each of our tags that ExifTool (`-n`) also reports, compared by `sameAsExiftool`. */
export function tallyAgreement(tally: Agreement, label: string, ours: MetadataGroups, theirs: ExiftoolRecord): void {
  for (const [group, tags] of Object.entries(ours)) {
    for (const [tag, v] of Object.entries(tags)) {
      const key = `${group}:${tag}`;
      if (!(key in theirs)) continue;
      tally.compared++;
      if (sameAsExiftool(v.raw ?? v.value, theirs[key])) tally.agreed++;
      else tally.misses.push(`${label} ${key}: ours ${JSON.stringify(v.raw ?? v.value)} exiftool ${JSON.stringify(theirs[key])}`);
    }
  }
}

/**
 * Writes generated fixtures to a temp folder, reads them back with ExifTool (formatted values: the fixtures state
 * what a reader displays) and expects each expected tag ExifTool reports to match. Returns how many were compared,
 * so a caller can insist the check was not vacuous.
 */
export async function expectFixturesMatchExiftool(
  items: readonly FixtureItem<{ tags: Record<string, Record<string, unknown>> }>[],
  tempPrefix: string,
): Promise<number> {
  const { dir, cleanup } = tempDir(tempPrefix);
  try {
    const paths = await writeFixtureSet(dir, items);
    const reference = exiftoolJson(paths);
    let compared = 0;
    items.forEach((item, i) => {
      const ref = recordOf(reference, paths[i]!);
      for (const [group, tags] of Object.entries(item.expected.tags)) {
        for (const [tag, value] of Object.entries(tags)) {
          if (!(`${group}:${tag}` in ref)) continue;
          compared++;
          expect(
            sameAsExiftool(value, ref[`${group}:${tag}`]),
            `${item.name} ${group}:${tag}: ${JSON.stringify(ref[`${group}:${tag}`])}`,
          ).toBe(true);
        }
      }
    });
    return compared;
  } finally {
    cleanup();
  }
}
