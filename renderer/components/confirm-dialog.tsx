import type { ReactNode } from 'react';
import { Dialog } from './dialog';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

/** A yes/no question; Cancel has the focus, so Enter never confirms by accident. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, testId }: Props) {
  return (
    <Dialog title={title} onClose={onCancel} testId={testId}>
      <div className="confirm__text">{children}</div>
      <div className="dialog__actions">
        <button type="button" className="btn" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className="btn btn--primary" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
