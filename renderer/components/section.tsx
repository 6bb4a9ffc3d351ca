import type { ReactNode } from 'react';

interface Props {
  title: string;
  /** Shown after the title, e.g. a count. */
  meta?: ReactNode;
  isDefaultOpen?: boolean;
  testId?: string;
  children: ReactNode;
}

/** A collapsible block of the detail pane; native details/summary so it works with the keyboard as is. */
export function Section({ title, meta, isDefaultOpen = true, testId, children }: Props) {
  return (
    <details className="section" open={isDefaultOpen} data-testid={testId}>
      <summary className="section__head">
        <span className="section__title">{title}</span>
        {meta !== undefined && meta !== null ? <span className="section__meta">{meta}</span> : null}
      </summary>
      <div className="section__body">{children}</div>
    </details>
  );
}
