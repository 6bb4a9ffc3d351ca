import type { ReactNode } from 'react';
import { useAppStore, useShallow } from '../../store';
import {
  selectActiveCase,
  selectExaminer,
  selectIsIngesting,
  selectIsLeftPaneOpen,
  selectUndoState,
  selectWorkspaceActions,
} from '../../store/selectors';
import { CaseHeader } from './case-header';

/** The case header wired to the store: examiner, undo and redo, the shortcut sheet, the left column, closing. */
export function WorkspaceHeader({ search }: { search: ReactNode }) {
  const summary = useAppStore(selectActiveCase);
  const examiner = useAppStore(selectExaminer);
  const isIngesting = useAppStore(selectIsIngesting);
  const isLeftOpen = useAppStore(selectIsLeftPaneOpen);
  const undo = useAppStore(useShallow(selectUndoState));
  const actions = useAppStore(useShallow(selectWorkspaceActions));
  if (!summary) return null;
  return (
    <CaseHeader
      summary={summary}
      examiner={examiner}
      isIngesting={isIngesting}
      canUndo={undo.canUndo}
      canRedo={undo.canRedo}
      isSaving={undo.pendingChanges > 0}
      search={search}
      onChangeExaminer={() => actions.openDialog('examiner')}
      onUndo={() => void actions.undo()}
      onRedo={() => void actions.redo()}
      onHelp={() => actions.openDialog('shortcuts')}
      onToggleLeftPane={() => actions.setLeftPaneOpen(!isLeftOpen)}
      onClose={actions.closeCase}
    />
  );
}
