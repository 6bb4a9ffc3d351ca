import { useEffect, useMemo, useRef } from 'react';
import { markSegments, type Mark } from '../lib/highlight';

interface Props {
  text: string;
  marks: readonly Mark[];
  /** Scrolls the first search hit into view when the text or its hits change. */
  scrollToFirstHit?: boolean;
  className?: string;
  testId?: string;
}

/**
 * A text with search hits marked and glossary terms underlined, each term followed by its English gloss. The box
 * scrolls itself (not the page around it) to the first hit.
 */
export function MarkedText({ text, marks, scrollToFirstHit = false, className, testId }: Props) {
  const segments = useMemo(() => markSegments(text, marks), [text, marks]);
  const box = useRef<HTMLPreElement>(null);
  const firstHit = useRef<HTMLElement>(null);
  const firstHitIndex = segments.findIndex((s) => s.isHit);

  useEffect(() => {
    const pre = box.current;
    const hit = firstHit.current;
    if (!scrollToFirstHit || !pre || !hit) return;
    pre.scrollTop = Math.max(0, hit.offsetTop - pre.clientHeight / 3);
  }, [scrollToFirstHit, text, firstHitIndex]);

  return (
    <pre ref={box} className={className ?? 'textview__text'} data-testid={testId} data-hits={marks.filter((m) => m.kind === 'hit').length}>
      {segments.map((s, i) => {
        const body = s.isHit ? (
          <mark key="m" className="hit" ref={i === firstHitIndex ? firstHit : undefined} data-testid="text-hit">
            {s.text}
          </mark>
        ) : (
          s.text
        );
        return (
          <span key={i} className={s.isTerm ? 'term' : undefined}>
            {body}
            {s.gloss ? (
              <span className="gloss" aria-label={`(${s.gloss})`} data-testid="gloss">
                {s.gloss}
              </span>
            ) : null}
          </span>
        );
      })}
    </pre>
  );
}
