import type { ReactNode } from 'react';
import type { ArtifactDetail as Detail } from '../../../shared/domain/artifact';
import { Badge } from '../../components/badge';
import { LabelChip } from '../../components/label-chip';
import { Section } from '../../components/section';
import { StarButton } from '../../components/star-button';
import { stageName } from '../../lib/analysis-labels';
import { readableType } from '../../lib/artifact-type';
import { formatBytesExact, formatCount, formatDateTimeFull, formatMode } from '../../lib/format';
import { countTags } from '../../lib/meta-value';
import { useAppStore, useShallow } from '../../store';
import {
  selectDetailById,
  selectIsOcrOverlayOn,
  selectReviewActions,
  selectSelectedReview,
  selectTextMatches,
} from '../../store/selectors';
import type { PreviewState } from '../../store/slices/preview';
import { GlossaryList } from '../analysis/glossary-list';
import { LanguageView } from '../analysis/language-view';
import { StageView } from '../analysis/stage-view';
import { TranslationView } from '../analysis/translation-view';
import { ArtifactAudit } from '../audit/artifact-audit';
import { AnnotationsList } from '../review/annotations-list';
import { AttributionSection } from '../review/attribution-section';
import { NotesSection } from '../review/notes-section';
import { OcrOverlay } from '../visual/ocr-overlay';
import { isOcrReadable, OcrSection } from '../visual/ocr-section';
import { SimilarSection } from '../visual/similar-section';
import { DetailNav, type NavItem } from './detail-nav';
import { HashRow } from './hash-row';
import { IdentityView } from './identity-view';
import { LogSummaryView } from './log-summary-view';
import { MetadataView } from './metadata-view';
import { PreviewView } from './preview-view';
import { StructureView, structureSummary } from './structure-view';
import { TextView } from './text-view';
import { TimestampsView } from './timestamps-view';

