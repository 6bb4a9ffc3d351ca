import { useAppStore, useShallow } from '../../store';
import { selectFilterActions, selectSavedSearches } from '../../store/selectors';

/** Searches saved in the case by any examiner: one click shows that view again. */
export function SavedSearches() {
  const searches = useAppStore(selectSavedSearches);
  const actions = useAppStore(useShallow(selectFilterActions));
  return (
    <section className="saved" aria-labelledby="saved-title" data-testid="saved-searches">
      <div className="pane__head">
        <h2 className="pane__title" id="saved-title">
          Saved searches
        </h2>
        <button
          type="button"
          className="btn btn--tiny pane__action"
          onClick={() => actions.openDialog('save-search')}
          title="Save the current search and filters"
        >
          Save…
        </button>
      </div>
      {searches.length === 0 ? (
        <p className="muted saved__empty">Filter the table, then save the view here to come back to it.</p>
      ) : (
        <ul className="saved__list">
          {searches.map((s) => (
            <li key={s.id} className="saved__item">
              <button
                type="button"
                className="saved__open"
                onClick={() => actions.applySavedSearch(s)}
                title={`Saved by ${s.examiner}`}
                data-testid="saved-search"
              >
                {s.name}
              </button>
              <button
                type="button"
                className="saved__remove"
                onClick={() => void actions.removeSearch(s)}
                aria-label={`Remove the saved search ${s.name}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
