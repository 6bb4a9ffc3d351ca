import type { ReactNode, SyntheticEvent } from 'react';

interface Props {
  title: string;
  /** Shown after the title, e.g. a count. */
  meta?: ReactNode;
  isDefaultOpen?: boolean;
  testId?: string;
  /** Anchor for the detail pane's jump bar. */
  id?: string;
  /** Called when the analyst opens the section (content that loads on demand). */
  onOpen?: () => void;
  children: ReactNode;
}

/** A collapsible block of the detail pane; native details/summary so it works with the keyboard as is. */
export function Section({ title, meta, isDefaultOpen = true, testId, id, onOpen, children }: Props) {
  const handleToggle = (e: SyntheticEvent<HTMLDetailsElement>): void => {
    if (e.currentTarget.open) onOpen?.();
  };
  return (
    <details className="section" open={isDefaultOpen} data-testid={testId} id={id} onToggle={onOpen ? handleToggle : undefined}>
      <summary className="section__head">
        <span className="section__title">{title}</span>
        {meta !== undefined && meta !== null ? <span className="section__meta">{meta}</span> : null}
      </summary>
      <div className="section__body">{children}</div>
    </details>
  );
}
