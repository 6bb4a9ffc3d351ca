import { useEffect, useState } from 'react';

interface Props {
  value: string;
  /** What is copied, for screen readers: "Copy SHA-256". */
  label: string;
}

export function CopyButton({ value, label }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(t);
  }, [state]);

  const handleClick = (): void => {
    navigator.clipboard.writeText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  return (
    <button type="button" className="btn btn--tiny" onClick={handleClick} aria-label={label} title={label}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Failed' : 'Copy'}
    </button>
  );
}
