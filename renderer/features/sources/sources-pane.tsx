import { ErrorMessage } from '../../components/error-message';
import { useAppStore, useShallow } from '../../store';
import {
  selectAppInfo,
  selectArtifactQuery,
  selectFolderError,
  selectIsIngesting,
  selectRerunRequest,
  selectSourceActions,
  selectSourceTree,
  selectSourcesRequest,
  selectStartRequest,
  selectTotalArtifacts,
} from '../../store/selectors';
import { AddEvidenceForm } from '../ingest/add-evidence-form';
import { SourceTree } from './source-tree';

export function SourcesPane() {
  const items = useAppStore(selectSourceTree);
  const totalArtifacts = useAppStore(selectTotalArtifacts);
  const query = useAppStore(selectArtifactQuery);
  const folderError = useAppStore(selectFolderError);
  const rerunRequest = useAppStore(selectRerunRequest);
  const sourcesRequest = useAppStore(selectSourcesRequest);
  const startRequest = useAppStore(selectStartRequest);
  const isIngesting = useAppStore(selectIsIngesting);
  const appInfo = useAppStore(selectAppInfo);
  const actions = useAppStore(useShallow(selectSourceActions));

  return (
    <aside className="pane pane--left" aria-label="Sources" data-testid="sources-pane">
      <div className="pane__head">
        <h2 className="pane__title">Sources</h2>
      </div>
      <div className="pane__scroll">
        <ErrorMessage error={sourcesRequest.error} />
        <ErrorMessage error={folderError} testId="folders-error" />
        <SourceTree
          items={items}
          totalArtifacts={totalArtifacts}
          selected={{ sourceId: query.sourceId, pathPrefix: query.pathPrefix }}
          canRerun={!isIngesting && rerunRequest.status !== 'loading'}
          onSelect={actions.selectFolder}
          onToggleFolder={actions.toggleFolder}
          onToggleSource={actions.toggleSource}
          onRerun={actions.rerunExtraction}
        />
      </div>
      <div className="pane__foot">
        <AddEvidenceForm
          canPickFolders={appInfo?.canPickFolders ?? false}
          isBusy={startRequest.status === 'loading'}
          isIngesting={isIngesting}
          error={startRequest.error}
          onPickFolder={() => actions.pickFolder('Choose an evidence folder')}
          onAdd={actions.startIngest}
          onClearError={actions.clearStartError}
        />
      </div>
    </aside>
  );
}
