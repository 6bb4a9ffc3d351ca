import { ErrorBoundary } from '../../components/error-boundary';
import { ToastStack } from '../../components/toast-stack';
import { useAppStore, useShallow } from '../../store';
import {
  selectActiveCase,
  selectAppActions,
  selectAppInfo,
  selectAppInfoRequest,
  selectAppPhase,
  selectJobLabel,
  selectToasts,
} from '../../store/selectors';
import { StartScreen } from '../cases/start-screen';
import { CaseWorkspace } from '../workspace/case-workspace';
import { StatusBar } from './status-bar';

export function App() {
  const phase = useAppStore(selectAppPhase);
  const appInfo = useAppStore(selectAppInfo);
  const appInfoRequest = useAppStore(selectAppInfoRequest);
  const activeCase = useAppStore(selectActiveCase);
  const jobLabel = useAppStore(selectJobLabel);
  const toasts = useAppStore(selectToasts);
  const { dismissToast, boot } = useAppStore(useShallow(selectAppActions));

  let body;
  if (phase === 'error') {
    body = (
      <div className="fatal" role="alert" data-testid="host-error">
        <h1>Cannot reach the workbench backend</h1>
        <p>{appInfoRequest.error?.message}</p>
        <button type="button" className="btn btn--primary" onClick={() => void boot()}>
          Retry
        </button>
      </div>
    );
  } else if (phase === 'loading') {
    body = <div className="boot">Loading…</div>;
  } else if (activeCase) {
    body = (
      <ErrorBoundary label="case workspace">
        <CaseWorkspace />
      </ErrorBoundary>
    );
  } else {
    body = (
      <ErrorBoundary label="start screen">
        <StartScreen />
      </ErrorBoundary>
    );
  }

  return (
    <div className="app" data-app-state={phase} data-testid="app-root">
      <div className="app__main">{body}</div>
      <StatusBar appInfo={appInfo} caseDir={activeCase?.dir ?? null} jobLabel={jobLabel} />
      <ToastStack toasts={toasts} onDismiss={dismissToast} />
    </div>
  );
}
