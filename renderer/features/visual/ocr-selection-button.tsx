import { useAppStore, useShallow } from '../../store';
import { selectOcrJob, selectOcrRequest, selectVisualActions } from '../../store/selectors';
import { OcrProgressView } from './ocr-progress';
import './visual.css';

interface Props {
  ids: ReadonlySet<number>;
}

/** OCR of the picked rows (the backend keeps the images and PDFs among them), with the job's progress and a cancel. */
export function OcrSelectionButton({ ids }: Props) {
  const job = useAppStore(selectOcrJob);
  const request = useAppStore(selectOcrRequest);
  const { startOcr, cancelOcr } = useAppStore(useShallow(selectVisualActions));
  const isRunning = job?.status === 'running';
  return (
    <>
      <button
        type="button"
        className="btn btn--small"
        disabled={isRunning || request.status === 'loading'}
        onClick={() => void startOcr([...ids])}
        title="Read the text in the selected images and PDFs (what was read before is skipped)"
        data-testid="bulk-ocr"
      >
        OCR
      </button>
      {job && isRunning ? <OcrProgressView job={job} onCancel={() => void cancelOcr()} /> : null}
      {request.status === 'error' && request.error ? (
        <span className="alert alert--error" data-testid="bulk-ocr-error">
          {request.error.message}
        </span>
      ) : null}
    </>
  );
}
