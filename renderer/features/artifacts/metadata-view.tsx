import { useMemo, useState } from 'react';
import type { MetadataGroups } from '../../../shared/domain/extraction';
import { CopyButton } from '../../components/copy-button';
import { formatCount } from '../../lib/format';
import { countTags, filterMetadata } from '../../lib/meta-value';

interface Props {
  groups: MetadataGroups;
}

export function MetadataView({ groups }: Props) {
  const [filter, setFilter] = useState('');
  const views = useMemo(() => filterMetadata(groups, filter), [groups, filter]);
  const totalTags = useMemo(() => countTags(groups), [groups]);
  if (totalTags === 0) return <p className="muted">No metadata tags were found in this file.</p>;
  return (
    <div className="meta" data-testid="metadata">
      <input
        type="search"
        className="input input--filter input--small"
        placeholder={`Filter ${formatCount(totalTags)} tags`}
        aria-label="Filter metadata"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        spellCheck={false}
        data-testid="metadata-filter"
      />
      {views.length === 0 ? <p className="muted">No tag matches “{filter}”.</p> : null}
      {views.map((g) => (
        <table key={g.group} className="kv kv--meta" data-testid="metadata-group" data-group={g.group}>
          <caption className="kv__caption">
            <span className="mono">{g.group}</span>
            <span className="kv__count">{g.rows.length === g.total ? g.total : `${g.rows.length} of ${g.total}`}</span>
          </caption>
          <tbody>
            {g.rows.map((r) => (
              <tr key={r.tag} data-testid="metadata-tag" data-tag={r.tag}>
                <th scope="row" className="kv__key">
                  {r.tag}
                </th>
                <td className="kv__value">
                  <span className="kv__text" data-testid="metadata-value">
                    {r.text}
                  </span>
                  {r.rawText !== null ? <span className="kv__raw mono">raw: {r.rawText}</span> : null}
                  {r.value.bytes ? (
                    <span className="kv__raw mono" title={r.value.bytes}>
                      <span data-testid="metadata-encoding">decoded from {r.value.encoding ?? 'unknown encoding'}</span> · bytes{' '}
                      {r.value.bytes.length > 48 ? `${r.value.bytes.slice(0, 48)}…` : r.value.bytes}
                    </span>
                  ) : null}
                </td>
                <td className="kv__action">
                  <CopyButton value={r.text} label={`Copy ${g.group} ${r.tag}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
