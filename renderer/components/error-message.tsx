import type { AppErrorShape } from '../../shared/errors';

interface Props {
  error: AppErrorShape | undefined;
  testId?: string;
  onDismiss?: () => void;
}

const codeLabel: Record<AppErrorShape['code'], string> = {
  not_found: 'Not found',
  invalid_input: 'Check the input',
  forbidden: 'Not allowed',
  conflict: 'Conflict',
  io: 'File system',
  cancelled: 'Cancelled',
  internal: 'Unexpected error',
  case_damaged: 'Damaged case',
  case_too_new: 'Newer case',
  case_needs_migration: 'Case needs an upgrade',
  read_only: 'Read-only case',
};

/** The backend's one-line message with a plain label for its code; never a stack. */
export function ErrorMessage({ error, testId, onDismiss }: Props) {
  if (!error) return null;
  return (
    <div className="alert alert--error" role="alert" data-testid={testId} data-error-code={error.code}>
      <span className="alert__label">{codeLabel[error.code]}</span>
      <span className="alert__text">{error.message}</span>
      {onDismiss ? (
        <button type="button" className="alert__close" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      ) : null}
    </div>
  );
}
