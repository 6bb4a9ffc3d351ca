import type { ReactNode } from 'react';
import type { CaseSummary } from '../../../shared/domain/case';
import { PathText } from '../../components/path-text';
import { formatBytes, formatCount } from '../../lib/format';
import { ExportEntry } from '../exports/export-entry';

interface Props {
  summary: CaseSummary;
  /** Counts are settled when an ingest finishes; until then zeros mean "not counted yet". */
  isIngesting: boolean;
  search: ReactNode;
  onClose: () => void;
}

export function CaseHeader({ summary, isIngesting, search, onClose }: Props) {
  const count = (n: number, format: (v: number) => string): string => (isIngesting && n === 0 ? '…' : format(n));
  return (
    <header className="appbar appbar--case" data-testid="case-header">
      <span className="appbar__brand">Evidence Workbench</span>
      <span className="appbar__sep" aria-hidden="true" />
      <div className="casehead">
        <div className="casehead__line">
          <h1 className="casehead__name" data-testid="case-name" title={summary.description || summary.name}>
            {summary.name}
          </h1>
          <span className="casehead__examiner" data-testid="case-examiner">
            {summary.examiner}
          </span>
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
        <div>
          <dt>Data</dt>
          <dd>{count(summary.totalBytes, formatBytes)}</dd>
        </div>
      </dl>
      <span className="appbar__spacer" />
      {search}
      <ExportEntry />
      <button type="button" className="btn btn--ghost" onClick={onClose} data-testid="close-case">
        Close case
      </button>
    </header>
  );
}
