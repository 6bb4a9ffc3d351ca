import type { ReactNode } from 'react';

interface Props {
  title: string;
  children?: ReactNode;
  testId?: string;
}

export function EmptyState({ title, children, testId }: Props) {
  return (
    <div className="empty" data-testid={testId}>
      <div className="empty__title">{title}</div>
      {children ? <div className="empty__body">{children}</div> : null}
    </div>
  );
}
