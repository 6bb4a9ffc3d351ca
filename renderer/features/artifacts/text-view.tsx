import type { EncodingInfo, PageText } from '../../../shared/domain/extraction';

interface Props {
  text: string | undefined;
  pages: PageText[] | undefined;
  encoding: EncodingInfo | undefined;
  isTruncated: boolean;
}

export function TextView({ text, pages, encoding, isTruncated }: Props) {
  const hasPages = (pages?.length ?? 0) > 0;
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
      {hasPages
        ? pages?.map((p) => (
            <div key={p.page} className="textview__page" data-testid="text-page" data-page={p.page}>
              <div className="textview__pagehead">Page {p.page}</div>
              {p.text ? <pre className="textview__text">{p.text}</pre> : <p className="muted">No text on this page.</p>}
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
      {!hasPages && text ? <pre className="textview__text">{text}</pre> : null}
      {isTruncated ? <p className="muted">Text truncated for display; the full text is in the case database and search index.</p> : null}
    </div>
  );
}
