import { useEffect } from 'react';
import { keyTargetOf, shortcutFor, type ShortcutAction } from '../../lib/shortcuts';
import { useAppStore } from '../../store';
import { selectTargetIds } from '../../store/selectors';

interface Options {
  /** Enter: the selected artifact's detail pane takes the focus. */
  onOpen: () => void;
  /** Esc: back to the table. */
  onBack: () => void;
}

/**
 * The workspace's keyboard: j/k, Enter, Esc, /, t, l, s, n, u, Ctrl+Z and ? (see SHORTCUT_SHEET). One listener on
 * the window for the workspace's lifetime; it reads the store when a key is pressed, so it never re-subscribes.
 */
export function useShortcuts({ onOpen, onBack }: Options): void {
  useEffect(() => {
    const run = (action: ShortcutAction): boolean => {
      const s = useAppStore.getState();
      const targets = selectTargetIds(s);
      const needsSelection = (): boolean => {
        if (targets.length > 0) return true;
        s.pushToast('info', 'Select an artifact first (j and k move through the table).');
        return false;
      };
      switch (action) {
        case 'next':
        case 'previous':
          if (s.centerTab === 'timeline') s.moveTimelineCursor(action === 'next' ? 1 : -1);
          else if (s.centerTab === 'artifacts') s.moveSelection(action === 'next' ? 1 : -1);
          else return false;
          return true;
        case 'open':
          if (s.selectedId === null) return false;
          onOpen();
          return true;
        case 'back':
          if (s.searchHits !== null) s.closeSearch();
          if (s.centerTab !== 'artifacts' && s.centerTab !== 'timeline') s.setCenterTab('artifacts');
          onBack();
          return true;
        case 'search':
          s.focusSearch();
          return true;
        case 'tag':
          if (needsSelection()) s.openDialog('tag');
          return true;
        case 'label':
          if (needsSelection()) s.openDialog('label');
          return true;
        case 'note':
          s.openDialog('note');
          return true;
        case 'star':
          if (needsSelection()) void s.toggleStars(targets);
          return true;
        case 'undo':
          void s.undo();
          return true;
        case 'redo':
          void s.redo();
          return true;
        case 'help':
          s.openDialog('shortcuts');
          return true;
        default:
          return false;
      }
    };

    const handleKeyDown = (e: KeyboardEvent): void => {
      // Keys a control already used (the grid's arrows, a dialog's Esc) are not shortcuts.
      if (e.defaultPrevented || e.isComposing) return;
      const s = useAppStore.getState();
      if (s.dialog !== null || s.viewer !== null) return;
      const action = shortcutFor(e, keyTargetOf(e.target));
      if (action && run(action)) e.preventDefault();
    };

    window.addEventListener('keydown', handleKeyDown);
    return () => window.removeEventListener('keydown', handleKeyDown);
  }, [onOpen, onBack]);
}
