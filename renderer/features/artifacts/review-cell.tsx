import type { ArtifactSummary } from '../../../shared/domain/artifact';
import type { Label } from '../../../shared/domain/review';

interface Props {
  row: ArtifactSummary;
  productionTitles: Record<string, string>;
  labelsById: Record<number, Label>;
}

const statusMark = { suspected: '?', confirmed: '✓', 'ruled-out': '✗' } as const;
const statusWord = { suspected: 'suspected', confirmed: 'confirmed', 'ruled-out': 'ruled out' } as const;

/** What the review says about a row, compactly: tags, open suggestions, labels, notes. */
export function ReviewCell({ row, productionTitles, labelsById }: Props) {
  return (
    <>
      {row.tags.map((t) => {
        const title = productionTitles[t.productionId] ?? t.productionId;
        return (
          <span key={t.productionId} className={`tagmark tagmark--${t.status}`} title={`Tagged ${title} (${statusWord[t.status]})`}>
            {statusMark[t.status]} {title}
          </span>
        );
      })}
      {row.openSuggestions > 0 ? (
        <span className="sugmark" title={`${row.openSuggestions} open suggestion${row.openSuggestions === 1 ? '' : 's'}`}>
          ◇{row.openSuggestions}
        </span>
      ) : null}
      {row.labelIds.map((id) => {
        const label = labelsById[id];
        return (
          <span
            key={id}
            className="labeldot"
            style={{ background: label?.color ?? '#999' }}
            title={label ? `Label: ${label.name}` : `Label #${id}`}
          />
        );
      })}
      {row.noteCount > 0 ? (
        <span className="notemark" title={`${row.noteCount} note${row.noteCount === 1 ? '' : 's'}`}>
          ✎{row.noteCount}
        </span>
      ) : null}
    </>
  );
}
