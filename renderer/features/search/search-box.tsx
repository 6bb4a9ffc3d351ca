import type { FormEvent, KeyboardEvent } from 'react';
import { useAppStore, useShallow } from '../../store';
import { selectSearchActions, selectSearchHits, selectSearchRequest, selectSearchText } from '../../store/selectors';
import { SearchResults } from './search-results';

export function SearchBox() {
  const text = useAppStore(selectSearchText);
  const hits = useAppStore(selectSearchHits);
  const request = useAppStore(selectSearchRequest);
  const actions = useAppStore(useShallow(selectSearchActions));

  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void actions.runSearch();
  };
  const handleKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') actions.closeSearch();
  };

  return (
    <form className="search" role="search" onSubmit={handleSubmit} onKeyDown={handleKeyDown} data-testid="search-form">
      <input
        type="search"
        className="input input--search"
        placeholder="Search text, metadata, paths"
        aria-label="Search the case"
        value={text}
        onChange={(e) => actions.setSearchText(e.target.value)}
        spellCheck={false}
        data-testid="search-input"
      />
      {hits !== null ? (
        <SearchResults
          query={text}
          hits={hits}
          isLoading={request.status === 'loading'}
          error={request.error}
          onSelect={(id) => {
            actions.selectArtifact(id);
            actions.closeSearch();
          }}
          onClose={actions.closeSearch}
        />
      ) : null}
    </form>
  );
}
