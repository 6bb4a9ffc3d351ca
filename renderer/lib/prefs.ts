/*
 * UI preferences kept in the browser's storage: which examiner works on which case. Domain data never goes here;
 * the case database owns it.
 */

const EXAMINERS_KEY = 'workbench.examiners';

function readMap(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(EXAMINERS_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch (e) {
    // Unreadable storage (disabled, or a damaged value): the examiner is asked for again.
    console.warn('examiner preferences could not be read', e);
    return {};
  }
}

/** The examiner last chosen for a case in this browser or window, if any. */
export function rememberedExaminer(caseDir: string): string | null {
  return readMap()[caseDir] ?? null;
}

export function rememberExaminer(caseDir: string, examiner: string): void {
  try {
    localStorage.setItem(EXAMINERS_KEY, JSON.stringify({ ...readMap(), [caseDir]: examiner }));
  } catch (e) {
    // Storage full or disabled: the choice holds for this session only.
    console.warn('examiner preference could not be saved', e);
  }
}