interface Props {
  detail: Detail;
  /** This artifact's preview, or null while it has not been asked for yet. */
  preview: PreviewState | null;
  onSelectArtifact: (id: number) => void;
  onShowOnTimeline: () => void;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="facts__row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const statusTone = { ok: 'ok', error: 'error', pending: 'neutral', skipped: 'warn' } as const;

/**
 * One artifact, in the order an analyst reads it: what it is and what was decided about it (preview, attribution,
 * notes, regions), what the analysis says (language, stage, translation), then its text, metadata, work-file
 * structure, hashes and file facts, log analysis, dates and audit trail.
 */
export function ArtifactDetail({ detail: d, preview, onSelectArtifact, onShowOnTimeline }: Props) {
  const review = useAppStore(selectSelectedReview);
  const matches = useAppStore(selectTextMatches);
  const detailsById = useAppStore(selectDetailById);
  const actions = useAppStore(useShallow(selectReviewActions));
  const isOcrOverlayOn = useAppStore(selectIsOcrOverlayOn);
  // The preview shows the image itself or page 1 of a PDF: the OCR page read from the same picture.
  const ocrPage = d.ocr.find((p) => p.status === 'done' && p.page <= 1);
  const x = d.extraction;
  const analysis = d.analysis;
  const metaCount = x ? countTags(x.metadata) : 0;
  const hasText = Boolean(x?.text) || (x?.pages?.length ?? 0) > 0;
  const failedExtractors = x?.extractors.filter((e) => e.error) ?? [];
  const hasIdentity = Boolean(x?.identity && Object.values(x.identity).some((v) => v !== undefined)) || d.links.length > 0;
  const isDirectory = d.kind === 'directory';
  const issueCount = (x?.warnings.length ?? 0) + failedExtractors.length;
  const canAnnotate = d.mime === 'application/pdf' || (d.mime?.startsWith('image/') ?? false);
  const reviewOfThis = review?.artifactId === d.id ? review : null;
  const annotations = reviewOfThis?.annotations ?? [];
  const textGlossary = analysis?.fields.find((f) => f.field === 'text')?.glossary.hits ?? [];
  const translations = reviewOfThis?.translations ?? [];
  const hasTranslation = translations.length > 0 || (analysis?.fields.find((f) => f.field === 'text')?.bilingual?.pairs.length ?? 0) > 0;

  const nav: NavItem[] = [
    { id: 'detail-overview', label: 'Overview' },
    ...(hasText ? [{ id: 'detail-text-section', label: 'Text' }] : []),
    ...(metaCount > 0 ? [{ id: 'detail-metadata-section', label: 'Metadata' }] : []),
    ...(x?.structure ? [{ id: 'detail-structure-section', label: 'Structure' }] : []),
    { id: 'detail-file-section', label: 'File' },
    ...(x?.logSummary ? [{ id: 'detail-log-section', label: 'Log' }] : []),
    { id: 'detail-timeline-section', label: 'Timeline' },
    { id: 'detail-audit-section', label: 'Audit' },
  ];

  return (
    <article className="detail" data-testid="artifact-detail" data-id={d.id}>
      <header className="detail__head" id="detail-overview">
        <div className="detail__title">
          <h2 className="detail__name" data-testid="detail-name">
            {d.name}
          </h2>
          <StarButton
            isStarred={reviewOfThis?.starred ?? d.starred}
            onToggle={() => void actions.setStarred([d.id], !(reviewOfThis?.starred ?? d.starred))}
          />
        </div>
        <div className="detail__path mono" data-testid="detail-path">
          {d.path}
        </div>
        <div className="detail__badges">
          <Badge tone="info" title={d.mime ?? undefined}>
            {readableType(d.mime, d.kind)}
          </Badge>
          <Badge tone={statusTone[d.status]}>{d.status}</Badge>
          {d.kind === 'member' ? <Badge>archive member</Badge> : null}
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
          {d.stage ? <Badge>{stageName(d.stage)}</Badge> : null}
        </div>
        <div className="detail__labels" data-testid="detail-labels">
          {(reviewOfThis?.labels ?? []).map((l) => (
            <LabelChip key={l.id} name={l.name} color={l.color} onRemove={() => void actions.applyLabel([d.id], l.id, false)} />
          ))}
          <button type="button" className="btn btn--tiny" onClick={() => actions.openDialog('label')} data-testid="add-label">
            + Label <kbd>l</kbd>
          </button>
        </div>
      </header>
      <DetailNav items={nav} />

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
          <PreviewView
            key={d.id}
            state={preview}
            name={d.name}
            annotations={annotations}
            overlay={ocrPage && isOcrOverlayOn ? <OcrOverlay page={ocrPage} /> : null}
            onOpenViewer={() => void actions.openViewer(d.id)}
          />
        </Section>
      )}
      {isDirectory ? null : <OcrSection detail={d} />}
      {isOcrReadable(d.mime) || (d.mime?.startsWith('video/') ?? false) ? <SimilarSection artifactId={d.id} /> : null}

      <Section
        title="Attribution"
        meta={
          reviewOfThis
            ? `${reviewOfThis.tags.length} tag${reviewOfThis.tags.length === 1 ? '' : 's'} · ${reviewOfThis.suggestions.filter((s) => s.status === 'open').length} open`
            : undefined
        }
        testId="detail-attribution"
      >
        {reviewOfThis ? <AttributionSection artifactId={d.id} review={reviewOfThis} /> : <p className="muted">Loading…</p>}
      </Section>

      <Section
        title="Notes"
        meta={reviewOfThis?.notes.length || undefined}
        testId="detail-notes"
        isDefaultOpen={(reviewOfThis?.notes.length ?? 0) > 0}
      >
        {reviewOfThis ? (
          <NotesSection
            notes={reviewOfThis.notes}
            emptyText="No notes on this artifact."
            onAdd={(body) => void actions.addNote(d.id, body)}
            onEdit={(note, body) => void actions.editNote(note, body)}
            onRemove={(note) => void actions.removeNote(note)}
          />
        ) : (
          <p className="muted">Loading…</p>
        )}
      </Section>

      {canAnnotate || annotations.length > 0 ? (
        <Section title="Regions" meta={annotations.length || undefined} testId="detail-annotations" isDefaultOpen={annotations.length > 0}>
          <AnnotationsList
            annotations={annotations}
            tags={reviewOfThis?.tags ?? []}
            onShow={(a) => void actions.openViewer(d.id, a.page ?? 1)}
            onRemove={(a) => void actions.removeAnnotation(a)}
          />
        </Section>
      ) : null}

      {analysis && analysis.fields.length > 0 ? (
        <Section title="Language and markers" testId="detail-language">
          <LanguageView fields={analysis.fields} />
          <GlossaryList fields={analysis.fields} />
        </Section>
      ) : null}

