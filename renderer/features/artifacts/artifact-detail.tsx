import type { ReactNode } from 'react';
import type { ArtifactDetail as Detail } from '../../../shared/domain/artifact';
import { Badge } from '../../components/badge';
import { CopyButton } from '../../components/copy-button';
import { Section } from '../../components/section';
import { formatBytesExact, formatCount, formatDateTimeFull, formatMode } from '../../lib/format';
import { countTags } from '../../lib/meta-value';
import type { PreviewState } from '../../store/slices/preview';
import { IdentityView } from './identity-view';
import { LogSummaryView } from './log-summary-view';
import { MetadataView } from './metadata-view';
import { PreviewView } from './preview-view';
import { TextView } from './text-view';
import { TimestampsView } from './timestamps-view';

interface Props {
  detail: Detail;
  /** This artifact's preview, or null while it has not been asked for yet. */
  preview: PreviewState | null;
  onSelectArtifact: (id: number) => void;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="facts__row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function HashRow({ name, value }: { name: string; value: string | null }) {
  return (
    <div className="hash" data-testid={`hash-${name.toLowerCase().replace('-', '')}`}>
      <div className="hash__head">
        <span className="hash__name">{name}</span>
        {value ? <CopyButton value={value} label={`Copy ${name}`} /> : <span className="muted">not computed</span>}
      </div>
      {value ? (
        <code className="hash__value" data-testid="hash-value">
          {value.length > 40 ? (
            <>
              {value.slice(0, value.length / 2)}
              <wbr />
              {value.slice(value.length / 2)}
            </>
          ) : (
            value
          )}
        </code>
      ) : null}
    </div>
  );
}

const statusTone = { ok: 'ok', error: 'error', pending: 'neutral', skipped: 'warn' } as const;

