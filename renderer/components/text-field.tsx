import { useId, type ReactNode } from 'react';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  placeholder?: string;
  isMono?: boolean;
  isMultiline?: boolean;
  isRequired?: boolean;
  isDisabled?: boolean;
  testId?: string;
  autoFocus?: boolean;
  /** Rendered beside the input, e.g. a Browse button. */
  addon?: ReactNode;
}

export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  placeholder,
  isMono,
  isMultiline,
  isRequired,
  isDisabled,
  testId,
  autoFocus,
  addon,
}: Props) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  const common = {
    id,
    value,
    placeholder,
    disabled: isDisabled,
    autoFocus,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': isRequired || undefined,
    'data-testid': testId,
    className: `input${isMono ? ' input--mono' : ''}${error ? ' input--invalid' : ''}`,
    spellCheck: false,
  };
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
        {isRequired ? (
          <span className="field__required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      <div className="field__control">
        {isMultiline ? (
          <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...common} type="text" autoComplete="off" onChange={(e) => onChange(e.target.value)} />
        )}
        {addon}
      </div>
      {error ? (
        <div className="field__error" id={`${id}-error`}>
          {error}
        </div>
      ) : hint ? (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}
