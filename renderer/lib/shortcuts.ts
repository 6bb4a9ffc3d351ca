export type ShortcutAction =
  'next' | 'previous' | 'open' | 'back' | 'search' | 'tag' | 'note' | 'star' | 'label' | 'undo' | 'redo' | 'help';

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Where a key was pressed: in a text field (shortcuts off), on a control that has its own keys, or elsewhere. */
export type KeyTarget = 'typing' | 'control' | 'other';

export function keyTargetOf(target: EventTarget | null): KeyTarget {
  if (!(target instanceof Element)) return 'other';
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return 'typing';
  if (target.closest('button, a, summary, [role="tab"], [role="option"], [role="separator"], [role="dialog"]')) return 'control';
  return 'other';
}

/**
 * The workbench action a key press asks for, or null. Nothing fires while typing in a field; Enter and the arrows
 * keep their own meaning on buttons, tabs and dialogs.
 */
export function shortcutFor(e: KeyInput, target: KeyTarget): ShortcutAction | null {
  if (target === 'typing') return null;
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey) {
    const k = e.key.toLowerCase();
    if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (k === 'y' && !e.shiftKey) return 'redo';
    if (k === 'f' && !e.shiftKey) return 'search';
    return null;
  }
  if (mod || e.altKey) return null;
  if (e.key === 'Escape') return 'back';
  if (e.key === '?') return 'help';
  if (e.key === '/') return 'search';
  if (target === 'control' && ['Enter', 'ArrowDown', 'ArrowUp'].includes(e.key)) return null;
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return e.shiftKey ? null : 'next';
    case 'k':
    case 'ArrowUp':
      return e.shiftKey ? null : 'previous';
    case 'Enter':
      return 'open';
    case 't':
      return 'tag';
    case 'n':
      return 'note';
    case 's':
      return 'star';
    case 'l':
      return 'label';
    case 'u':
      return 'undo';
    default:
      return null;
  }
}

/** The shortcut sheet (`?`), in the order an analyst uses them. */
export const SHORTCUT_SHEET: readonly { keys: readonly string[]; what: string }[] = [
  { keys: ['j', '↓'], what: 'Next artifact' },
  { keys: ['k', '↑'], what: 'Previous artifact' },
  { keys: ['Enter'], what: 'Open the selected artifact in the detail pane' },
  { keys: ['Esc'], what: 'Back to the table (closes a dialog first)' },
  { keys: ['/', 'Ctrl F'], what: 'Search; ↑ ↓ move through the results, Enter opens one' },
  { keys: ['Shift click', 'Ctrl click'], what: 'Select a range, or add one row to the selection' },
  { keys: ['t'], what: 'Tag the selected artifacts to a production' },
  { keys: ['l'], what: 'Label the selected artifacts' },
  { keys: ['s'], what: 'Star or unstar the selected artifacts' },
  { keys: ['n'], what: 'Write a note on the artifact' },
  { keys: ['u', 'Ctrl Z'], what: 'Undo your last change' },
  { keys: ['Ctrl Shift Z', 'Ctrl Y'], what: 'Redo' },
  { keys: ['?'], what: 'Show this sheet' },
];
