/**
 * The short-term index: FTS5's trigram tokenizer cannot match a term shorter than three characters, so texts are
 * also indexed as tokens for FTS5's unicode61 tokenizer, where dense scripts (no spaces between words) get every
 * single character and every adjacent pair as a token of its own.
 */

/** Han, Hangul and Kana: scripts written without spaces between words, so every character may start a word. */
const DENSE = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{3134f}]+/gu;

/** Most characters of one text that go into the short-term index; longer texts are found by 3+ character terms beyond it. */
export const GRAM_SOURCE_CHARS = 250_000;

/**
 * The text for the short-term index (FTS5 unicode61 tokens): runs of Han, Hangul and Kana become their single
 * characters and every adjacent pair, separated by spaces, so a one- or two-character query is one token lookup;
 * Latin words stay words (found by prefix). Takes folded text.
 */
export function searchGrams(foldedText: string): string {
  const source = foldedText.length > GRAM_SOURCE_CHARS ? foldedText.slice(0, GRAM_SOURCE_CHARS) : foldedText;
  return source.replace(DENSE, (run) => {
    const chars = [...run];
    const grams = [...chars];
    for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
    return ` ${grams.join(' ')} `;
  });
}

/** Whether a (folded) query term is written in a dense script: looked up as a whole token, not as a word prefix. */
export const isDenseTerm = (term: string): boolean => {
  DENSE.lastIndex = 0;
  const match = DENSE.exec(term);
  DENSE.lastIndex = 0;
  return match !== null && match[0] === term;
};
