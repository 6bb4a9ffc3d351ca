import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/dialog';
import { TextField } from '../../components/text-field';
import { useAppStore, useShallow } from '../../store';
import {
  selectActiveCase,
  selectArtifactPages,
  selectDialog,
  selectDialogActions,
  selectExaminer,
  selectLabels,
  selectProductions,
  selectSelectedDetail,
  selectTargetIds,
} from '../../store/selectors';
import { ExaminerDialog } from './examiner-dialog';
import { LabelForm } from './label-form';
import { NoteEditor } from './note-editor';
import { ShortcutSheet } from './shortcut-sheet';
import { TagForm } from './tag-form';

const artifacts = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'artifact' : 'artifacts'}`;

function SaveSearchForm({ onSave, onCancel }: { onSave: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (name.trim()) onSave(name.trim());
  };
  return (
    <form onSubmit={handleSubmit} noValidate>
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        autoFocus
        placeholder="e.g. Invincible, confirmed, Korean"
        testId="save-search-name"
      />
      <p className="muted small">
        The search text, the filters, the folder and the sort order are saved; the case keeps it for every examiner.
      </p>
      <div className="dialog__actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn--primary" disabled={!name.trim()} data-testid="save-search-submit">
          Save search
        </button>
      </div>
    </form>
  );
}

/** The dialog the workspace has open (t, l, n, ?, the examiner, saving a search), working on the selection. */
export function WorkspaceDialogs() {
  const dialog = useAppStore(selectDialog);
  const targets = useAppStore(selectTargetIds);
  const productions = useAppStore(selectProductions);
  const labels = useAppStore(selectLabels);
  const pages = useAppStore(selectArtifactPages);
  const detail = useAppStore(selectSelectedDetail);
  const examiner = useAppStore(selectExaminer);
  const activeCase = useAppStore(selectActiveCase);
  const actions = useAppStore(useShallow(selectDialogActions));
  if (!dialog) return null;
  const close = actions.closeDialog;

  switch (dialog) {
    case 'tag':
      return (
        <Dialog
          title="Tag to a production"
          subtitle={`${artifacts(targets.length)} selected`}
          onClose={close}
          size="medium"
          testId="tag-dialog"
        >
          <TagForm
            productions={productions}
            targetLabel={artifacts(targets.length)}
            onCancel={close}
            onSubmit={(input) => {
              close();
              void actions.tagArtifacts(targets, input);
            }}
          />
        </Dialog>
      );
    case 'label': {
      const wanted = new Set(targets);
      const applied: Record<number, number> = {};
      for (const rows of Object.values(pages))
        for (const r of rows) if (wanted.has(r.id)) for (const l of r.labelIds) applied[l] = (applied[l] ?? 0) + 1;
      return (
        <Dialog title="Labels" subtitle={`${artifacts(targets.length)} selected`} onClose={close} size="medium" testId="label-dialog">
          <LabelForm
            labels={labels}
            applied={applied}
            targetCount={targets.length}
            onApply={(labelId, isApplied) => void actions.applyLabel(targets, labelId, isApplied)}
            onCreate={(name, color) => {
              close();
              void actions.createLabel(name, color).then((label) => (label ? actions.applyLabel(targets, label.id, true) : false));
            }}
            onDone={close}
          />
        </Dialog>
      );
    }
    case 'note':
      return (
        <Dialog
          title={detail ? 'Note on the artifact' : 'Note on the case'}
          subtitle={detail ? <span className="mono">{detail.path}</span> : activeCase?.name}
          onClose={close}
          size="medium"
          testId="note-dialog"
        >
          <NoteEditor
            submitLabel="Save note"
            isAutoFocused
            onCancel={close}
            onSubmit={(body) => {
              close();
              void actions.addNote(detail?.id ?? null, body);
            }}
          />
        </Dialog>
      );
    case 'shortcuts':
      return <ShortcutSheet onClose={close} />;
    case 'examiner':
      return (
        <ExaminerDialog
          caseName={activeCase?.name ?? ''}
          initial={examiner ?? activeCase?.examiner ?? ''}
          isOpening={false}
          onCancel={close}
          onConfirm={(name) => {
            close();
            actions.confirmExaminer(name);
          }}
        />
      );
    case 'save-search':
      return (
        <Dialog title="Save this search" onClose={close} testId="save-search-dialog">
          <SaveSearchForm
            onCancel={close}
            onSave={(name) => {
              close();
              void actions.saveSearch(name);
            }}
          />
        </Dialog>
      );
    default:
      return null;
  }
}
