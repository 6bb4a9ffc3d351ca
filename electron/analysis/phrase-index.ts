import type { AliasScript } from '../../shared/domain/analysis';
import { type FoldedText, foldWithOffsets } from './fold';
import { classAt, classOfUnit, HAN, HANGUL, KANA, LATIN } from './scripts';

/*
 * Many-phrase matching over folded text, shared by the glossary and the watchlist. Phrases and texts are folded the
 * same way (NFKC, lower case, simplified Han, separators dropped), one Aho-Corasick automaton finds every phrase in
 * one pass whatever the number of phrases, and each hit is mapped back to the original offsets for highlighting.
 * Folding drops spaces and punctuation, so the original text decides whether a hit stands on its own: a Latin
 * phrase must not touch a letter on either side (so "cut" is not found in "shortcut"), a Hangul phrase must not
 * follow a syllable (particles may follow it), and Han and kana phrases are matched whole.
 */

/** Folded form of a phrase: what the automaton searches for. */
export const phraseKey = (phrase: string): string => foldWithOffsets(phrase, true).text;

/** Script of a phrase, from its letters; `mixed` when it has letters of more than one. */
export function scriptOf(phrase: string): AliasScript {
  const seen = new Set<AliasScript>();
  for (let i = 0; i < phrase.length; i++) {
    const cls = classAt(phrase, i);
    if (cls === LATIN) seen.add('latin');
    else if (cls === HAN) seen.add('han');
    else if (cls === HANGUL) seen.add('hangul');
    else if (cls === KANA) seen.add('kana');
  }
  if (seen.size === 1) return [...seen][0] ?? 'mixed';
  // A Han phrase with kana (絵コンテ) is Japanese: treat it like kana, matched whole.
  if (seen.size === 2 && seen.has('han') && seen.has('kana')) return 'kana';
  return seen.size === 0 ? 'latin' : 'mixed';
}

const isUpper = (ch: string): boolean => ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isLower = (ch: string): boolean => ch !== ch.toUpperCase() && ch === ch.toLowerCase();

/**
 * Whether original `text[start, end)` stands on its own as a phrase of `script`. A case change inside a Latin run
 * (InvincibleS01, ep3Invincible) counts as a word boundary: file names glue words together that way.
 */
export function standsAlone(text: string, start: number, end: number, script: AliasScript): boolean {
  if (script === 'han' || script === 'kana') return true;
  const before = start > 0 ? classOfUnit(text.charCodeAt(start - 1)) : 0;
  if (script === 'hangul') return before !== HANGUL;
  const after = end < text.length ? classOfUnit(text.charCodeAt(end)) : 0;
  const first = text[start] ?? '';
  const last = text[end - 1] ?? '';
  const beforeOk = before !== LATIN || (isLower(text[start - 1] ?? '') && isUpper(first));
  const afterOk = after !== LATIN || (isLower(last) && isUpper(text[end] ?? ''));
  if (script === 'latin') return beforeOk && afterOk;
  return (before !== LATIN || beforeOk) && (after !== LATIN || afterOk) && before !== HANGUL;
}

export interface Phrase<T> {
  key: string;
  script: AliasScript;
  value: T;
}

export interface PhraseHit<T> {
  phrase: Phrase<T>;
  /** Original offsets. */
  start: number;
  end: number;
  /** False for a Hangul hit right after another syllable (see `match`). */
  alone: boolean;
}

/** Aho-Corasick automaton over UTF-16 code units of folded phrase keys. */
export class PhraseIndex<T> {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  private readonly outputs: number[][] = [[]];
  readonly phrases: readonly Phrase<T>[];

  constructor(phrases: readonly Phrase<T>[]) {
    this.phrases = phrases.filter((p) => p.key.length > 0);
    this.phrases.forEach((phrase, index) => {
      let state = 0;
      for (let i = 0; i < phrase.key.length; i++) {
        const unit = phrase.key.charCodeAt(i);
        let to = this.next[state]?.get(unit);
        if (to === undefined) {
          to = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.outputs.push([]);
          this.next[state]?.set(unit, to);
        }
        state = to;
      }
      this.outputs[state]?.push(index);
    });
    const queue: number[] = [...(this.next[0]?.values() ?? [])];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] ?? 0;
      for (const [unit, to] of this.next[state] ?? []) {
        let f = this.fail[state] ?? 0;
        while (f !== 0 && !this.next[f]?.has(unit)) f = this.fail[f] ?? 0;
        const target = this.next[f]?.get(unit);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        this.outputs[to]?.push(...(this.outputs[this.fail[to] ?? 0] ?? []));
        queue.push(to);
      }
    }
  }

  /** Every phrase occurrence in folded text, as folded offsets [start, end) with the phrase index. */
  scan(folded: string, onHit: (phraseIndex: number, start: number, end: number) => void): void {
    let state = 0;
    for (let i = 0; i < folded.length; i++) {
      const unit = folded.charCodeAt(i);
      let to = this.next[state]?.get(unit);
      while (to === undefined && state !== 0) {
        state = this.fail[state] ?? 0;
        to = this.next[state]?.get(unit);
      }
      state = to ?? 0;
      for (const index of this.outputs[state] ?? []) {
        const length = this.phrases[index]?.key.length ?? 0;
        onHit(index, i + 1 - length, i + 1);
      }
    }
  }

  /**
   * Hits in `text` (folded here unless the caller passes the fold it already made), mapped to original offsets and
   * kept only where they stand alone, or also, with `keepGlued`, Hangul hits glued to the syllable before them (for
   * the caller to accept after another term); overlapping hits are all returned, for the caller to choose among.
   */
  match(text: string, folded: FoldedText = foldWithOffsets(text, true), keepGlued = false): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    this.scan(folded.text, (index, s, e) => {
      const phrase = this.phrases[index];
      if (phrase === undefined) return;
      const start = folded.origStart[s] ?? 0;
      const end = folded.origEnd[e - 1] ?? start;
      if (standsAlone(text, start, end, phrase.script)) hits.push({ phrase, start, end, alone: true });
      else if (keepGlued && phrase.script === 'hangul') hits.push({ phrase, start, end, alone: false });
    });
    return hits;
  }
}

/** Keeps, scanning left to right, the longest hit at each start and drops hits overlapping one already kept. */
export function leftmostLongest<H extends { start: number; end: number }>(hits: H[]): H[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: H[] = [];
  let reached = -1;
  for (const hit of hits) {
    if (hit.start < reached) continue;
    kept.push(hit);
    reached = hit.end;
  }
  return kept;
}