      {analysis && (analysis.stage.stage || analysis.stage.candidates.length > 0) ? (
        <Section
          title="Stage"
          meta={analysis.stage.stage ? stageName(analysis.stage.stage) : undefined}
          testId="detail-stage"
          isDefaultOpen={false}
        >
          <StageView stage={analysis.stage} />
        </Section>
      ) : null}

      {hasTranslation ? (
        <Section title="Translation" meta={translations.length || undefined} testId="detail-translation">
          <TranslationView
            detail={d}
            translations={translations}
            detailsById={detailsById}
            onNeedDetail={actions.prefetchDetail}
            onOpen={onSelectArtifact}
          />
        </Section>
      ) : null}

      {hasText && x ? (
        <Section title="Text" meta={x.encoding?.name} testId="detail-text" id="detail-text-section">
          <TextView
            text={x.text}
            pages={x.pages}
            encoding={x.encoding}
            isTruncated={x.textTruncated ?? false}
            matches={matches?.matches ?? null}
            query={matches?.query ?? null}
            glossary={textGlossary}
          />
        </Section>
      ) : null}

      {x && metaCount > 0 ? (
        <Section title="Metadata" meta={formatCount(metaCount)} testId="detail-metadata" id="detail-metadata-section">
          <MetadataView groups={x.metadata} />
        </Section>
      ) : null}

      {x?.structure ? (
        <Section title="Structure" meta={structureSummary(x.structure)} testId="detail-structure" id="detail-structure-section">
          <StructureView key={d.id} structure={x.structure} />
        </Section>
      ) : null}

      <Section title="Hashes and file" testId="detail-file" id="detail-file-section">
        {isDirectory ? null : (
          <div className="hashes" data-testid="detail-hashes">
            <HashRow name="SHA-256" value={d.sha256} />
            <HashRow name="SHA-1" value={d.sha1} />
            <HashRow name="MD5" value={d.md5} />
          </div>
        )}
        <dl className="facts">
          <Fact label="Size" testId="fact-size">
            {formatBytesExact(d.size)}
          </Fact>
          <Fact label="Type">
            {readableType(d.mime, d.kind)} <span className="mono muted">{d.mime ?? ''}</span>
          </Fact>
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
        {!isDirectory && (!x || (metaCount === 0 && !hasText && x.timestamps.length === 0 && !x.logSummary && !x.structure)) ? (
          <p className="muted" data-testid="no-extraction">
            {d.status === 'pending'
              ? 'Not extracted yet; this updates when the ingest reaches this file.'
              : x
                ? 'No extractor reported metadata or text for this file type.'
                : 'Nothing was extracted from this artifact (the ingest ran without extraction, or it failed).'}
          </p>
        ) : null}
      </Section>

      {hasIdentity ? (
        <Section title="Document identity and links" meta={d.links.length || undefined} testId="detail-links">
          <IdentityView identity={x?.identity} links={d.links} onSelectArtifact={onSelectArtifact} />
        </Section>
      ) : null}

      {x?.logSummary ? (
        <Section
          title="Log analysis"
          meta={`${formatCount(x.logSummary.clients.length)} clients`}
          testId="detail-log"
          id="detail-log-section"
        >
          <LogSummaryView artifactId={d.id} summary={x.logSummary} />
        </Section>
      ) : null}

      <Section
        title="Timeline"
        meta={x?.timestamps.length || undefined}
        testId="detail-timestamps"
        id="detail-timeline-section"
        isDefaultOpen={(x?.timestamps.length ?? 0) > 0}
      >
        {x && x.timestamps.length > 0 ? (
          <TimestampsView timestamps={x.timestamps} />
        ) : (
          <p className="muted">No dates inside the file; its file-system times are under Hashes and file.</p>
        )}
        <button type="button" className="btn btn--tiny show-more" onClick={onShowOnTimeline}>
          Show this artifact on the case timeline
        </button>
      </Section>

      <Section
        title="Audit trail"
        testId="detail-audit"
        id="detail-audit-section"
        isDefaultOpen={false}
        onOpen={() => void actions.loadArtifactAudit(d.id)}
      >
        <ArtifactAudit artifactId={d.id} />
      </Section>

      {x && (x.extractors.length > 0 || x.warnings.length > 0) ? (
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
      ) : null}
    </article>
  );
}
