import { z } from 'zod';
import {
  type FieldKind,
  type GlossaryHit,
  type GlossaryResult,
  ProductionStage,
  type StageCandidate,
  type StageGuess,
  type StageReason,
  TermLanguage,
} from '../../shared/domain/analysis';
import glossaryFile from './data/production-glossary.json';
import { type FoldedText, foldWithOffsets } from './fold';
import { leftmostLongest, type Phrase, type PhraseHit, PhraseIndex, phraseKey, scriptOf, standsAlone } from './phrase-index';

/** One term of `data/production-glossary.json` (the file's `notes` explain every field). */
export const GlossaryTerm = z.object({
  id: z.string().min(1),
  stage: ProductionStage.nullable(),
  gloss: z.string().min(1),
  weight: z.number().positive(),
  forms: z.partialRecord(TermLanguage, z.array(z.string().min(1))),
  notes: z.string().optional(),
});
export type GlossaryTerm = z.infer<typeof GlossaryTerm>;

export const GlossaryFile = z.object({ version: z.string(), notes: z.string(), terms: z.array(GlossaryTerm) });
export type GlossaryFile = z.infer<typeof GlossaryFile>;

interface FormInfo {
  term: GlossaryTerm;
  /** Every (language, form) of the term that folds to this key, to name the language of a hit. */
  variants: { lang: TermLanguage; form: string; plain: string | null }[];
}

interface NumberedForm {
  source: string;
  script: Phrase<FormInfo>['script'];
  info: FormInfo;
}

/**
 * A glossary compiled for matching: one automaton for the literal forms, and one regex whose alternatives (one
 * capture group each, longest first) are the forms with a number, so either is a single pass over the text.
 */
export interface Glossary {
  version: string;
  terms: readonly GlossaryTerm[];
  index: PhraseIndex<FormInfo>;
  numbered: readonly NumberedForm[];
  numberedPattern: RegExp | null;
}

/** A form as written, up to width and case, to tell which language's spelling a hit has; null for numbered forms. */
const plainForm = (form: string): string | null => (form.includes('#') ? null : form.normalize('NFKC').toLowerCase());

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles a glossary file (the bundled one or an analyst's copy); throws when two terms share a folded form. */
export function compileGlossary(file: unknown): Glossary {
  const parsed = GlossaryFile.parse(file);
  const byKey = new Map<string, FormInfo & { script: Phrase<FormInfo>['script'] }>();
  const numbered = new Map<string, NumberedForm>();
  for (const term of parsed.terms) {
    for (const [lang, forms] of Object.entries(term.forms) as [TermLanguage, string[]][]) {
      for (const form of forms) {
        const isNumbered = form.includes('#');
        const key = isNumbered ? form.split('#').map(phraseKey).join('#') : phraseKey(form);
        const existing = isNumbered ? numbered.get(key)?.info : byKey.get(key);
        if (existing && existing.term.id !== term.id)
          throw new Error(`glossary form ${form} is in both ${existing.term.id} and ${term.id}`);
        if (existing) {
          existing.variants.push({ lang, form, plain: plainForm(form) });
          continue;
        }
        const info: FormInfo = { term, variants: [{ lang, form, plain: plainForm(form) }] };
        const script = scriptOf(form.replaceAll('#', ''));
        if (isNumbered) {
          numbered.set(key, { source: key.split('#').map(escapeRegExp).join('\\d+'), script, info });
        } else byKey.set(key, { ...info, script });
      }
    }
  }
  const phrases = [...byKey].map(([key, { term, variants, script }]) => ({ key, script, value: { term, variants } }));
  const numberedForms = [...numbered.values()].sort((a, b) => b.source.length - a.source.length);
  const numberedPattern = numberedForms.length ? new RegExp(numberedForms.map((f) => `(${f.source})`).join('|'), 'g') : null;
  return { version: parsed.version, terms: parsed.terms, index: new PhraseIndex(phrases), numbered: numberedForms, numberedPattern };
}

let compiledGlossary: Glossary | undefined;
/** Compiled on first use, not at import: every CLI command loads this module, and most never look for a term. */
export const defaultGlossary = (): Glossary => (compiledGlossary ??= compileGlossary(glossaryFile));

/** The language of a hit: the forms it spells exactly (both Chinese standards give `zh`), else the first form's. */
function languageOf(matched: string, variants: FormInfo['variants']): TermLanguage {
  const plain = matched.normalize('NFKC').toLowerCase();
  const exact = variants.filter((v) => v.plain === plain).map((v) => v.lang);
  if (exact.includes('zh-Hans') && exact.includes('zh-Hant')) return 'zh';
  return exact[0] ?? variants[0]?.lang ?? 'en';
}

export interface FindTermsOptions {
  glossary?: Glossary;
  /** A fold of `text` with separators dropped that the caller already made (the watchlist needs the same one). */
  folded?: FoldedText;
  /** Most hits listed; all are counted. */
  maxHits?: number;
}

export const DEFAULT_MAX_TERM_HITS = 100;

/** Production terms in one text, each with its position, gloss and stage; leftmost-longest (摄影表 over 摄影). */
export function findTerms(text: string, field: string, options: FindTermsOptions = {}): GlossaryResult {
  const glossary = options.glossary ?? defaultGlossary();
  const folded = options.folded ?? foldWithOffsets(text, true);
  const maxHits = options.maxHits ?? DEFAULT_MAX_TERM_HITS;
  const raw: PhraseHit<FormInfo>[] = glossary.index.match(text, folded, true);
  const pattern = glossary.numberedPattern;
  if (pattern && /\d/.test(folded.text)) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(folded.text); m !== null; m = pattern.exec(folded.text)) {
      const form = glossary.numbered[m.findIndex((group, i) => i > 0 && group !== undefined) - 1];
      if (form === undefined) continue;
      const start = folded.origStart[m.index] ?? 0;
      const end = folded.origEnd[m.index + m[0].length - 1] ?? start;
      if (standsAlone(text, start, end, form.script))
        raw.push({ phrase: { key: m[0], script: form.script, value: form.info }, start, end, alone: true });
    }
  }
  const kept = leftmostLongest(acceptGlued(raw));
  const counts: Record<string, number> = {};
  const hits: GlossaryHit[] = [];
  for (const { phrase, start, end } of kept) {
    const { term, variants } = phrase.value;
    counts[term.id] = (counts[term.id] ?? 0) + 1;
    if (hits.length >= maxHits) continue;
    const matched = text.slice(start, end);
    const lang = languageOf(matched, variants);
    const form = variants.find((v) => v.lang === lang)?.form ?? variants[0]?.form ?? matched;
    hits.push({ field, start, end, text: matched, termId: term.id, gloss: term.gloss, stage: term.stage, form, lang, weight: term.weight });
  }
  return { hits, totalHits: kept.length, counts, truncated: kept.length > hits.length };
}

