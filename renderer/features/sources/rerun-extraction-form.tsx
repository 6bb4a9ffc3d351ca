import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

interface Props {
  sourceName: string;
  /** A job is running in this case, or the request is on its way. */
  isDisabled: boolean;
  onRun: (all: boolean) => Promise<boolean>;
  onClose: () => void;
}

/** Re-extraction choice for one source; "everything" drops every extraction of the source, so it asks first. */
export function RerunExtractionForm({ sourceName, isDisabled, onRun, onClose }: Props) {
  const name = useId();
  const [isAll, setIsAll] = useState(false);
  const [isConfirming, setIsConfirming] = useState(false);
  const backRef = useRef<HTMLButtonElement>(null);

  // Back is focused first: Enter on a destructive question should not be the destructive answer.
  useEffect(() => {
    if (isConfirming) backRef.current?.focus();
  }, [isConfirming]);

  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (isAll && !isConfirming) {
      setIsConfirming(true);
      return;
    }
    void onRun(isAll).then((started) => started && onClose());
  };

  return (
    <form className="rerun" onSubmit={handleSubmit} aria-label={`Re-run extraction of ${sourceName}`} data-testid="rerun-form">
      {isConfirming ? (
        <>
          <p className="rerun__confirm" role="alert">
            Drop every extraction of <strong>{sourceName}</strong> and extract all of its files again? Hashes and the inventory stay as they
            are.
          </p>
          <div className="rerun__actions">
            <button type="submit" className="btn btn--small btn--primary" disabled={isDisabled} data-testid="rerun-confirm">
              Re-extract everything
            </button>
            <button type="button" className="btn btn--small" onClick={() => setIsConfirming(false)} ref={backRef} data-testid="rerun-back">
              Back
            </button>
          </div>
        </>
      ) : (
        <>
          <fieldset className="rerun__choice">
            <legend>Re-run extraction</legend>
            <label className="check">
              <input type="radio" name={name} checked={!isAll} onChange={() => setIsAll(false)} data-testid="rerun-outdated" />
              Only outdated <span className="muted">(made by older extractors)</span>
            </label>
            <label className="check">
              <input type="radio" name={name} checked={isAll} onChange={() => setIsAll(true)} data-testid="rerun-everything" />
              Everything
            </label>
          </fieldset>
          <div className="rerun__actions">
            <button type="submit" className="btn btn--small btn--primary" disabled={isDisabled} data-testid="rerun-submit">
              Re-run
            </button>
            <button type="button" className="btn btn--small" onClick={onClose} data-testid="rerun-cancel">
              Cancel
            </button>
          </div>
        </>
      )}
    </form>
  );
}
