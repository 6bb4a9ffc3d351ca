import type { ChineseVariantResult, VariantExample } from '../../shared/domain/analysis';
import { counterpart, JAPANESE_ONLY, SIMPLIFIED_ONLY, TRADITIONAL_ONLY, variantClass } from './han-tables';
import { type Range } from './sample';
import { classOfUnit, HAN } from './scripts';

/** Running counts of variant evidence over one or more ranges of a text. */
export interface VariantTally {
  simplified: number;
  traditional: number;
  japanese: number;
  examples: Map<string, VariantExample>;
}

export const emptyTally = (): VariantTally => ({ simplified: 0, traditional: 0, japanese: 0, examples: new Map() });

const MAX_EXAMPLES = 12;

/** Adds the variant evidence of `text[start, end)` to `tally`: one map lookup per Han character. */
export function tallyVariant(text: string, start: number, end: number, tally: VariantTally): void {
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    const isPair = unit >= 0xd800 && unit <= 0xdbff;
    if (!isPair && classOfUnit(unit) !== HAN) continue;
    const char = isPair ? text.slice(i, i + 2) : text[i];
    if (isPair) i++;
    if (char === undefined) continue;
    const cls = variantClass(char);
    if (cls === undefined) continue;
    if (cls === SIMPLIFIED_ONLY) tally.simplified++;
    else if (cls === TRADITIONAL_ONLY) tally.traditional++;
    else if (cls === JAPANESE_ONLY) tally.japanese++;
    if (cls === JAPANESE_ONLY) continue;
    const seen = tally.examples.get(char);
    if (seen) seen.count++;
    else if (tally.examples.size < MAX_EXAMPLES) {
      const form = cls === SIMPLIFIED_ONLY ? 'simplified' : 'traditional';
      tally.examples.set(char, { char, counterpart: counterpart(char), form, start: isPair ? i - 1 : i, count: 1 });
    }
  }
}

export function mergeTally(into: VariantTally, from: VariantTally): void {
  into.simplified += from.simplified;
  into.traditional += from.traditional;
  into.japanese += from.japanese;
  for (const [char, example] of from.examples) {
    const seen = into.examples.get(char);
    if (seen) seen.count += example.count;
    else if (into.examples.size < MAX_EXAMPLES) into.examples.set(char, { ...example });
  }
}

/**
 * A variant needs at least four in five of its distinguishing characters: traditional texts quote simplified
 * names and the reverse, and converters leave strays, so a single opposite character must not flip the verdict.
 * Confidence grows with the number of distinguishing characters (one gives 0.5, three 0.875) times that purity.
 */
export function verdictOf(tally: VariantTally): ChineseVariantResult {
  const { simplified, traditional, japanese } = tally;
  const examples = [...tally.examples.values()].sort((a, b) => b.count - a.count || a.start - b.start);
  const base = { simplified, traditional, japanese, examples };
  const total = simplified + traditional;
  if (total === 0) {
    return { ...base, variant: 'none', confidence: 0, reason: 'no character that differs between simplified and traditional Chinese' };
  }
  const share = simplified / total;
  const variant = share >= 0.8 ? 'hans' : share <= 0.2 ? 'hant' : 'mixed';
  const purity = Math.abs(simplified - traditional) / total;
  const confidence = Math.min(0.99, (1 - 0.5 ** Math.max(simplified, traditional)) * (variant === 'mixed' ? 1 - purity : purity));
  const list = (form: VariantExample['form']): string =>
    examples
      .filter((e) => e.form === form)
      .slice(0, 4)
      .map((e) => `${e.char} (${form === 'simplified' ? 'traditional' : 'simplified'} ${e.counterpart})`)
      .join(', ');
  const parts = [
    simplified ? `${simplified} simplified-only character(s): ${list('simplified')}` : '',
    traditional ? `${traditional} traditional-only character(s): ${list('traditional')}` : '',
  ].filter(Boolean);
  return { ...base, variant, confidence, reason: parts.join('; ') };
}

/** Simplified or traditional Chinese, from the characters of `ranges` (default: all of `text`) that differ between them. */
export function detectChineseVariant(text: string, ranges: readonly Range[] = [{ start: 0, end: text.length }]): ChineseVariantResult {
  const tally = emptyTally();
  for (const r of ranges) tallyVariant(text, r.start, r.end, tally);
  return verdictOf(tally);
}
