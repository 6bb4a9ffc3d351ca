import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../components/error-message';
import { SelectField } from '../../components/select-field';
import { formatCount } from '../../lib/format';
import { useAppStore, useShallow } from '../../store';
import { selectAuditActions, selectAuditView, selectExaminer } from '../../store/selectors';
import { AuditEventList } from './audit-event-list';
import { VerificationResult } from './verification-result';

const ACTIONS = [
  { value: 'tag', label: 'Tags' },
  { value: 'suggestion', label: 'Suggestions' },
  { value: 'label', label: 'Labels' },
  { value: 'star', label: 'Stars' },
  { value: 'note', label: 'Notes' },
  { value: 'annotation', label: 'Regions' },
  { value: 'review', label: 'Undo and redo' },
  { value: 'watchlist', label: 'Watchlist' },
  { value: 'search', label: 'Saved searches' },
  { value: 'source', label: 'Sources' },
  { value: 'ingest', label: 'Ingests' },
  { value: 'extraction', label: 'Re-extraction' },
  { value: 'case', label: 'Case' },
];

/** The case's audit trail, filtered by examiner, action and artifact, with a check of its hash chain. */
export function AuditView() {
  const view = useAppStore(useShallow(selectAuditView));
  const examiner = useAppStore(selectExaminer);
  const actions = useAppStore(useShallow(selectAuditActions));
  const [examinerText, setExaminerText] = useState(view.filter.examiner);
  const [artifactText, setArtifactText] = useState(view.filter.artifactId !== null ? String(view.filter.artifactId) : '');
  const examiners = [...new Set([examiner, ...view.events.map((e) => e.examiner)].filter((e): e is string => Boolean(e)))];

  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    const id = artifactText.trim().replace(/^#/, '');
    actions.setAuditFilter({ examiner: examinerText.trim(), artifactId: /^\d+$/.test(id) ? Number(id) : null });
  };

  return (
    <section className="auditview" aria-label="Audit trail" data-testid="audit-view">
      <form className="toolbar auditview__filters" onSubmit={handleSubmit} noValidate>
        <div className="selectfield">
          <label className="selectfield__label" htmlFor="audit-examiner">
            Examiner
          </label>
          <input
            id="audit-examiner"
            className="input input--small"
            list="audit-examiners"
            value={examinerText}
            onChange={(e) => setExaminerText(e.target.value)}
            placeholder="anyone"
            data-testid="audit-examiner"
          />
          <datalist id="audit-examiners">
            {examiners.map((x) => (
              <option key={x} value={x} />
            ))}
          </datalist>
        </div>
        <SelectField
          label="Action"
          value={view.filter.action}
          options={ACTIONS}
          anyLabel="All actions"
          onChange={(v) => actions.setAuditFilter({ action: v })}
          testId="audit-action"
        />
        <div className="selectfield">
          <label className="selectfield__label" htmlFor="audit-artifact">
            Artifact #
          </label>
          <input
            id="audit-artifact"
            className="input input--small mono auditview__id"
            value={artifactText}
            onChange={(e) => setArtifactText(e.target.value)}
            placeholder="any"
            data-testid="audit-artifact"
          />
        </div>
        <button type="submit" className="btn btn--small">
          Filter
        </button>
        <span className="toolbar__spacer" />
        <span className="toolbar__count">{view.total === null ? '' : `${formatCount(view.total)} events`}</span>
        <button
          type="button"
          className="btn btn--small btn--primary"
          onClick={() => void actions.verifyAudit()}
          disabled={view.verifyRequest.status === 'loading'}
          data-testid="audit-verify"
        >
          {view.verifyRequest.status === 'loading' ? 'Verifying…' : 'Verify the trail'}
        </button>
      </form>
      <ErrorMessage error={view.verifyRequest.error} />
      {view.verification ? <VerificationResult verification={view.verification} /> : null}
      <ErrorMessage error={view.request.error} />
      <div className="auditview__scroll">
        <AuditEventList events={view.events} onSelectArtifact={(id) => actions.selectArtifact(id)} />
        {view.total !== null && view.events.length < view.total ? (
          <button type="button" className="btn btn--small show-more" onClick={() => void actions.loadMoreAudit()}>
            Show more ({formatCount(view.total - view.events.length)} older)
          </button>
        ) : null}
      </div>
    </section>
  );
}
