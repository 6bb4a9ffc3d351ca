import type { ReactNode } from 'react';

interface Props {
  tone?: 'neutral' | 'ok' | 'warn' | 'error' | 'info';
  title?: string;
  children: ReactNode;
}

export function Badge({ tone = 'neutral', title, children }: Props) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}
