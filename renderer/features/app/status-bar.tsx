import type { AppInfo } from '../../../shared/ipc/contract';
import { PathText } from '../../components/path-text';

interface Props {
  appInfo: AppInfo | null;
  caseDir: string | null;
  jobLabel: string | null;
}

export function StatusBar({ appInfo, caseDir, jobLabel }: Props) {
  return (
    <footer className="statusbar" data-testid="status-bar">
      <span data-testid="status-host">
        {appInfo ? (appInfo.host === 'electron' ? 'Desktop (Electron)' : 'Web host (127.0.0.1)') : 'Connecting…'}
      </span>
      {appInfo ? <span data-testid="status-version">v{appInfo.version}</span> : null}
      {appInfo ? <span>{appInfo.platform}</span> : null}
      <span className="statusbar__spacer" />
      {jobLabel ? <span data-testid="status-job">{jobLabel}</span> : null}
      {caseDir ? <PathText path={caseDir} className="statusbar__dir" /> : null}
      <span className="statusbar__note">Evidence is opened read-only</span>
    </footer>
  );
}
