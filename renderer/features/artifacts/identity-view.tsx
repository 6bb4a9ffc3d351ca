import type { DocumentLink } from '../../../shared/domain/artifact';
import type { DocumentIdentity } from '../../../shared/domain/extraction';

interface Props {
  identity: DocumentIdentity | undefined;
  links: DocumentLink[];
  onSelectArtifact: (id: number) => void;
}

const relationLabel: Record<DocumentLink['relation'], string> = {
  'same-document': 'same document',
  'derived-from': 'derived from',
  'source-of': 'source of',
  'same-original': 'same original',
  duplicate: 'duplicate',
};

export function IdentityView({ identity, links, onSelectArtifact }: Props) {
  const fields: [string, string | undefined][] = identity
    ? [
        ['Creator tool', identity.creatorTool],
        ['Document ID', identity.documentId],
        ['Instance ID', identity.instanceId],
        ['Original document ID', identity.originalDocumentId],
        ['Derived from (document)', identity.derivedFrom?.documentId],
        ['Derived from (instance)', identity.derivedFrom?.instanceId],
      ]
    : [];
  const present = fields.filter((f): f is [string, string] => Boolean(f[1]));
  return (
    <div data-testid="identity">
      {present.length > 0 ? (
        <dl className="facts">
          {present.map(([k, v]) => (
            <div key={k} className="facts__row">
              <dt>{k}</dt>
              <dd className="mono wrap">{v}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {identity?.history && identity.history.length > 0 ? (
        <table className="table table--compact">
          <caption className="kv__caption">Edit history (XMP)</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Software</th>
            </tr>
          </thead>
          <tbody>
            {identity.history.map((h, i) => (
              <tr key={i}>
                <td className="mono nowrap">{h.when ?? '—'}</td>
                <td>
                  {h.action ?? '—'}
                  {h.changed ? <span className="muted"> ({h.changed})</span> : null}
                </td>
                <td>{h.softwareAgent ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {links.length > 0 ? (
        <ul className="links" data-testid="document-links">
          {links.map((l) => (
            <li key={`${l.artifactId}-${l.relation}-${l.via}`}>
              <span className="badge">{relationLabel[l.relation]}</span>
              <button
                type="button"
                className="link mono"
                onClick={() => onSelectArtifact(l.artifactId)}
                title={`Select artifact #${l.artifactId}`}
                data-testid="document-link"
              >
                {l.path}
              </button>
              <span className="muted small"> via {l.via}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
