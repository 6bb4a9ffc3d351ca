import { z } from 'zod';
import { KoreanRuleCategory, type KoreanVarietyMatch, type KoreanVarietyResult } from '../../shared/domain/analysis';
import rulesFile from './data/korean-variety.json';
import { type Range } from './sample';
import { classOfUnit, HANGUL } from './scripts';

/** One rule of `data/korean-variety.json` (the file's `notes` explain every field). */
export const KoreanRule = z.object({
  id: z.string().min(1),
  category: KoreanRuleCategory,
  north: z.array(z.string().min(2)).min(1),
  south: z.array(z.string().min(1)),
  position: z.enum(['word-start', 'anywhere']),
  weight: z.number().positive(),
  countSouth: z.boolean(),
  exceptNorth: z.array(z.string()).optional(),
  exceptSouth: z.array(z.string()).optional(),
  notes: z.string().min(1),
});
export type KoreanRule = z.infer<typeof KoreanRule>;

export const KoreanRuleFile = z.object({ version: z.string(), notes: z.string(), rules: z.array(KoreanRule) });
export type KoreanRuleFile = z.infer<typeof KoreanRuleFile>;

interface Form {
  rule: KoreanRule;
  variety: 'north' | 'south';
  text: string;
  /** The North form and its South counterpart (same index in the rule's lists). */
  north: string;
  south: string;
  except: readonly string[];
}

/** Rules compiled for scanning: forms grouped by the code unit of their first syllable, longest first. */
export interface KoreanRuleSet {
  version: string;
  byFirst: Map<number, Form[]>;
}

/** Compiles a rule file (the bundled one, or an analyst's extended copy); throws on a malformed file or duplicate id. */
export function compileKoreanRules(file: unknown): KoreanRuleSet {
  const parsed = KoreanRuleFile.parse(file);
  const byFirst = new Map<number, Form[]>();
  const ids = new Set<string>();
  for (const rule of parsed.rules) {
    if (ids.has(rule.id)) throw new Error(`duplicate Korean rule id ${rule.id}`);
    ids.add(rule.id);
    const pairAt = (k: number): { north: string; south: string } => ({
      north: rule.north[Math.min(k, rule.north.length - 1)] ?? '',
      south: rule.south[Math.min(k, rule.south.length - 1)] ?? '',
    });
    const forms: Form[] = rule.north.map((text, k) => ({ rule, variety: 'north', text, ...pairAt(k), except: rule.exceptNorth ?? [] }));
    if (rule.countSouth) {
      forms.push(...rule.south.map((text, k): Form => ({ rule, variety: 'south', text, ...pairAt(k), except: rule.exceptSouth ?? [] })));
    }
    for (const form of forms) {
      const first = form.text.charCodeAt(0);
      const list = byFirst.get(first) ?? [];
      list.push(form);
      byFirst.set(first, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.text.length - a.text.length);
  return { version: parsed.version, byFirst };
}

let compiledRules: KoreanRuleSet | undefined;
/** Compiled on first use, like the glossary. */
export const defaultKoreanRules = (): KoreanRuleSet => (compiledRules ??= compileKoreanRules(rulesFile));

const MAX_MATCHES = 50;

/** A repeated word adds half its weight again, twice at most: repetition confirms but is not new evidence. */
const contribution = (weight: number, count: number): number => weight * (1 + 0.5 * Math.min(count - 1, 2));

/**
 * North or South Korean, from the spelling and vocabulary markers of the rule set in `ranges` of `text`. Every
 * match is counted and the first 50 are listed with their position and the rule that fired; `field` names the text.
 */
export function detectKoreanVariety(
  text: string,
  field: string,
  ranges: readonly Range[] = [{ start: 0, end: text.length }],
  rules: KoreanRuleSet = defaultKoreanRules(),
): KoreanVarietyResult {
  const matches: KoreanVarietyMatch[] = [];
  const counts = new Map<Form['rule'], { north: number; south: number }>();
  let words = 0;
  let total = 0;
  for (const range of ranges) {
    for (let i = range.start; i < range.end; i++) {
      const unit = text.charCodeAt(i);
      if (classOfUnit(unit) !== HANGUL) continue;
      const atWordStart = i === 0 || classOfUnit(text.charCodeAt(i - 1)) !== HANGUL;
      if (atWordStart) words++;
      const candidates = rules.byFirst.get(unit);
      if (!candidates) continue;
      for (const form of candidates) {
        if (form.rule.position === 'word-start' && !atWordStart) continue;
        if (!text.startsWith(form.text, i) || i + form.text.length > range.end) continue;
        if (form.except.some((e) => text.startsWith(e, i))) continue;
        const tally = counts.get(form.rule) ?? { north: 0, south: 0 };
        tally[form.variety]++;
        counts.set(form.rule, tally);
        total++;
        if (matches.length < MAX_MATCHES) {
          let wordEnd = i + form.text.length;
          while (wordEnd < range.end && classOfUnit(text.charCodeAt(wordEnd)) === HANGUL) wordEnd++;
          matches.push({
            field,
            start: i,
            end: i + form.text.length,
            text: text.slice(i, wordEnd),
            ruleId: form.rule.id,
            category: form.rule.category,
            variety: form.variety,
            north: form.north,
            south: form.south,
            weight: form.rule.weight,
            note: form.rule.notes,
          });
        }
        break;
      }
    }
  }
  let northWeight = 0;
  let southWeight = 0;
  for (const [rule, tally] of counts) {
    if (tally.north) northWeight += contribution(rule.weight, tally.north);
    if (tally.south) southWeight += contribution(rule.weight, tally.south);
  }
  const score = northWeight / (northWeight + southWeight + 1);
  const base = { rulesVersion: rules.version, score, northWeight, southWeight, hangulWords: words, totalMatches: total, matches };
  if (words === 0) return { ...base, verdict: 'none', reason: 'no Hangul' };
  const northRules = [...counts].filter(([, t]) => t.north > 0).map(([r]) => r.north[0]);
  const southRules = [...counts].filter(([, t]) => t.south > 0).map(([r]) => r.south[0]);
  const evidence = [
    northRules.length ? `North forms ${northRules.slice(0, 6).join(', ')} (weight ${northWeight})` : 'no North form',
    southRules.length ? `South forms ${southRules.slice(0, 6).join(', ')} (weight ${southWeight})` : 'no South form',
  ].join('; ');
  if (northWeight >= 1 && northWeight >= 2 * southWeight) return { ...base, verdict: 'north', reason: evidence };
  if (southWeight >= 1 && southWeight >= 2 * northWeight) return { ...base, verdict: 'south', reason: evidence };
  return { ...base, verdict: 'undetermined', reason: evidence };
}
