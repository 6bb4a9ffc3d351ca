import type { AuditEvent } from '../../../shared/domain/review';
import { formatDateTime } from '../../lib/format';

interface Props {
  events: AuditEvent[];
  /** Shows which artifacts each event concerns, as links (the case-wide view); the detail pane leaves them out. */
  onSelectArtifact?: (id: number) => void;
}

/** What an event did in words: review events carry a summary; ingest events a path; the case's creation its name. */
const summaryOf = (e: AuditEvent): string => {
  for (const key of ['summary', 'path', 'name']) {
    const value = e.details[key];
    if (typeof value === 'string') return value;
  }
  return '';
};

/** Audit events, newest first: sequence number, time, examiner, action and what it did in words. */
export function AuditEventList({ events, onSelectArtifact }: Props) {
  return (
    <table className="table table--compact audit" data-testid="audit-events">
      <thead>
        <tr>
          <th scope="col" className="num">
            #
          </th>
          <th scope="col">When</th>
          <th scope="col">Examiner</th>
          <th scope="col">Action</th>
          <th scope="col">What</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.seq} data-testid="audit-event" data-action={e.action} data-seq={e.seq}>
            <td className="num mono" title={`hash ${e.hash}`}>
              {e.seq}
            </td>
            <td className="mono nowrap">{formatDateTime(e.at)}</td>
            <td className="nowrap">{e.examiner}</td>
            <td className="mono nowrap">{e.action}</td>
            <td className="audit__what">
              {summaryOf(e)}
              {onSelectArtifact && e.artifactIds.length > 0 ? (
                <span className="audit__ids">
                  {e.artifactIds.slice(0, 6).map((id) => (
                    <button key={id} type="button" className="link mono" onClick={() => onSelectArtifact(id)}>
                      #{id}
                    </button>
                  ))}
                  {e.artifactIds.length > 6 ? <span className="muted"> +{e.artifactIds.length - 6}</span> : null}
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
