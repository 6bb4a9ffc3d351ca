import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/dialog';
import { TextField } from '../../components/text-field';

interface Props {
  caseName: string;
  initial: string;
  /** Opening a case, or changing the examiner of the open one. */
  isOpening: boolean;
  onConfirm: (examiner: string) => void;
  onCancel: () => void;
}

/** Who is working: there is no login, so the name chosen here is written on every change and audit event. */
export function ExaminerDialog({ caseName, initial, isOpening, onConfirm, onCancel }: Props) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | undefined>();

  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (!name.trim()) {
      setError('Enter the examiner’s name; it is recorded with every change.');
      return;
    }
    onConfirm(name.trim());
  };

  return (
    <Dialog title={isOpening ? `Open ${caseName}` : 'Change the examiner'} onClose={onCancel} testId="examiner-dialog">
      <form onSubmit={handleSubmit} noValidate>
        <p className="dialog__lead">
          Every tag, label, note and annotation you make is recorded under this name in the case’s audit trail. Undo works on your own
          changes.
        </p>
        <TextField
          label="Examiner"
          value={name}
          onChange={(v) => {
            setName(v);
            setError(undefined);
          }}
          error={error}
          isRequired
          autoFocus
          testId="examiner-input"
        />
        <div className="dialog__actions">
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary" data-testid="examiner-confirm">
            {isOpening ? 'Open case' : 'Change'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
