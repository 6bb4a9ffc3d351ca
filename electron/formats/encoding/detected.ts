export interface DetectedEncoding {
  /** Lower-case WHATWG / IANA label, e.g. `utf-8`, `gb18030`, `euc-kr`, `shift_jis`, `windows-1252`. */
  name: string;
  confidence: number;
  bom: boolean;
  /** Why this label was chosen, for the analyst. */
  method: string;
}

/** Confidences are shown to the analyst; two decimals is all the precision the heuristics have. */
export function roundConfidence(x: number): number {
  return Math.round(x * 100) / 100;
}