/**
 * Korean writes compounds of studio terms without spaces (원화수정본, 동화검사표), where the second term follows a
 * syllable and fails the word-start rule that keeps 원화 out of 전원화. A glued Hangul hit is accepted when a hit
 * that stands on its own (or one accepted that way) ends exactly where it starts.
 */
function acceptGlued(hits: PhraseHit<FormInfo>[]): PhraseHit<FormInfo>[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const ends = new Set<number>();
  const accepted: PhraseHit<FormInfo>[] = [];
  for (const hit of hits) {
    if (!hit.alone && !ends.has(hit.start)) continue;
    accepted.push(hit);
    ends.add(hit.end);
  }
  return accepted;
}

/** Names and folder paths are labels someone chose ("原画/C012.psd"); running text mentions stages in passing. */
const FIELD_WEIGHT: Record<FieldKind, number> = { name: 2, path: 1.5, metadata: 1, text: 1 };

export interface StageInput {
  field: string;
  kind: FieldKind;
  glossary: GlossaryResult;
}

/**
 * The production stage an artifact most likely belongs to, from the glossary hits in its text, metadata values
 * and file/folder names. A term counts once per field plus half again for each repeat (twice at most), times its
 * weight and the field's; the stage with the highest total wins, its confidence being its share of all stage
 * scores damped for thin evidence (a single half-weight word is not a verdict).
 */
export function guessStage(inputs: readonly StageInput[], glossary: Glossary = defaultGlossary()): StageGuess {
  const termsById = new Map(glossary.terms.map((t) => [t.id, t]));
  const byStage = new Map<ProductionStage, { score: number; reasons: StageReason[] }>();
  for (const input of inputs) {
    for (const [termId, count] of Object.entries(input.glossary.counts)) {
      const term = termsById.get(termId);
      if (!term?.stage) continue;
      const weight = term.weight * FIELD_WEIGHT[input.kind] * (1 + 0.5 * Math.min(count - 1, 2));
      const entry = byStage.get(term.stage) ?? { score: 0, reasons: [] };
      entry.score += weight;
      const text = input.glossary.hits.find((h) => h.termId === termId)?.text ?? termId;
      entry.reasons.push({ termId, gloss: term.gloss, field: input.field, text, count, weight });
      byStage.set(term.stage, entry);
    }
  }
  const total = [...byStage.values()].reduce((sum, e) => sum + e.score, 0);
  const candidates: StageCandidate[] = [...byStage]
    .map(([stage, e]) => ({ stage, score: e.score, share: e.score / total, reasons: e.reasons.sort((a, b) => b.weight - a.weight) }))
    .sort((a, b) => b.score - a.score);
  const top = candidates[0];
  if (top === undefined) return { stage: null, confidence: 0, candidates, reason: 'no production term that points to a stage' };
  const confidence = top.share * (1 - Math.exp(-top.score));
  const because = top.reasons
    .slice(0, 4)
    .map((r) => `${r.text} (${r.gloss.split(':')[0]}) in ${r.field}${r.count > 1 ? ` ×${r.count}` : ''}`)
    .join(', ');
  return { stage: top.stage, confidence, candidates, reason: `${top.stage}: ${because}` };
}
