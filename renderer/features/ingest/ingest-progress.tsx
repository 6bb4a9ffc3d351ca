import { useAppStore, useShallow } from '../../store';
import { selectCancelRequest, selectCurrentJob, selectIngestActions } from '../../store/selectors';
import { ProgressPanel } from './progress-panel';

export function IngestProgress() {
  const current = useAppStore(selectCurrentJob);
  const cancelRequest = useAppStore(selectCancelRequest);
  const actions = useAppStore(useShallow(selectIngestActions));
  if (!current) return null;
  return (
    <ProgressPanel
      job={current.job}
      progress={current.progress}
      isActive={current.isActive}
      isCancelling={cancelRequest.status === 'loading'}
      onCancel={() => void actions.cancelIngest()}
      onDismiss={actions.dismissJob}
      onShowErrors={actions.showErrorsFirst}
    />
  );
}