export function ArtifactDetail({ detail: d, preview, onSelectArtifact }: Props) {
  const x = d.extraction;
  const metaCount = x ? countTags(x.metadata) : 0;
  const hasText = Boolean(x?.text) || (x?.pages?.length ?? 0) > 0;
  const failedExtractors = x?.extractors.filter((e) => e.error) ?? [];
  const hasIdentity = Boolean(x?.identity && Object.values(x.identity).some((v) => v !== undefined)) || d.links.length > 0;
  const isDirectory = d.kind === 'directory';
  const issueCount = (x?.warnings.length ?? 0) + failedExtractors.length;
  const isEmptyExtraction =
    x !== null &&
    metaCount === 0 &&
    !hasText &&
    x.timestamps.length === 0 &&
    !x.logSummary &&
    x.extractors.length === 0 &&
    x.warnings.length === 0;

  return (
    <article className="detail" data-testid="artifact-detail" data-id={d.id}>
      <header className="detail__head">
        <h2 className="detail__name" data-testid="detail-name">
          {d.name}
        </h2>
        <div className="detail__path mono" data-testid="detail-path">
          {d.path}
        </div>
        <div className="detail__badges">
          <Badge>{d.kind}</Badge>
          <Badge tone={statusTone[d.status]}>{d.status}</Badge>
          {d.mime ? <Badge tone="info">{d.mime}</Badge> : null}
          {d.mismatch ? (
            <Badge tone="warn" title="The extension does not match the content type">
              extension mismatch
            </Badge>
          ) : null}
          {d.duplicateCount > 0 ? (
            <Badge tone="warn">
              {d.duplicateCount} duplicate{d.duplicateCount === 1 ? '' : 's'}
            </Badge>
          ) : null}
        </div>
      </header>

      {d.mismatch ? (
        <div className="alert alert--warn" role="note" data-testid="mismatch-warning">
          <span className="alert__label">Type mismatch</span>
          <span className="alert__text">
            The name suggests a different type than the content, which is {d.mime ?? 'unknown'}. Treat the extension as untrusted.
          </span>
        </div>
      ) : null}
      {d.error ? (
        <div className="alert alert--error" role="note" data-testid="artifact-error">
          <span className="alert__label">Error</span>
          <span className="alert__text">{d.error}</span>
        </div>
      ) : null}

      {isDirectory ? null : (
        <Section title="Preview" testId="detail-preview">
          <PreviewView state={preview} name={d.name} />
        </Section>
      )}

      <Section title="File" testId="detail-file">
        <dl className="facts">
          <Fact label="Size" testId="fact-size">
            {formatBytesExact(d.size)}
          </Fact>
          <Fact label="Type">{d.mime ?? '—'}</Fact>
          <Fact label="Modified">
            <span className="mono">{formatDateTimeFull(d.mtime)}</span>
          </Fact>
          <Fact label="Changed">
            <span className="mono">{formatDateTimeFull(d.ctime)}</span>
          </Fact>
          <Fact label="Accessed">
            <span className="mono">{formatDateTimeFull(d.atime)}</span>
          </Fact>
          <Fact label="Created">
            <span className="mono">{formatDateTimeFull(d.birthtime)}</span>
          </Fact>
          {d.mode !== null ? (
            <Fact label="Mode">
              <span className="mono">{formatMode(d.mode)}</span>
            </Fact>
          ) : null}
          {d.symlinkTarget ? (
            <Fact label="Link target">
              <span className="mono wrap">{d.symlinkTarget}</span>
            </Fact>
          ) : null}
          {d.rawName ? (
            <Fact label="Raw name">
              <span className="mono wrap">{d.rawName}</span>
              <span className="muted"> decoded as {d.nameEncoding ?? 'unknown'}</span>
            </Fact>
          ) : null}
          {d.duplicateOf !== null ? (
            <Fact label="Duplicate of">
              <button type="button" className="link mono" onClick={() => onSelectArtifact(d.duplicateOf as number)}>
                artifact #{d.duplicateOf}
              </button>
            </Fact>
          ) : null}
          {d.children > 0 ? <Fact label={isDirectory ? 'Contains' : 'Members'}>{formatCount(d.children)} artifacts</Fact> : null}
          <Fact label="Artifact ID">
            <span className="mono">#{d.id}</span>
          </Fact>
        </dl>
      </Section>

      {isDirectory ? null : (
        <Section title="Hashes" testId="detail-hashes">
          <HashRow name="SHA-256" value={d.sha256} />
          <HashRow name="SHA-1" value={d.sha1} />
          <HashRow name="MD5" value={d.md5} />
        </Section>
      )}

      {isDirectory ? null : !x || isEmptyExtraction ? (
        <Section title="Extraction">
          <p className="muted" data-testid="no-extraction">
            {d.status === 'pending'
              ? 'Not extracted yet; this updates when the ingest reaches this file.'
              : x
                ? 'No extractor reported metadata or text for this file type.'
                : 'Nothing was extracted from this artifact (the ingest ran without extraction, or it failed).'}
          </p>
        </Section>
      ) : (
        <>
          <Section title="Metadata" meta={formatCount(metaCount)} testId="detail-metadata" isDefaultOpen={metaCount > 0}>
            <MetadataView groups={x.metadata} />
          </Section>
          {hasText ? (
            <Section title="Text" meta={x.encoding?.name} testId="detail-text">
              <TextView text={x.text} pages={x.pages} encoding={x.encoding} isTruncated={x.textTruncated ?? false} />
            </Section>
          ) : null}
          {x.timestamps.length > 0 ? (
            <Section title="Timestamps" meta={x.timestamps.length} testId="detail-timestamps">
              <TimestampsView timestamps={x.timestamps} />
            </Section>
          ) : null}
          {hasIdentity ? (
            <Section title="Document identity and links" meta={d.links.length || undefined} testId="detail-links">
              <IdentityView identity={x.identity} links={d.links} onSelectArtifact={onSelectArtifact} />
            </Section>
          ) : null}
          {x.logSummary ? (
            <Section title="Access log" meta={`${formatCount(x.logSummary.clients.length)} clients`} testId="detail-log">
              <LogSummaryView artifactId={d.id} summary={x.logSummary} />
            </Section>
          ) : null}
          <Section
            title="Extractors and warnings"
            meta={issueCount > 0 ? `${issueCount} ${issueCount === 1 ? 'issue' : 'issues'}` : undefined}
            isDefaultOpen={issueCount > 0}
            testId="detail-extractors"
          >
            <ul className="plain">
              {x.extractors.map((e) => (
                <li key={e.name} className={e.error ? 'text-error' : undefined}>
                  <span className="mono">
                    {e.name} v{e.version}
                  </span>
                  {e.ms !== undefined ? <span className="muted"> {e.ms.toFixed(0)} ms</span> : null}
                  {e.error ? <div>{e.error}</div> : null}
                </li>
              ))}
              {x.warnings.map((w, i) => (
                <li key={`w${i}`} className="text-warn">
                  {w}
                </li>
              ))}
            </ul>
          </Section>
        </>
      )}
      {(!x || isEmptyExtraction) && d.links.length > 0 ? (
        <Section title="Links">
          <IdentityView identity={undefined} links={d.links} onSelectArtifact={onSelectArtifact} />
        </Section>
      ) : null}
    </article>
  );
}
