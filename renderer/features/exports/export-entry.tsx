import { useAppStore, useShallow } from '../../store';
import { ExportDialog } from './export-dialog';
import { selectExportActions, selectExportPanel } from './selectors';
import { VerifyView } from './verify-view';
import './exports.css';

/** The case header's entry point: Export… and Verify… buttons, and the panel either opens. */
export function ExportEntry() {
  const panel = useAppStore(selectExportPanel);
  const { openExportPanel, closeExportPanel } = useAppStore(useShallow(selectExportActions));
  return (
    <>
      <button type="button" className="btn btn--ghost" onClick={() => openExportPanel('export')} data-testid="open-export">
        Export…
      </button>
      <button type="button" className="btn btn--ghost" onClick={() => openExportPanel('verify')} data-testid="open-verify">
        Verify bundle…
      </button>
      {panel === 'closed' ? null : (
        <div className="exports-overlay" role="presentation" onClick={(e) => e.target === e.currentTarget && closeExportPanel()}>
          <div
            className="exports-panel"
            role="dialog"
            aria-modal="true"
            aria-label={panel === 'export' ? 'Export a case bundle' : 'Verify a case bundle'}
          >
            {panel === 'export' ? <ExportDialog onClose={closeExportPanel} /> : <VerifyView onClose={closeExportPanel} />}
          </div>
        </div>
      )}
    </>
  );
}
