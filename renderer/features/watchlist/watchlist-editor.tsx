import { useRef, useState, type ChangeEvent } from 'react';
import type { ProductionSummary } from '../../../shared/domain/review';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog } from '../../components/dialog';
import { ErrorMessage } from '../../components/error-message';
import { formatCount } from '../../lib/format';
import { useAppStore, useShallow } from '../../store';
import { selectProductions, selectProductionsRequest, selectWatchlistActions, selectWatchlistRequest } from '../../store/selectors';
import { ReferenceImages } from '../visual/reference-images';
import { ProductionForm } from './production-form';

/** The case's watchlist: the productions suggestions are matched against. Saving one matches every artifact again. */
export function WatchlistEditor() {
  const productions = useAppStore(selectProductions);
  const request = useAppStore(selectProductionsRequest);
  const saving = useAppStore(selectWatchlistRequest);
  const actions = useAppStore(useShallow(selectWatchlistActions));
  const [editing, setEditing] = useState<ProductionSummary | 'new' | null>(null);
  const [removing, setRemoving] = useState<ProductionSummary | null>(null);
  const [isReplacing, setIsReplacing] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const handleImport = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) await actions.importWatchlist(await file.text(), isReplacing);
  };
  const handleExport = async (): Promise<void> => {
    const json = await actions.exportWatchlist();
    if (!json) return;
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `watchlist-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const showArtifacts = (filter: { production?: string; suggested?: string }): void => {
    actions.setFilters({ production: undefined, suggested: undefined, ...filter });
    actions.setCenterTab('artifacts');
  };

  return (
    <section className="watchlist" aria-label="Watchlist" data-testid="watchlist">
      <div className="toolbar">
        <button type="button" className="btn btn--small btn--primary" onClick={() => setEditing('new')} data-testid="add-production">
          + Production
        </button>
        <span className="toolbar__spacer" />
        <label className="check">
          <input type="checkbox" checked={isReplacing} onChange={(e) => setIsReplacing(e.target.checked)} /> Import replaces the list
        </label>
        <button type="button" className="btn btn--small" onClick={() => fileRef.current?.click()}>
          Import JSON…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept="application/json,.json"
          hidden
          onChange={(e) => void handleImport(e)}
          data-testid="import-watchlist"
        />
        <button type="button" className="btn btn--small" onClick={() => void handleExport()} data-testid="export-watchlist">
          Export JSON
        </button>
      </div>
      <ErrorMessage error={request.error} />
      <div className="watchlist__scroll">
        <table className="table watchlist__table">
          <thead>
            <tr>
              <th scope="col">Production</th>
              <th scope="col">Aliases</th>
              <th scope="col">Networks · studios</th>
              <th scope="col" className="num">
                Suggested
              </th>
              <th scope="col" className="num">
                Tagged
              </th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {productions.map((p) => (
              <tr key={p.id} data-testid="production-row" data-id={p.id}>
                <td>
                  <strong>{p.title}</strong>
                  {p.notes ? <div className="muted small">{p.notes}</div> : null}
                  <ReferenceImages productionId={p.id} />
                </td>
                <td className="watchlist__aliases">
                  {p.aliases.map((a) => (
                    <span
                      key={`${a.text}${a.lang}`}
                      className="alias"
                      title={`${a.kind}, ${a.lang}${a.generic ? ', common word' : ''}`}
                      lang={a.lang}
                    >
                      {a.text}
                      <span className="alias__lang">{a.lang}</span>
                    </span>
                  ))}
                </td>
                <td className="small">{[...p.networks, ...p.studios].join(' · ') || '—'}</td>
                <td className="num">
                  {p.openSuggestions > 0 ? (
                    <button
                      type="button"
                      className="link"
                      onClick={() => showArtifacts({ suggested: p.id })}
                      title="Show the artifacts with an open suggestion"
                    >
                      {formatCount(p.openSuggestions)}
                    </button>
                  ) : (
                    '0'
                  )}
                </td>
                <td className="num">
                  {p.tagged > 0 ? (
                    <button
                      type="button"
                      className="link"
                      onClick={() => showArtifacts({ production: p.id })}
                      title="Show the tagged artifacts"
                    >
                      {formatCount(p.tagged)}
                    </button>
                  ) : (
                    '0'
                  )}
                </td>
                <td className="nowrap">
                  <button type="button" className="btn btn--tiny" onClick={() => setEditing(p)}>
                    Edit
                  </button>{' '}
                  <button type="button" className="btn btn--tiny" onClick={() => setRemoving(p)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing ? (
        <Dialog title={editing === 'new' ? 'Add a production' : 'Edit the production'} onClose={() => setEditing(null)} size="wide">
          <ProductionForm
            production={editing === 'new' ? null : editing}
            isBusy={saving.status === 'loading'}
            onCancel={() => setEditing(null)}
            onSave={(input) => {
              void actions.saveProduction(input).then((ok) => ok && setEditing(null));
            }}
          />
        </Dialog>
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing.title}?`}
          confirmLabel="Remove"
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            void actions.removeProduction(removing.id);
            setRemoving(null);
          }}
        >
          Its open suggestions go; the {removing.tagged} tag{removing.tagged === 1 ? '' : 's'} analysts made stay. Undo brings it back.
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
