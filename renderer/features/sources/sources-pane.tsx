import { ErrorMessage } from '../../components/error-message';
import { useAppStore, useShallow } from '../../store';
import {
  selectActiveCase,
  selectAppInfo,
  selectArtifactQuery,
  selectFolderListingTruncated,
  selectIsIngesting,
  selectSourceActions,
  selectSourceTree,
  selectSourcesRequest,
  selectStartRequest,
} from '../../store/selectors';
import { AddEvidenceForm } from '../ingest/add-evidence-form';
import { SourceTree } from './source-tree';

export function SourcesPane() {
  const items = useAppStore(selectSourceTree);
  const activeCase = useAppStore(selectActiveCase);
  const query = useAppStore(selectArtifactQuery);
  const isTruncated = useAppStore(selectFolderListingTruncated);
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
        <SourceTree
          items={items}
          totalArtifacts={items.reduce((n, i) => n + i.source.artifactCount, 0) || (activeCase?.artifactCount ?? 0)}
          selected={{ sourceId: query.sourceId, pathPrefix: query.pathPrefix }}
          isTruncated={isTruncated}
          onSelect={actions.selectFolder}
          onToggleFolder={actions.toggleFolder}
          onToggleSource={actions.toggleSource}
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
