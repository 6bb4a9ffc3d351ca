import { useState, type FormEvent } from 'react';
import type { AppErrorShape } from '../../../shared/errors';
import { ErrorMessage } from '../../components/error-message';
import { TextField } from '../../components/text-field';

interface Props {
  canPickFolders: boolean;
  isBusy: boolean;
  /** The busy request is an upgrade, which can take a minute on a large case: said, so it does not look stuck. */
  isUpgrading: boolean;
  error: AppErrorShape | undefined;
  onPickFolder: () => Promise<string | null>;
  onOpen: (dir: string) => void;
  /** Offered when the error says the case needs an upgrade (`case_needs_migration`). */
  onUpgrade: (() => void) | undefined;
  onClearError: () => void;
}

export function OpenCaseForm({ canPickFolders, isBusy, isUpgrading, error, onPickFolder, onOpen, onUpgrade, onClearError }: Props) {
  const [dir, setDir] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();

  const handleChange = (value: string): void => {
    setDir(value);
    setFieldError(undefined);
    if (error) onClearError();
  };

  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (!dir.trim()) {
      setFieldError('Enter the folder of an existing case.');
      return;
    }
    onOpen(dir.trim());
  };

  const handleBrowse = async (): Promise<void> => {
    const picked = await onPickFolder();
    if (picked) {
      handleChange(picked);
      onOpen(picked);
    }
  };

  return (
    <form className="card" onSubmit={handleSubmit} noValidate data-testid="open-case-form" aria-labelledby="open-case-title">
      <h2 className="card__title" id="open-case-title">
        Open case
      </h2>
      <TextField
        label="Case folder"
        value={dir}
        onChange={handleChange}
        error={fieldError}
        placeholder="/cases/2024-017"
        isMono
        testId="open-case-dir"
        addon={
          <>
            {canPickFolders ? (
              <button type="button" className="btn" onClick={() => void handleBrowse()} data-testid="open-case-browse">
                Browse…
              </button>
            ) : null}
            <button type="submit" className="btn btn--primary" disabled={isBusy} data-testid="open-case-submit">
              {isUpgrading ? 'Upgrading…' : isBusy ? 'Opening…' : 'Open'}
            </button>
          </>
        }
      />
      <ErrorMessage error={error} testId="open-case-error" />
      {isUpgrading ? (
        <p className="field__hint" role="status" data-testid="open-case-upgrading">
          Upgrading the case in one step: nothing changes unless it completes. Rebuilding its search index takes about a minute for 150,000
          artifacts.
        </p>
      ) : null}
      {error?.code === 'case_needs_migration' && onUpgrade ? (
        <button type="button" className="btn" onClick={onUpgrade} disabled={isBusy} data-testid="open-case-upgrade">
          Upgrade case
        </button>
      ) : null}
    </form>
  );
}
