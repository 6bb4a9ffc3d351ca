import { useAppStore, useShallow } from '../../store';
import {
  selectAppInfo,
  selectCaseActions,
  selectCreateRequest,
  selectOpenRequest,
  selectIsUpgrading,
  selectOpeningDir,
  selectPendingOpen,
  selectRecentCases,
  selectRecentRequest,
} from '../../store/selectors';
import { ExaminerDialog } from '../review/examiner-dialog';
import { CreateCaseForm } from './create-case-form';
import { OpenCaseForm } from './open-case-form';
import { RecentCasesTable } from './recent-cases-table';

export function StartScreen() {
  const appInfo = useAppStore(selectAppInfo);
  const createRequest = useAppStore(selectCreateRequest);
  const openRequest = useAppStore(selectOpenRequest);
  const openingDir = useAppStore(selectOpeningDir);
  const isUpgrading = useAppStore(selectIsUpgrading);
  const recent = useAppStore(selectRecentCases);
  const recentRequest = useAppStore(selectRecentRequest);
  const pending = useAppStore(selectPendingOpen);
  const { createCase, openCase, forgetCase, pickFolder, clearCaseErrors, confirmExaminer, cancelOpen, migrateCase } = useAppStore(
    useShallow(selectCaseActions),
  );
  const canPickFolders = appInfo?.canPickFolders ?? false;

  return (
    <div className="start" data-testid="start-screen">
      <header className="appbar">
        <span className="appbar__brand">Evidence Workbench</span>
        <span className="appbar__sep" aria-hidden="true" />
        <span className="appbar__context">Cases</span>
      </header>
      <main className="start__body">
        <div className="start__column">
          <CreateCaseForm
            canPickFolders={canPickFolders}
            isBusy={createRequest.status === 'loading'}
            error={createRequest.error}
            onPickFolder={() => pickFolder('Choose or create the case folder')}
            onSubmit={(input) => void createCase(input)}
            onClearError={clearCaseErrors}
          />
        </div>
        <div className="start__column">
          <OpenCaseForm
            canPickFolders={canPickFolders}
            isBusy={openRequest.status === 'loading'}
            isUpgrading={isUpgrading}
            error={openRequest.error}
            onPickFolder={() => pickFolder('Choose a case folder')}
            onOpen={(dir) => void openCase(dir)}
            onUpgrade={openingDir ? () => void migrateCase(openingDir) : undefined}
            onClearError={clearCaseErrors}
          />
          <RecentCasesTable
            cases={recent}
            isLoading={recentRequest.status === 'loading'}
            errorMessage={recentRequest.error?.message}
            isBusy={openRequest.status === 'loading'}
            onOpen={(dir) => void openCase(dir)}
            onForget={(dir) => void forgetCase(dir)}
          />
        </div>
      </main>
      {pending ? (
        <ExaminerDialog
          key={pending.summary.dir}
          caseName={pending.summary.name}
          initial={pending.examiner}
          isOpening
          onConfirm={confirmExaminer}
          onCancel={cancelOpen}
        />
      ) : null}
    </div>
  );
}
