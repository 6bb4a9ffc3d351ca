import { useState, type FormEvent } from 'react';
import type { AppErrorShape } from '../../../shared/errors';
import { ErrorMessage } from '../../components/error-message';
import { TextField } from '../../components/text-field';

interface Props {
  canPickFolders: boolean;
  isBusy: boolean;
  isIngesting: boolean;
  error: AppErrorShape | undefined;
  onPickFolder: () => Promise<string | null>;
  onAdd: (path: string, extract: boolean) => Promise<boolean>;
  onClearError: () => void;
}

export function AddEvidenceForm({ canPickFolders, isBusy, isIngesting, error, onPickFolder, onAdd, onClearError }: Props) {
  const [path, setPath] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [extract, setExtract] = useState(true);

  const handleChange = (value: string): void => {
    setPath(value);
    setFieldError(undefined);
    if (error) onClearError();
  };

  const submit = async (value: string): Promise<void> => {
    if (!value.trim()) {
      setFieldError('Enter the path of an evidence folder, file or zip archive.');
      return;
    }
    if (await onAdd(value.trim(), extract)) setPath('');
  };

  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void submit(path);
  };

  const handleBrowse = async (): Promise<void> => {
    const picked = await onPickFolder();
    if (picked) {
      handleChange(picked);
      await submit(picked);
    }
  };

  return (
    <form className="add-evidence" onSubmit={handleSubmit} noValidate data-testid="add-evidence-form">
      <TextField
        label="Add evidence"
        value={path}
        onChange={handleChange}
        error={fieldError}
        placeholder="/evidence/server-export"
        hint={
          isIngesting
            ? 'An ingest is running in this case; add more evidence when it has finished.'
            : 'Folder, file or zip; it is read, never modified.'
        }
        isMono
        testId="add-evidence-path"
        addon={
          canPickFolders ? (
            <button type="button" className="btn" onClick={() => void handleBrowse()} data-testid="add-evidence-browse">
              Browse…
            </button>
          ) : null
        }
      />
      <label className="check">
        <input type="checkbox" checked={extract} onChange={(e) => setExtract(e.target.checked)} data-testid="add-evidence-extract" />
        Extract metadata and text
      </label>
      <ErrorMessage error={error} testId="add-evidence-error" />
      <button type="submit" className="btn btn--primary btn--block" disabled={isBusy || isIngesting} data-testid="add-evidence-submit">
        {isBusy ? 'Starting…' : 'Add and ingest'}
      </button>
    </form>
  );
}
