interface Props {
  value: number;
  max: number;
  label: string;
  /** No total known yet (still scanning): show a moving bar instead of a false percentage. */
  isIndeterminate?: boolean;
  tone?: 'normal' | 'done' | 'warn' | 'error';
}

export function ProgressBar({ value, max, label, isIndeterminate = false, tone = 'normal' }: Props) {
  const pct = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <div
      className={`progress progress--${tone}${isIndeterminate ? ' progress--indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={isIndeterminate ? undefined : max}
      aria-valuenow={isIndeterminate ? undefined : value}
      data-testid="progress-bar"
    >
      <div className="progress__fill" style={isIndeterminate ? undefined : { width: `${pct}%` }} />
    </div>
  );
}
