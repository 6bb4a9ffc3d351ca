import type { AuditVerification } from '../../../shared/domain/review';

/** The hash chain check: all good with the head hash to record elsewhere, or every problem it names. */
export function VerificationResult({ verification: v }: { verification: AuditVerification }) {
  return (
    <div
      className={`alert ${v.ok ? 'alert--ok' : 'alert--error'} verification`}
      role="status"
      data-testid="audit-verification"
      data-ok={v.ok}
    >
      <span className="alert__label">{v.ok ? 'Intact' : `${v.problems.length} problem${v.problems.length === 1 ? '' : 's'}`}</span>
      <span className="alert__text">
        {v.ok
          ? `All ${v.events} events chain correctly. Head hash (record it with the hand-over to detect later additions):`
          : `The chain of ${v.events} events is broken where listed:`}
        {v.ok ? <code className="verification__head">{v.head}</code> : null}
      </span>
      {v.problems.length > 0 ? (
        <ul className="verification__problems" data-testid="audit-problems">
          {v.problems.map((p, i) => (
            <li key={`${p.seq}-${i}`}>
              <span className="badge badge--error">{p.kind}</span> event #{p.seq}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
