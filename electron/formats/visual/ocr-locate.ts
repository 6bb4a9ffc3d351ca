import type { OcrResult, PixelBox } from '../../../shared/domain/visual';

export interface TextLocation {
  /** Index into `OcrResult.lines`. */
  line: number;
  /** Union of the boxes of the words the match touches. */
  box: PixelBox;
}

const strip = (s: string): string[] => [...s].filter((c) => !/\s/u.test(c));

function union(boxes: readonly PixelBox[]): PixelBox {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * Where a phrase was read on the image, for highlighting a search hit or a watchlist match on the picture. White space
 * is ignored on both sides, because tesseract splits Korean and Chinese into words of its own choosing (인빈서블 can
 * come back as the four words 인/빈/서/블) and the phrase may span several of them; matches do not cross lines.
 */
export function locateText(result: OcrResult, phrase: string): TextLocation[] {
  const wanted = strip(phrase.normalize('NFC'));
  if (wanted.length === 0) return [];
  const found: TextLocation[] = [];
  result.lines.forEach((line, index) => {
    const chars: string[] = [];
    const wordOf: number[] = [];
    line.words.forEach((word, w) => {
      for (const c of strip(word.text.normalize('NFC'))) {
        chars.push(c);
        wordOf.push(w);
      }
    });
    for (let at = 0; at + wanted.length <= chars.length; at++) {
      if (!wanted.every((c, i) => chars[at + i] === c)) continue;
      const words = new Set(wordOf.slice(at, at + wanted.length));
      found.push({ line: index, box: union([...words].map((w) => line.words[w]?.box).filter((b): b is PixelBox => b !== undefined)) });
      at += wanted.length - 1;
    }
  });
  return found;
}
