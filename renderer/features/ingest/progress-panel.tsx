import type { IngestJob, IngestProgress } from '../../../shared/domain/ingest';
import { formatByteRate, formatBytes } from '../../../shared/format/bytes';
import { PathText } from '../../components/path-text';
import { ProgressBar } from '../../components/progress-bar';
import { formatCount, formatDuration, formatEta, formatPercent } from '../../lib/format';

interface Props {
  job: IngestJob | null;
  progress: IngestProgress | null;
  isActive: boolean;
  isCancelling: boolean;
  onCancel: () => void;
  onDismiss: () => void;
  onShowErrors: () => void;
}

const phaseLabel: Record<IngestProgress['phase'], string> = {
  scanning: 'Scanning',
  hashing: 'Hashing',
  extracting: 'Extracting',
  finishing: 'Finishing',
};

const PHASES: IngestProgress['phase'][] = ['scanning', 'hashing', 'extracting', 'finishing'];

const statusLabel: Record<IngestJob['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  cancelled: 'Cancelled',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

export function ProgressPanel({ job, progress, isActive, isCancelling, onCancel, onDismiss, onShowErrors }: Props) {
  const filesDone = progress?.filesDone ?? job?.filesDone ?? 0;
  const filesTotal = progress?.filesTotal ?? job?.filesTotal ?? 0;
  const bytesDone = progress?.bytesDone ?? job?.bytesDone ?? 0;
  const bytesTotal = progress?.bytesTotal ?? job?.bytesTotal ?? 0;
  const errors = progress?.errorCount ?? job?.errorCount ?? 0;
  const status = isActive
    ? progress
      ? phaseLabel[progress.phase]
      : job
        ? statusLabel[job.status]
        : 'Starting'
    : job
      ? statusLabel[job.status]
      : 'Done';
  const isScanning = isActive && (progress?.phase === 'scanning' || (bytesTotal === 0 && filesTotal === 0));
  const tone = isActive ? 'normal' : job?.status === 'failed' ? 'error' : job?.status === 'done' ? (errors > 0 ? 'warn' : 'done') : 'warn';
  // Hashing work follows bytes; the other phases follow files (extraction time is not proportional to size).
  const phase = isActive ? (progress?.phase ?? 'scanning') : null;
  const useBytes = bytesTotal > 0 && (phase === 'hashing' || (phase === null && filesTotal === 0));
  const value = useBytes ? bytesDone : filesDone;
  const max = useBytes ? bytesTotal : filesTotal;
  const source = job?.sourcePath ?? '';

  return (
    <section
      className={`ingest ingest--${isActive ? 'active' : 'finished'}`}
      aria-label="Ingest progress"
      data-testid="ingest-panel"
      data-job-id={job?.id}
      data-job-status={job?.status ?? 'running'}
    >
      <div className="ingest__top">
        <span className={`ingest__status ingest__status--${tone}`} data-testid="ingest-status">
          {status}
        </span>
        <PathText path={source} className="ingest__source" />
        <span className="ingest__pct">{isScanning ? '' : formatPercent(value, max)}</span>
        {isActive ? (
          <button type="button" className="btn btn--small" onClick={onCancel} disabled={isCancelling} data-testid="ingest-cancel">
            {isCancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button type="button" className="btn btn--small" onClick={onDismiss} data-testid="ingest-dismiss">
            Dismiss
          </button>
        )}
      </div>
      {phase ? (
        <ol className="phases" aria-label="Ingest phases">
          {PHASES.map((p, i) => {
            const at = PHASES.indexOf(phase);
            const state = i < at ? 'done' : i === at ? 'current' : 'todo';
            return (
              <li key={p} className={`phases__step phases__step--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                {phaseLabel[p]}
              </li>
            );
          })}
        </ol>
      ) : null}
      <ProgressBar
        value={isActive ? value : max > 0 ? value : 1}
        max={max > 0 ? max : 1}
        label="Ingest progress"
        isIndeterminate={isScanning}
        tone={tone}
      />
      <dl className="ingest__stats">
        <div>
          <dt>Files</dt>
          <dd data-testid="ingest-files">
            {formatCount(filesDone)} / {formatCount(filesTotal)}
          </dd>
        </div>
        <div>
          <dt>Data</dt>
          <dd>
            {formatBytes(bytesDone)} / {formatBytes(bytesTotal)}
          </dd>
        </div>
        {isActive ? (
          <>
            <div>
              <dt>Rate</dt>
              <dd>
                {formatByteRate(progress?.bytesPerSecond)} · {progress ? `${progress.filesPerSecond.toFixed(1)} files/s` : '—'}
              </dd>
            </div>
            <div>
              <dt>ETA</dt>
              <dd>{formatEta(progress?.etaSeconds)}</dd>
            </div>
          </>
        ) : null}
        <div>
          <dt>Elapsed</dt>
          <dd>{formatDuration(progress?.elapsedSeconds ?? elapsed(job))}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd className={errors > 0 ? 'text-error' : undefined} data-testid="ingest-errors">
            {formatCount(errors)}
            {errors > 0 ? (
              <button type="button" className="link ingest__show" onClick={onShowErrors} data-testid="ingest-show-errors">
                show first
              </button>
            ) : null}
          </dd>
        </div>
      </dl>
      {isActive && progress?.currentPath ? (
        <PathText path={progress.currentPath} className="ingest__current" testId="ingest-current" />
      ) : null}
      {!isActive && job?.message ? <div className="ingest__message">{job.message}</div> : null}
    </section>
  );
}

function elapsed(job: IngestJob | null): number | null {
  if (!job) return null;
  const start = Date.parse(job.startedAt);
  const end = job.finishedAt ? Date.parse(job.finishedAt) : Date.now();
  return Number.isNaN(start) || Number.isNaN(end) ? null : Math.max(0, (end - start) / 1000);
}
