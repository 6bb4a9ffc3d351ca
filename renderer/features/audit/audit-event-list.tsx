import type { AuditEvent } from '../../../shared/domain/review';
import { formatDateTime } from '../../lib/format';

interface Props {
  events: AuditEvent[];
  /** Shows which artifacts each event concerns, as links (the case-wide view); the detail pane leaves them out. */
  onSelectArtifact?: (id: number) => void;
}

const summaryOf = (e: AuditEvent): string => {
  const summary = e.details.summary;
  if (typeof summary === 'string') return summary;
  const path = e.details.path;
  return typeof path === 'string' ? path : '';
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
          <th scope="col">When (UTC)</th>
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
