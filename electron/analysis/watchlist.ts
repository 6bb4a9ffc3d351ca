import {
  type FieldKind,
  type Production,
  type ProductionAlias,
  Watchlist,
  type WatchlistHit,
  type WatchlistResult,
} from '../../shared/domain/analysis';
import watchlistFile from './data/watchlist.json';
import { type FoldedText, foldWithOffsets } from './fold';
import { PhraseIndex, phraseKey, scriptOf } from './phrase-index';
import { type Range } from './sample';
import { classOfUnit, DIGIT, LATIN, NONE } from './scripts';

/** The bundled starter watchlist (editable data file; a case keeps its own list in the database). */
export const starterWatchlist: Watchlist = Watchlist.parse(watchlistFile);

interface AliasEntry {
  production: Production;
  alias: ProductionAlias;
  key: string;
}

interface FuzzyAlias extends AliasEntry {
  words: number;
  maxDistance: number;
  letters: Int16Array;
}

export interface WatchlistMatchOptions {
  kind?: FieldKind;
  /** A fold of `text` with separators dropped that the caller already made (the glossary uses the same one). */
  folded?: FoldedText;
  /** Where to look for misspelt titles (default: the whole text); exact aliases are always looked for everywhere. */
  fuzzyRanges?: readonly Range[];
  /** Most hits listed (in text order); all are counted. */
  maxHits?: number;
}

export const DEFAULT_MAX_WATCHLIST_HITS = 100;

/** A production list compiled once (one automaton over all aliases), then matched against any number of texts. */
export interface WatchlistMatcher {
  match(text: string, field: string, options?: WatchlistMatchOptions): WatchlistResult;
}

/** A hit before it is dressed with snippet and reason, which only the listed hits get. */
interface RawHit {
  entry: AliasEntry;
  start: number;
  end: number;
  distance: number;
}

/*
 * Fuzzy matching is for long Latin titles and names only ("invincable", "Invinsible", "Mark Greyson"): short aliases
 * have too many near neighbours among ordinary words, and CJK aliases are either typed right or not at all (an input
 * method picks whole words). One edit is allowed from 8 letters, two from 12; "invisible" stays two edits away from
 * "invincible". The first letter must agree: typing slips rarely hit it, and it halves the comparisons.
 */
const FUZZY_MIN_LENGTH = 8;
const maxDistanceFor = (length: number): number => (length >= 12 ? 2 : 1);

/** Counts the words of an alias the way `latinTokens` splits text. */
const TOKEN = /\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})/gu;

interface Token {
  start: number;
  end: number;
}

/** ASCII by code, the rest through case mapping: this runs on every Latin letter of every text. */
const isUpperCase = (unit: number): boolean =>
  unit < 0x80 ? unit >= 0x41 && unit <= 0x5a : String.fromCharCode(unit) !== String.fromCharCode(unit).toLowerCase();
const isLowerCase = (unit: number): boolean =>
  unit < 0x80 ? unit >= 0x61 && unit <= 0x7a : String.fromCharCode(unit) !== String.fromCharCode(unit).toUpperCase();

/**
 * Latin word tokens of `text[start, end)`, split at case changes too (InvincibleEp3 → Invincible, Ep; INVINCIBLEs
 * stays one). A character-class loop: a Unicode-property regex costs several times more on every file name.
 */
function latinTokens(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    if (classOfUnit(text.charCodeAt(i)) !== LATIN) {
      i++;
      continue;
    }
    const from = i;
    i++;
    while (i < end && classOfUnit(text.charCodeAt(i)) === LATIN) {
      const ch = text.charCodeAt(i);
      // aB splits before B; ABc splits before B (an upper-case run ends where a capitalised word begins).
      if (isUpperCase(ch)) {
        const prev = text.charCodeAt(i - 1);
        if (isLowerCase(prev) || (isUpperCase(prev) && i + 1 < end && isLowerCase(text.charCodeAt(i + 1)))) break;
      }
      i++;
    }
    tokens.push({ start: from, end: i });
  }
  return tokens;
}

/** Whether the characters between two tokens are a few separators (no letter), as between the words of one name. */
function joinable(text: string, from: number, to: number): boolean {
  if (to - from > 3) return false;
  for (let g = from; g < to; g++) {
    const cls = classOfUnit(text.charCodeAt(g));
    if (cls !== NONE && cls !== DIGIT) return false;
  }
  return true;
}

const KIND_SCORE: Record<ProductionAlias['kind'], number> = { title: 1, character: 0.9, company: 0.7, person: 0.7 };

