import type { ReactNode } from 'react';
import type { CaseSummary } from '../../../shared/domain/case';
import { formatBytes } from '../../../shared/format/bytes';
import { Badge } from '../../components/badge';
import { PathText } from '../../components/path-text';
import { formatCount } from '../../lib/format';
import { ExportEntry } from '../exports/export-entry';

interface Props {
  summary: CaseSummary;
  examiner: string | null;
  /** Counts are settled when an ingest finishes; until then zeros mean "not counted yet". */
  isIngesting: boolean;
  canUndo: boolean;
  canRedo: boolean;
  isSaving: boolean;
  search: ReactNode;
  onChangeExaminer: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onHelp: () => void;
  onToggleLeftPane: () => void;
  onClose: () => void;
}

export function CaseHeader({
  summary,
  examiner,
  isIngesting,
  canUndo,
  canRedo,
  isSaving,
  search,
  onChangeExaminer,
  onUndo,
  onRedo,
  onHelp,
  onToggleLeftPane,
  onClose,
}: Props) {
  const count = (n: number, format: (v: number) => string): string => (isIngesting && n === 0 ? '…' : format(n));
  return (
    <header className="appbar appbar--case" data-testid="case-header">
      <button
        type="button"
        className="appbar__menu"
        onClick={onToggleLeftPane}
        aria-label="Show or hide the sources column"
        title="Sources and saved searches"
      >
        ☰
      </button>
      <div className="casehead">
        <div className="casehead__line">
          <h1
            className="casehead__name"
            data-testid="case-name"
            title={summary.description ? `${summary.name}\n\n${summary.description}` : summary.name}
          >
            {summary.name}
          </h1>
          <button
            type="button"
            className="casehead__examiner"
            onClick={onChangeExaminer}
            title="You act as this examiner: every change is recorded under this name. Click to change."
            aria-label={`Examiner ${examiner ?? ''}, change`}
          >
            <span className="casehead__as">as</span>
            <span data-testid="case-examiner">{examiner ?? summary.examiner}</span>
          </button>
          {summary.readOnly ? (
            <span data-testid="case-read-only">
              <Badge tone="warn" title={`Changes are refused: ${summary.readOnlyReason ?? 'the case cannot be written'}`}>
                read-only
              </Badge>
            </span>
          ) : null}
        </div>
        <PathText path={summary.dir} className="casehead__dir" testId="case-dir" />
        {summary.importedFrom ? (
          <span className="casehead__dir" data-testid="case-imported" title={summary.importedFrom.bundle}>
            Imported from a case bundle (fingerprint {summary.importedFrom.fingerprint.slice(0, 12)}…): the evidence files are not on this
            machine
          </span>
        ) : null}
      </div>
      <dl className="casehead__counts" data-testid="case-counts">
        <div>
          <dt>Sources</dt>
          <dd>{count(summary.sourceCount, formatCount)}</dd>
        </div>
        <div>
          <dt>Artifacts</dt>
          <dd data-testid="case-artifact-count">{count(summary.artifactCount, formatCount)}</dd>
        </div>
        <div className="casehead__data">
          <dt>Data</dt>
          <dd>{count(summary.totalBytes, formatBytes)}</dd>
        </div>
      </dl>
      <span className="appbar__spacer" />
      {search}
      <span className="appbar__group" role="group" aria-label="Undo and redo">
        <button
          type="button"
          className="btn btn--ghost btn--icon"
          onClick={onUndo}
          disabled={!canUndo}
          title="Undo your last change (u, Ctrl+Z)"
          data-testid="undo"
        >
          ↶<span className="sr-only">Undo</span>
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--icon"
          onClick={onRedo}
          disabled={!canRedo}
          title="Redo (Ctrl+Shift+Z)"
          data-testid="redo"
        >
          ↷<span className="sr-only">Redo</span>
        </button>
      </span>
      <ExportEntry />
      <span className={`saving${isSaving ? ' saving--on' : ''}`} aria-live="polite" data-testid="saving">
        {isSaving ? 'Saving…' : ''}
      </span>
      <button
        type="button"
        className="btn btn--ghost btn--icon"
        onClick={onHelp}
        title="Keyboard shortcuts (?)"
        aria-label="Keyboard shortcuts"
      >
        ?
      </button>
      <button type="button" className="btn btn--ghost" onClick={onClose} data-testid="close-case">
        Close case
      </button>
    </header>
  );
}
