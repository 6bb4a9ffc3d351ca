import { useAppStore } from '../../store';
import { selectArtifactAudit } from '../../store/selectors';
import { AuditEventList } from './audit-event-list';

/** The audit events that name one artifact (loaded when its section is opened). */
export function ArtifactAudit({ artifactId }: { artifactId: number }) {
  const byId = useAppStore(selectArtifactAudit);
  const events = byId[artifactId];
  if (!events) return <p className="muted">Loading…</p>;
  if (events.length === 0) return <p className="muted">No review action on this artifact yet.</p>;
  return <AuditEventList events={events} />;
}