/** Scratch rows for `boundedDistance`, grown as needed: the distance runs on many windows of every text. */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/**
 * Optimal-string-alignment distance (edits and adjacent swaps) when it is at most `max`, else max + 1. Only the band
 * of cells within `max` of the diagonal can stay under the bound, so each row costs 2·max + 1 cells.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rows[0].length < n + 1) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [prevPrev, prev, row] = rows;
  const far = max + 1;
  for (let j = 0; j <= n; j++) prev[j] = j <= max ? j : far;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(n, i + max);
    row[0] = i <= max ? i : far;
    if (from > 1) row[from - 1] = far;
    let rowMin = row[0] as number;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      }
      row[j] = Math.min(v, far);
      if (v < rowMin) rowMin = v;
    }
    if (to < n) row[to + 1] = far;
    if (rowMin > max) return far;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return Math.min(prev[n] as number, far);
}

/** Letter counts (a–z, and one bucket for anything else) of a lower-case string. */
function letterHistogram(s: string, into: Int16Array): Int16Array {
  into.fill(0);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 0x61;
    (into[c >= 0 && c < 26 ? c : 26] as number)++;
  }
  return into;
}

const scratchHistogram = new Int16Array(27);

/**
 * Whether the letters of `s` and of the alias differ by more than `max` (bag distance, a lower bound of the edit
 * distance): a linear check that spares the edit distance on almost every window of ordinary text.
 */
function lettersTooFar(aliasHistogram: Int16Array, s: string, max: number): boolean {
  const h = letterHistogram(s, scratchHistogram);
  let more = 0;
  let fewer = 0;
  for (let k = 0; k < 27; k++) {
    const d = (h[k] as number) - (aliasHistogram[k] as number);
    if (d > 0) more += d;
    else fewer -= d;
  }
  return Math.max(more, fewer) > max;
}

function snippetOf(text: string, start: number, end: number): Pick<WatchlistHit, 'snippet' | 'highlight'> {
  const context = 40;
  let from = Math.max(0, start - context);
  let to = Math.min(text.length, end + context);
  // Never cut a surrogate pair in half.
  if (from > 0 && /[\udc00-\udfff]/.test(text[from] ?? '')) from--;
  if (to < text.length && /[\udc00-\udfff]/.test(text[to] ?? '')) to++;
  return { snippet: text.slice(from, to), highlight: { start: start - from, end: end - from } };
}

/**
 * An alias that is also an ordinary word ("invincible") counts fully in names, metadata and capitalised text, and
 * half in lower-case running prose, where it is most likely the word; short Han aliases (two characters or fewer)
 * are often parts of other words and count 0.6.
 */
function scoreOf(entry: AliasEntry, matched: string, kind: FieldKind, distance: number): { score: number; why: string[] } {
  const why: string[] = [];
  let score = KIND_SCORE[entry.alias.kind] * (1 - 0.2 * distance);
  const first = matched[0] ?? '';
  if (entry.alias.generic && kind === 'text' && first === first.toLowerCase()) {
    score *= 0.5;
    why.push('the alias is also an ordinary word and appears in lower case in running text');
  }
  const script = scriptOf(entry.alias.text);
  if ((script === 'han' || script === 'kana') && [...entry.key].length <= 2) {
    score *= 0.6;
    why.push('a short CJK alias');
  }
  return { score: Math.min(1, Math.max(0, score)), why };
}

