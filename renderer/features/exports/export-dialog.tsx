import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ExportSelection } from '../../../shared/domain/bundle';
import { ErrorMessage } from '../../components/error-message';
import { ProgressBar } from '../../components/progress-bar';
import { TextField } from '../../components/text-field';
import { formatBytes } from '../../../shared/format/bytes';
import { formatCount } from '../../lib/format';
import { useAppStore, useShallow } from '../../store';
import { selectActiveCase } from '../../store/selectors';
import {
  selectCanPickFolders,
  selectExportActions,
  selectExportChoices,
  selectExportEstimate,
  selectExportJob,
  selectExportProgress,
  selectExportRequest,
} from './selectors';

type What = ExportSelection['kind'];

interface Props {
  onClose: () => void;
}

/** A bundle file name from the case name: letters and digits of any script kept, the rest made dashes. */
const bundleName = (caseName: string): string =>
  `${
    caseName
      .normalize('NFKC')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'case'
  }-bundle.zip`;

/** What to export, where, with or without the evidence files; then its progress, cancel, and the fingerprint. */
export function ExportDialog({ onClose }: Props) {
  const summary = useAppStore(selectActiveCase);
  const choices = useAppStore(selectExportChoices);
  const estimate = useAppStore(selectExportEstimate);
  const job = useAppStore(selectExportJob);
  const progress = useAppStore(selectExportProgress);
  const request = useAppStore(selectExportRequest);
  const canPickFolders = useAppStore(selectCanPickFolders);
  const actions = useAppStore(useShallow(selectExportActions));
  const [what, setWhat] = useState<What>('case');
  const [production, setProduction] = useState('');
  const [saved, setSaved] = useState('');
  const [target, setTarget] = useState('');
  const [originals, setOriginals] = useState(false);
  const [force, setForce] = useState(false);
  const [targetError, setTargetError] = useState<string | undefined>();

  const selection = useMemo<ExportSelection | null>(() => {
    if (what === 'case') return { kind: 'case' };
    if (what === 'filter') return { kind: 'filter', filters: actions.currentFilters() };
    if (what === 'saved') return saved ? { kind: 'saved', name: saved } : null;
    return production ? { kind: 'production', productionId: production } : null;
  }, [what, production, saved, actions]);

  const { estimateExport } = actions;
  useEffect(() => {
    if (selection) void estimateExport(selection);
  }, [selection, estimateExport]);

  const isRunning = job?.status === 'running' || request.status === 'loading';

  const handleBrowse = async (): Promise<void> => {
    const folder = await actions.pickFolder('Choose the folder for the bundle');
    if (folder && summary) setTarget(`${folder.replace(/[\\/]+$/, '')}/${bundleName(summary.name)}`);
  };

  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (!target.trim()) return setTargetError('Enter the path of the zip to write.');
    setTargetError(undefined);
    if (selection) void actions.startExport({ selection, target: target.trim(), originals, force });
  };

  const finished = job && job.status !== 'running' ? job : null;
  return (
    <form onSubmit={handleSubmit} noValidate data-testid="export-dialog">
      <h2>Export a case bundle</h2>
      <p className="exports-note">
        One zip that anyone can check byte for byte: a report for readers, a spreadsheet, the manifest, the audit trail, CASE/UCO, and
        SHA256SUMS.
      </p>
      <fieldset disabled={isRunning}>
        <legend>What</legend>
        <label className="exports-choice">
          <input type="radio" name="what" checked={what === 'case'} onChange={() => setWhat('case')} data-testid="export-what-case" />
          The whole case
        </label>
        <label className="exports-choice">
          <input type="radio" name="what" checked={what === 'filter'} onChange={() => setWhat('filter')} data-testid="export-what-filter" />
          The artifacts the current filter shows
        </label>
        <label className="exports-choice">
          <input type="radio" name="what" checked={what === 'saved'} onChange={() => setWhat('saved')} data-testid="export-what-saved" />A
          saved search
          <select value={saved} onChange={(e) => (setSaved(e.target.value), setWhat('saved'))} aria-label="Saved search">
            <option value="">choose…</option>
            {choices?.savedSearches.map((s) => (
              <option key={s.id} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="exports-choice">
          <input
            type="radio"
            name="what"
            checked={what === 'production'}
            onChange={() => setWhat('production')}
            data-testid="export-what-production"
          />
          Everything tagged to one production
          <select
            value={production}
            onChange={(e) => (setProduction(e.target.value), setWhat('production'))}
            aria-label="Production"
            data-testid="export-production"
          >
            <option value="">choose…</option>
            {choices?.productions.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        {estimate ? (
          <p className="exports-note" data-testid="export-estimate">
            {formatCount(estimate.artifacts)} artifacts ({formatCount(estimate.tagged)} tagged); originals:{' '}
            {formatCount(estimate.originals)} files, {formatBytes(estimate.originalBytes)}
          </p>
        ) : null}
      </fieldset>
      <fieldset disabled={isRunning}>
        <legend>Where</legend>
        <TextField
          label="Bundle file (.zip)"
          value={target}
          onChange={setTarget}
          error={targetError}
          isMono
          isRequired
          placeholder={summary ? `/path/to/${bundleName(summary.name)}` : '/path/to/bundle.zip'}
          testId="export-target"
          addon={
            canPickFolders ? (
              <button type="button" className="btn" onClick={() => void handleBrowse()} data-testid="export-browse">
                Choose folder…
              </button>
            ) : undefined
          }
        />
        <label className="check">
          <input type="checkbox" checked={originals} onChange={(e) => setOriginals(e.target.checked)} data-testid="export-originals" />
          Include the evidence files themselves (re-hashed while copied)
        </label>
        <label className="check">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} data-testid="export-force" />
          Replace the file if it exists
        </label>
      </fieldset>
      {request.status === 'error' && request.error ? <ErrorMessage error={request.error} testId="export-error" /> : null}
      {job?.status === 'running' ? (
        <div data-testid="export-progress">
          <ProgressBar
            value={progress?.bytesTotal ? progress.bytesDone : (progress?.filesDone ?? 0)}
            max={progress?.bytesTotal ? progress.bytesTotal : (progress?.filesTotal ?? 0)}
            label="Export progress"
            isIndeterminate={!progress}
          />
          <p className="exports-note">{progress ? `${progress.phase}: ${progress.currentPath ?? ''}` : 'starting…'}</p>
        </div>
      ) : null}
      {finished ? (
        <div data-testid="export-result" data-status={finished.status}>
          {finished.status === 'done' ? (
            <>
              <p className="exports-verdict exports-verdict--ok">
                Written: {finished.target} ({formatBytes(finished.bundleBytes ?? 0)})
              </p>
              <p className="exports-note">Fingerprint (SHA-256 of SHA256SUMS): give it to the recipient separately.</p>
              <p className="exports-fingerprint" data-testid="export-fingerprint">
                {finished.fingerprint}
              </p>
            </>
          ) : (
            <p className="exports-verdict exports-verdict--failed">
              Export {finished.status}: {finished.message}
            </p>
          )}
        </div>
      ) : null}
      <div className="exports-actions">
        {job?.status === 'running' ? (
          <button type="button" className="btn" onClick={() => void actions.cancelExport()} data-testid="export-cancel">
            Cancel export
          </button>
        ) : null}
        {finished?.status === 'done' ? (
          <button
            type="button"
            className="btn"
            onClick={() => (actions.openExportPanel('verify'), void actions.verifyBundle(finished.target))}
            data-testid="export-verify"
          >
            Verify this bundle
          </button>
        ) : null}
        <button type="button" className="btn btn--ghost" onClick={onClose} data-testid="export-close">
          Close
        </button>
        <button type="submit" className="btn btn--primary" disabled={isRunning || !selection} data-testid="export-submit">
          Export
        </button>
      </div>
    </form>
  );
}
