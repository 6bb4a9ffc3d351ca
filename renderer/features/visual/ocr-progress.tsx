import type { OcrJob, OcrProgress } from '../../../shared/domain/visual';
import { ProgressBar } from '../../components/progress-bar';
import { formatEta } from '../../lib/format';

interface Props {
  job: OcrProgress | OcrJob;
  onCancel: () => void;
}

const isProgress = (job: OcrProgress | OcrJob): job is OcrProgress => 'etaSeconds' in job;

/** The running (or last) OCR job: how far, how long still, and a way to stop it; a later run resumes. */
export function OcrProgressView({ job, onCancel }: Props) {
  const reached = job.done + job.failed + job.skipped;
  const isRunning = job.status === 'running';
  const eta = isProgress(job) && isRunning ? job.etaSeconds : null;
  return (
    <div className="ocr-progress" data-testid="ocr-progress" data-status={job.status}>
      <ProgressBar
        value={reached}
        max={job.total}
        label="OCR progress"
        tone={job.status === 'done' ? 'done' : job.failed > 0 ? 'warn' : 'normal'}
      />
      <span className="ocr-progress__figures" data-testid="ocr-status">
        {isRunning ? 'Reading' : `OCR ${job.status}`}: {reached} of {job.total}
        {job.failed > 0 ? `, ${job.failed} failed` : ''}
        {job.skipped > 0 ? `, ${job.skipped} read before` : ''}
        {eta !== null ? `, about ${formatEta(eta)} left` : ''}
        {isProgress(job) && job.currentPath && isRunning ? ` (${job.currentPath})` : ''}
      </span>
      {isRunning ? (
        <button type="button" className="btn btn--tiny" onClick={onCancel} data-testid="ocr-cancel">
          Cancel
        </button>
      ) : null}
    </div>
  );
}
