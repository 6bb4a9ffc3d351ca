import { type FieldKind, type Production, type ProductionAlias, Watchlist, type WatchlistHit } from '../../shared/domain/analysis';
import watchlistFile from './data/watchlist.json';
import { type FoldedText, foldWithOffsets } from './fold';
import { PhraseIndex, phraseKey, scriptOf } from './phrase-index';
import { type Range } from './sample';
import { classOfUnit, LATIN } from './scripts';

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
}

export interface WatchlistMatchOptions {
  kind?: FieldKind;
  /** A fold of `text` with separators dropped that the caller already made (the glossary uses the same one). */
  folded?: FoldedText;
  /** Where to look for misspelt titles (default: the whole text); exact aliases are always looked for everywhere. */
  fuzzyRanges?: readonly Range[];
}

/** A production list compiled once (one automaton over all aliases), then matched against any number of texts. */
export interface WatchlistMatcher {
  match(text: string, field: string, options?: WatchlistMatchOptions): WatchlistHit[];
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
  key: string;
}

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
      const prev = text[i - 1] ?? '';
      const ch = text[i] ?? '';
      const next = text[i + 1] ?? '';
      // aB splits before B; ABc splits before B (an upper-case run ends where a capitalised word begins).
      if (isUpperCase(ch) && (isLowerCase(prev) || (isUpperCase(prev) && isLowerCase(next)))) break;
      i++;
    }
    tokens.push({ start: from, end: i, key: text.slice(from, i).toLowerCase() });
  }
  return tokens;
}

const isUpperCase = (ch: string): boolean => ch !== ch.toLowerCase();
const isLowerCase = (ch: string): boolean => ch !== ch.toUpperCase();

const KIND_SCORE: Record<ProductionAlias['kind'], number> = { title: 1, character: 0.9, company: 0.7, person: 0.7 };

/** Optimal-string-alignment distance (edits and adjacent swaps) when it is at most `max`, else max + 1. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let row = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prevPrev[j - 2] ?? 0) + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return Math.min(prev[n] ?? max + 1, max + 1);
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
    .map((e) => ({ ...e, words: Math.max(1, e.alias.text.match(TOKEN)?.length ?? 1), maxDistance: maxDistanceFor(e.key.length) }));
  const maxWords = Math.max(0, ...fuzzy.map((f) => f.words + 1));

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

  function fuzzyHits(text: string, field: string, kind: FieldKind, ranges: readonly Range[]): WatchlistHit[] {
    const hits: WatchlistHit[] = [];
    if (fuzzy.length === 0) return hits;
    for (const range of ranges) {
      const tokens = latinTokens(text, range.start, range.end);
      for (let t = 0; t < tokens.length; t++) {
        let joined = '';
        for (let w = 0; w < maxWords && t + w < tokens.length; w++) {
          const token = tokens[t + w];
          const previous = tokens[t + w - 1];
          if (token === undefined) break;
          // Words of one name are at most a few separators apart, never across other letters.
          if (w > 0 && previous !== undefined && (token.start - previous.end > 3 || /\p{L}/u.test(text.slice(previous.end, token.start))))
            break;
          joined += token.key;
          const start = tokens[t]?.start ?? 0;
          for (const alias of fuzzy) {
            if (w + 1 < alias.words - 1 || w + 1 > alias.words + 1 || joined[0] !== alias.key[0]) continue;
            if (Math.abs(joined.length - alias.key.length) > alias.maxDistance || joined === alias.key) continue;
            const distance = boundedDistance(joined, alias.key, alias.maxDistance);
            if (distance > 0 && distance <= alias.maxDistance) hits.push(hitOf(text, field, kind, alias, start, token.end, distance));
          }
        }
      }
    }
    return hits;
  }

  return {
    match(text, field, options = {}) {
      const kind = options.kind ?? 'text';
      const folded = options.folded ?? foldWithOffsets(text, true);
      const exact = index.match(text, folded).map((h) => hitOf(text, field, kind, h.phrase.value, h.start, h.end, 0));
      const near = fuzzyHits(text, field, kind, options.fuzzyRanges ?? [{ start: 0, end: text.length }]);
      // One hit per place per production: exact before fuzzy, longest first, so that "Iyanu - Child of Wonder" is
      // one hit, not three. Different productions may each claim the same words.
      exact.sort((a, b) => a.start - b.start || b.end - a.end);
      const byProduction = new Map<string, WatchlistHit[]>();
      for (const hit of [...exact, ...near.sort((a, b) => a.distance - b.distance)]) {
        const list = byProduction.get(hit.productionId) ?? [];
        if (!list.some((h) => h.start < hit.end && hit.start < h.end)) list.push(hit);
        byProduction.set(hit.productionId, list);
      }
      return [...byProduction.values()].flat().sort((a, b) => a.start - b.start || b.score - a.score);
    },
  };
}