/** Compiles a production list for matching; do it once per list and reuse the matcher for every text. */
export function createWatchlistMatcher(productions: readonly Production[]): WatchlistMatcher {
  const entries: AliasEntry[] = [];
  for (const production of productions) {
    // The title is an alias too; listed aliases come first so that their flags (generic) win over the bare title.
    const aliases = [...production.aliases, { text: production.title, lang: 'en', kind: 'title' as const }];
    const seen = new Set<string>();
    for (const alias of aliases) {
      const key = phraseKey(alias.text);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      entries.push({ production, alias, key });
    }
  }
  const index = new PhraseIndex(entries.map((entry) => ({ key: entry.key, script: scriptOf(entry.alias.text), value: entry })));
  const fuzzy: FuzzyAlias[] = entries
    .filter((e) => scriptOf(e.alias.text) === 'latin' && e.key.length >= FUZZY_MIN_LENGTH)
    .map((e) => ({
      ...e,
      words: Math.max(1, e.alias.text.match(TOKEN)?.length ?? 1),
      maxDistance: maxDistanceFor(e.key.length),
      letters: letterHistogram(e.key, new Int16Array(27)),
    }));
  // Grouped by first letter, which a fuzzy match must share: most words of a text then cost one map lookup.
  const fuzzyByFirst = new Map<string, FuzzyAlias[]>();
  for (const alias of fuzzy) fuzzyByFirst.set(alias.key[0] ?? '', [...(fuzzyByFirst.get(alias.key[0] ?? '') ?? []), alias]);
  const maxWords = Math.max(0, ...fuzzy.map((f) => f.words + 1));
  const maxLength = Math.max(0, ...fuzzy.map((f) => f.key.length + f.maxDistance));

  const hitOf = (
    text: string,
    field: string,
    kind: FieldKind,
    entry: AliasEntry,
    start: number,
    end: number,
    distance: number,
  ): WatchlistHit => {
    const matched = text.slice(start, end);
    const { score, why } = scoreOf(entry, matched, kind, distance);
    const how =
      distance === 0
        ? `alias “${entry.alias.text}” (${entry.alias.lang} ${entry.alias.kind}) found after width, case, spacing and variant folding`
        : `“${matched}” is ${distance} edit(s) from the alias “${entry.alias.text}” (${entry.alias.lang} ${entry.alias.kind})`;
    return {
      field,
      start,
      end,
      text: matched,
      productionId: entry.production.id,
      title: entry.production.title,
      alias: entry.alias.text,
      aliasLang: entry.alias.lang,
      aliasKind: entry.alias.kind,
      match: distance === 0 ? 'exact' : 'fuzzy',
      distance,
      score,
      ...snippetOf(text, start, end),
      reason: [how, ...why].join('; '),
    };
  };

  function fuzzyHits(text: string, ranges: readonly Range[]): RawHit[] {
    const hits: RawHit[] = [];
    if (fuzzy.length === 0) return hits;
    for (const range of ranges) {
      const tokens = latinTokens(text, range.start, range.end);
      const keys: (string | undefined)[] = new Array<string | undefined>(tokens.length);
      const keyOf = (t: number): string => (keys[t] ??= text.slice(tokens[t]?.start, tokens[t]?.end).toLowerCase());
      for (let t = 0; t < tokens.length; t++) {
        const first = tokens[t];
        if (first === undefined) continue;
        const candidates = fuzzyByFirst.get(text[first.start]?.toLowerCase() ?? '');
        if (candidates === undefined) continue;
        let joined = '';
        for (let w = 0; w < maxWords && t + w < tokens.length; w++) {
          const token = tokens[t + w];
          const previous = tokens[t + w - 1];
          if (token === undefined || (w > 0 && previous !== undefined && !joinable(text, previous.end, token.start))) break;
          joined += keyOf(t + w);
          if (joined.length > maxLength) break;
          for (const alias of candidates) {
            if (w + 1 < alias.words - 1 || w + 1 > alias.words + 1) continue;
            if (Math.abs(joined.length - alias.key.length) > alias.maxDistance || joined === alias.key) continue;
            if (lettersTooFar(alias.letters, joined, alias.maxDistance)) continue;
            const distance = boundedDistance(joined, alias.key, alias.maxDistance);
            if (distance <= alias.maxDistance) hits.push({ entry: alias, start: first.start, end: token.end, distance });
          }
        }
      }
    }
    return hits;
  }

  return {
    match(text, field, options = {}) {
      const kind = options.kind ?? 'text';
      const maxHits = options.maxHits ?? DEFAULT_MAX_WATCHLIST_HITS;
      const folded = options.folded ?? foldWithOffsets(text, true);
      const raw: RawHit[] = index.match(text, folded).map((h) => ({ entry: h.phrase.value, start: h.start, end: h.end, distance: 0 }));
      raw.push(...fuzzyHits(text, options.fuzzyRanges ?? [{ start: 0, end: text.length }]));
      // One hit per place per production, in text order: at one start exact before fuzzy and longest first, so that
      // "Iyanu - Child of Wonder" is one hit, not three. Different productions may each claim the same words.
      raw.sort((a, b) => a.start - b.start || a.distance - b.distance || b.end - a.end);
      const reached = new Map<string, number>();
      const counts: Record<string, number> = {};
      const hits: WatchlistHit[] = [];
      let total = 0;
      for (const hit of raw) {
        const id = hit.entry.production.id;
        if (hit.start < (reached.get(id) ?? 0)) continue;
        reached.set(id, hit.end);
        counts[id] = (counts[id] ?? 0) + 1;
        total++;
        if (hits.length < maxHits) hits.push(hitOf(text, field, kind, hit.entry, hit.start, hit.end, hit.distance));
      }
      return { hits, totalHits: total, counts, truncated: total > hits.length };
    },
  };
}
