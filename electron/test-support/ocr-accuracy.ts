/** Edit distance between two strings, counted in code points (a Hangul syllable or Han character is one). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * Character accuracy, 1 − CER, ignoring whitespace: OCR puts spaces between Han characters and around punctuation
 * that the printed text does not have, and that says nothing about whether the characters were read right. Can be
 * negative when the output is much longer than the truth.
 */
export function characterAccuracy(truth: string, read: string): number {
  const strip = (s: string): string => s.replace(/\s+/gu, '');
  const expected = strip(truth);
  return 1 - editDistance(expected, strip(read)) / Math.max(1, [...expected].length);
}
