import { useMemo } from 'react';
import type { GlossaryHit } from '../../../shared/domain/analysis';
import type { EncodingInfo, PageText } from '../../../shared/domain/extraction';
import type { TextMatches } from '../../../shared/domain/search';
import { MarkedText } from '../../components/marked-text';
import { shortGloss } from '../../lib/analysis-labels';
import type { Mark } from '../../lib/highlight';

interface Props {
  text: string | undefined;
  pages: PageText[] | undefined;
  encoding: EncodingInfo | undefined;
  isTruncated: boolean;
  /** Where the table's search matches this text: marked, and the first one scrolled to. */
  matches: TextMatches | null;
  query: string | null;
  /** Production vocabulary in the whole text, underlined with its gloss. */
  glossary: GlossaryHit[];
}

const hitMarks = (ranges: readonly { start: number; end: number }[] | undefined): Mark[] =>
  ranges?.map((r) => ({ start: r.start, end: r.end, kind: 'hit' })) ?? [];

export function TextView({ text, pages, encoding, isTruncated, matches, query, glossary }: Props) {
  const hasPages = (pages?.length ?? 0) > 0;
  const wholeMarks = useMemo(
    () => [
      ...hitMarks(matches?.text),
      ...glossary.map((g): Mark => ({ start: g.start, end: g.end, kind: 'term', note: shortGloss(g.gloss) })),
    ],
    [matches, glossary],
  );
  const firstHitPage = matches?.pages[0]?.page ?? null;
  const hitCount = hasPages ? (matches?.pages.reduce((n, p) => n + p.ranges.length, 0) ?? 0) : (matches?.text.length ?? 0);
  return (
    <div className="textview" data-testid="text-view">
      {encoding ? (
        <div className="textview__encoding" data-testid="text-encoding">
          <span className="badge badge--info mono">{encoding.name}</span>
          <span className="muted">
            confidence {Math.round(encoding.confidence * 100)}%{encoding.method ? ` · ${encoding.method}` : ''}
            {encoding.bom ? ' · BOM' : ''}
          </span>
        </div>
      ) : null}
      {query ? (
        <div className="textview__hits" data-testid="text-hit-count">
          {hitCount > 0 ? (
            <>
              <mark className="hit">{hitCount}</mark> {hitCount === 1 ? 'match' : 'matches'} of <q>{query}</q>
              {matches?.capped ? ' (the first ones shown)' : ''}
            </>
          ) : (
            <span className="muted">
              <q>{query}</q> matches this artifact’s path or metadata, not its text.
            </span>
          )}
        </div>
      ) : null}
      {hasPages
        ? pages?.map((p) => (
            <div key={p.page} className="textview__page" data-testid="text-page" data-page={p.page}>
              <div className="textview__pagehead">Page {p.page}</div>
              {p.text ? (
                <MarkedText
                  text={p.text}
                  marks={hitMarks(matches?.pages.find((m) => m.page === p.page)?.ranges)}
                  scrollToFirstHit={p.page === firstHitPage}
                />
              ) : (
                <p className="muted">No text on this page.</p>
              )}
              {p.annotations && p.annotations.length > 0 ? (
                <ul className="textview__notes">
                  {p.annotations.map((a, i) => (
                    <li key={i}>
                      <span className="badge">{a.subtype}</span>
                      {a.author ? <span className="muted"> {a.author}</span> : null}
                      {a.modified ? <span className="muted mono"> {a.modified}</span> : null}
                      <div>{a.contents}</div>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ))
        : null}
      {!hasPages && text ? <MarkedText text={text} marks={wholeMarks} scrollToFirstHit testId="text-body" /> : null}
      {isTruncated ? <p className="muted">Text truncated for display; the full text is in the case database and search index.</p> : null}
    </div>
  );
}
