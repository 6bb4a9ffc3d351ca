import type { TextRange } from '../../shared/domain/search';
import { highlightSegments } from '../lib/highlight';

interface Props {
  text: string;
  ranges: readonly TextRange[];
  className?: string;
}

/** A snippet with the matched ranges marked, as the backend found them (folded matches stay exact). */
export function HighlightedSnippet({ text, ranges, className }: Props) {
  return (
    <span className={className ?? 'snippet'} data-testid="snippet">
      {highlightSegments(text, ranges).map((s, i) => (s.isMatch ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </span>
  );
}
