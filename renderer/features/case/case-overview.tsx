import { formatBytes } from '../../../shared/format/bytes';
import { formatCount, formatDateTimeFull } from '../../lib/format';
import { useAppStore, useShallow } from '../../store';
import { selectActiveCase, selectCaseNotes, selectCaseNotesRequest, selectExaminer, selectReviewActions } from '../../store/selectors';
import { ErrorMessage } from '../../components/error-message';
import { NotesSection } from '../review/notes-section';

/** The case itself: what it is about (the description given at creation), who opened it, and the notes on the whole case. */
export function CaseOverview() {
  const summary = useAppStore(selectActiveCase);
  const examiner = useAppStore(selectExaminer);
  const notes = useAppStore(selectCaseNotes);
  const request = useAppStore(selectCaseNotesRequest);
  const actions = useAppStore(useShallow(selectReviewActions));
  if (!summary) return null;
  return (
    <section className="caseview" aria-label="Case" data-testid="case-overview">
      <div className="caseview__card">
        <h2 className="caseview__name">{summary.name}</h2>
        {summary.description ? (
          <p className="caseview__description" data-testid="case-description">
            {summary.description}
          </p>
        ) : (
          <p className="muted" data-testid="case-description">
            No description was given when the case was created.
          </p>
        )}
        <dl className="facts caseview__facts">
          <div className="facts__row">
            <dt>Created</dt>
            <dd className="mono">{formatDateTimeFull(summary.createdAt)}</dd>
          </div>
          <div className="facts__row">
            <dt>Case examiner</dt>
            <dd>{summary.examiner}</dd>
          </div>
          <div className="facts__row">
            <dt>Working as</dt>
            <dd>{examiner ?? '—'}</dd>
          </div>
          <div className="facts__row">
            <dt>Folder</dt>
            <dd className="mono wrap">{summary.dir}</dd>
          </div>
          <div className="facts__row">
            <dt>Evidence</dt>
            <dd>
              {formatCount(summary.sourceCount)} {summary.sourceCount === 1 ? 'source' : 'sources'}, {formatCount(summary.artifactCount)}{' '}
              {summary.artifactCount === 1 ? 'artifact' : 'artifacts'}, {formatBytes(summary.totalBytes)}
            </dd>
          </div>
        </dl>
      </div>
      <div className="caseview__card">
        <h3 className="subhead">Case notes</h3>
        <ErrorMessage error={request.error} />
        <NotesSection
          notes={notes}
          emptyText="No notes on the case yet: scope, open questions, hand-over remarks."
          onAdd={(body) => void actions.addNote(null, body)}
          onEdit={(note, body) => void actions.editNote(note, body)}
          onRemove={(note) => void actions.removeNote(note)}
        />
      </div>
    </section>
  );
}
