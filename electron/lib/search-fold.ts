/**
 * Search folding: what the full-text index stores and what queries are turned into, so that `ＩＮＶＩＮＣＩＢＬＥ`,
 * `Invincible` and `invincible` meet. Each code point folds on its own (NFKC, then lower case) to exactly one code
 * point — never more, never fewer — so an offset in folded text is the same offset in the original: snippets are
 * cut from what the evidence says, not from its folded form. A compatibility character whose NFKC form is longer
 * (`㍿`, `ﬁ`) is kept as it is rather than break that property.
 */

const folded = new Map<number, string>();

function foldCodePoint(cp: number): string {
  const cached = folded.get(cp);
  if (cached !== undefined) return cached;
  const original = String.fromCodePoint(cp);
  const nfkc = original.normalize('NFKC').toLowerCase();
  const result = [...nfkc].length === 1 && nfkc.length === original.length ? nfkc : original.toLowerCase();
  // toLowerCase can also lengthen (İ → i̇); the original stands then.
  const safe = result.length === original.length ? result : original;
  folded.set(cp, safe);
  return safe;
}

const ASCII = /^[\x00-\x7f]*$/;

/** The folded form of a text, same length in UTF-16 code units as the original. */
export function foldForSearch(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    out += cp < 0x80 ? text[i]!.toLowerCase() : foldCodePoint(cp);
    i += width;
  }
  return out;
}

/** Han, Hangul and Kana: scripts written without spaces between words, so every character may start a word. */
const DENSE = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{3134f}]+/gu;

/** Most characters of one text that go into the short-term index; longer texts are found by 3+ character terms beyond it. */
export const GRAM_SOURCE_CHARS = 1_000_000;

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
