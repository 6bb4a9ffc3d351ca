import JP_SHINJITAI from 'opencc-js/dict/JPShinjitaiCharacters';
import ST_CHARACTERS from 'opencc-js/dict/STCharacters';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import sharedForms from './data/zh-shared-forms.json';

/*
 * Character-level tables between simplified and traditional Chinese, from OpenCC's character dictionaries
 * (opencc-js). Only the three single-character tables are loaded: variant detection and folding work character by
 * character, and the phrase tables would add a megabyte and a trie to every worker for no gain here.
 */

/** How a Han character is written: in only one standard, or a Japanese-only (shinjitai) form such as 図 or 駅. */
export const SIMPLIFIED_ONLY = 1;
export const TRADITIONAL_ONLY = 2;
export const JAPANESE_ONLY = 3;
export type VariantClass = typeof SIMPLIFIED_ONLY | typeof TRADITIONAL_ONLY | typeof JAPANESE_ONLY;

const parse = (dict: string): Map<string, string> => {
  const map = new Map<string, string>();
  for (const entry of dict.split('|')) {
    const space = entry.indexOf(' ');
    const from = entry.slice(0, space);
    const to = entry.slice(space + 1);
    if (from !== to && !map.has(from)) map.set(from, to);
  }
  return map;
};

interface HanTables {
  toTraditional: Map<string, string>;
  toSimplifiedChinese: Map<string, string>;
  japaneseToTraditional: Map<string, string>;
  variantOf: Map<string, VariantClass>;
}

function buildTables(): HanTables {
  const toTraditional = parse(ST_CHARACTERS);
  const toSimplifiedChinese = parse(TS_CHARACTERS);
  const japaneseToTraditional = parse(JP_SHINJITAI);
  const alsoTraditional = new Set(sharedForms.simplifiedAlsoTraditional);
  const alsoSimplified = new Set(sharedForms.traditionalAlsoSimplified);

  const variantOf = new Map<string, VariantClass>();
  for (const simplified of toTraditional.keys()) if (!alsoTraditional.has(simplified)) variantOf.set(simplified, SIMPLIFIED_ONLY);
  for (const traditional of toSimplifiedChinese.keys()) {
    // A character both tables convert (a key in each direction) belongs to neither standard alone.
    if (alsoSimplified.has(traditional) || toTraditional.has(traditional)) continue;
    variantOf.set(traditional, TRADITIONAL_ONLY);
  }
  for (const [japanese, traditional] of japaneseToTraditional) {
    const isChinese =
      toTraditional.has(japanese) || toSimplifiedChinese.has(japanese) || alsoTraditional.has(japanese) || alsoSimplified.has(japanese);
    if (!isChinese && japanese !== traditional && variantOf.get(japanese) === undefined) variantOf.set(japanese, JAPANESE_ONLY);
  }
  return { toTraditional, toSimplifiedChinese, japaneseToTraditional, variantOf };
}

let tables: HanTables | undefined;
/** Built on first use, not at import: every CLI command loads this module, and most never fold a character. */
const hanTables = (): HanTables => (tables ??= buildTables());

/** Variant class of one character (a code point as a string), or undefined when both standards write it alike. */
export const variantClass = (char: string): VariantClass | undefined => hanTables().variantOf.get(char);

/** The other standard's form of a simplified-only or traditional-only character; the traditional form for kanji. */
export function counterpart(char: string): string {
  const { toTraditional, toSimplifiedChinese, japaneseToTraditional } = hanTables();
  return toTraditional.get(char) ?? toSimplifiedChinese.get(char) ?? japaneseToTraditional.get(char) ?? char;
}

/**
 * The simplified form that folding uses for any traditional or Japanese form. Simplified is the target because the
 * conversion is many-to-one in that direction (發 and 髮 both give 发), so folding never has to choose.
 */
export function simplifiedForm(char: string): string | undefined {
  const { toSimplifiedChinese, japaneseToTraditional, variantOf } = hanTables();
  const direct = toSimplifiedChinese.get(char);
  if (direct !== undefined) return direct;
  const traditional = japaneseToTraditional.get(char);
  if (traditional === undefined || variantOf.get(char) !== JAPANESE_ONLY) return undefined;
  return toSimplifiedChinese.get(traditional) ?? traditional;
}
