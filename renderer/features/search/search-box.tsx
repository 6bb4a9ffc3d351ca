import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useAppStore, useShallow } from '../../store';
import {
  selectSearchActions,
  selectSearchFocusRequest,
  selectSearchHits,
  selectSearchRequest,
  selectSearchText,
} from '../../store/selectors';
import { SearchResults } from './search-results';

/**
 * The case's one search box: Enter filters the table to the artifacts matching the text (combined with the filters)
 * and lists the hits with their snippets; ↑ ↓ walk the hits and show each artifact, Enter keeps it, Esc closes.
 */
export function SearchBox() {
  const text = useAppStore(selectSearchText);
  const hits = useAppStore(selectSearchHits);
  const request = useAppStore(selectSearchRequest);
  const focusRequest = useAppStore(selectSearchFocusRequest);
  const actions = useAppStore(useShallow(selectSearchActions));
  const inputRef = useRef<HTMLInputElement>(null);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    if (focusRequest === 0) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusRequest]);

  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    const hit = hits?.[active];
    if (hit && active >= 0) {
      actions.selectArtifact(hit.artifactId);
      actions.closeSearch();
      setActive(-1);
      return;
    }
    setActive(-1);
    actions.submitSearch();
  };
  const handleKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (hits !== null) {
        actions.closeSearch();
        setActive(-1);
      } else {
        // A second Esc leaves the box, so the single-key shortcuts work again.
        inputRef.current?.blur();
      }
      return;
    }
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && hits && hits.length > 0) {
      e.preventDefault();
      const next = Math.min(hits.length - 1, Math.max(0, active + (e.key === 'ArrowDown' ? 1 : -1)));
      setActive(next);
      const hit = hits[next];
      if (hit) actions.selectArtifact(hit.artifactId);
    }
  };

  return (
    <form className="search" role="search" onSubmit={handleSubmit} onKeyDown={handleKeyDown} data-testid="search-form">
      <input
        ref={inputRef}
        type="search"
        className="input input--search"
        placeholder="Search text, metadata, paths  ( / )"
        aria-label="Search the case"
        value={text}
        onChange={(e) => {
          actions.setSearchText(e.target.value);
          setActive(-1);
        }}
        spellCheck={false}
        data-testid="search-input"
      />
      {hits !== null ? (
        <SearchResults
          query={text}
          hits={hits}
          activeIndex={active}
          isLoading={request.status === 'loading'}
          error={request.error}
          onSelect={(id) => {
            actions.selectArtifact(id);
            actions.closeSearch();
            setActive(-1);
          }}
          onClose={actions.closeSearch}
        />
      ) : null}
    </form>
  );
}
