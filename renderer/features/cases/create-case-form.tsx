import { useState, type FormEvent } from 'react';
import type { NewCase } from '../../../shared/domain/case';
import type { AppErrorShape } from '../../../shared/errors';
import { ErrorMessage } from '../../components/error-message';
import { TextField } from '../../components/text-field';

interface Props {
  canPickFolders: boolean;
  isBusy: boolean;
  error: AppErrorShape | undefined;
  onPickFolder: () => Promise<string | null>;
  onSubmit: (input: NewCase) => void;
  onClearError: () => void;
}

type Field = 'dir' | 'name' | 'examiner';
type Errors = Partial<Record<Field, string>>;

export function validateNewCase(draft: { dir: string; name: string; examiner: string }): Errors {
  const errors: Errors = {};
  if (!draft.dir.trim()) errors.dir = 'Enter the folder that will hold the case (a new or empty folder).';
  if (!draft.name.trim()) errors.name = 'Enter a case name.';
  else if (draft.name.trim().length > 200) errors.name = 'Keep the case name under 200 characters.';
  if (!draft.examiner.trim()) errors.examiner = 'Enter the examiner’s name; it is recorded in the audit log.';
  else if (draft.examiner.trim().length > 200) errors.examiner = 'Keep the examiner name under 200 characters.';
  return errors;
}

export function CreateCaseForm({ canPickFolders, isBusy, error, onPickFolder, onSubmit, onClearError }: Props) {
  const [dir, setDir] = useState('');
  const [name, setName] = useState('');
  const [examiner, setExaminer] = useState('');
  const [description, setDescription] = useState('');
  const [isSubmitted, setIsSubmitted] = useState(false);

  const update = (setter: (v: string) => void) => (value: string) => {
    setter(value);
    if (error) onClearError();
  };

  const current = { dir, name, examiner };
  // Quiet until the first submit; from then on the messages follow the typing.
  const shown: Errors = isSubmitted ? validateNewCase(current) : {};

  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    const found = validateNewCase(current);
    setIsSubmitted(true);
    if (Object.keys(found).length > 0) return;
    onSubmit({
      dir: dir.trim(),
      name: name.trim(),
      examiner: examiner.trim(),
      ...(description.trim() ? { description: description.trim() } : {}),
    });
  };

  const handleBrowse = async (): Promise<void> => {
    const picked = await onPickFolder();
    if (picked) update(setDir)(picked);
  };

  return (
    <form className="card" onSubmit={handleSubmit} noValidate data-testid="create-case-form" aria-labelledby="create-case-title">
      <h2 className="card__title" id="create-case-title">
        New case
      </h2>
      <p className="card__lead">The case folder holds the case database and derived data. Evidence stays where it is and is only read.</p>
      <TextField
        label="Case folder"
        value={dir}
        onChange={update(setDir)}
        error={shown.dir}
        placeholder="/cases/2024-017"
        hint="A new or empty folder; it is created if missing."
        isMono
        isRequired
        testId="create-case-dir"
        addon={
          canPickFolders ? (
            <button type="button" className="btn" onClick={() => void handleBrowse()} data-testid="create-case-browse">
              Browse…
            </button>
          ) : null
        }
      />
      <div className="field-row">
        <TextField label="Case name" value={name} onChange={update(setName)} error={shown.name} isRequired testId="create-case-name" />
        <TextField
          label="Examiner"
          value={examiner}
          onChange={update(setExaminer)}
          error={shown.examiner}
          isRequired
          testId="create-case-examiner"
        />
      </div>
      <TextField
        label="Description"
        value={description}
        onChange={update(setDescription)}
        isMultiline
        placeholder="Scope, request reference, chain-of-custody notes"
        testId="create-case-description"
      />
      <ErrorMessage error={error} testId="create-case-error" />
      <div className="card__actions">
        <button type="submit" className="btn btn--primary" disabled={isBusy} data-testid="create-case-submit">
          {isBusy ? 'Creating…' : 'Create case'}
        </button>
      </div>
    </form>
  );
}
