import { useRef, type KeyboardEvent } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

interface Props<T extends string> {
  tabs: readonly TabItem<T>[];
  selected: T;
  /** Names the tab list for screen readers. */
  label: string;
  /** Prefix of the tab and panel element ids; the panel is `<idPrefix>-panel-<id>`. */
  idPrefix: string;
  onSelect: (id: T) => void;
}

export const tabId = (idPrefix: string, id: string): string => `${idPrefix}-tab-${id}`;
export const tabPanelId = (idPrefix: string, id: string): string => `${idPrefix}-panel-${id}`;

/** WAI-ARIA tabs with automatic activation: one tab stop, arrow keys and Home/End move between tabs. */
export function Tabs<T extends string>({ tabs, selected, label, idPrefix, onSelect }: Props<T>) {
  const listRef = useRef<HTMLDivElement>(null);

  const handleKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const at = tabs.findIndex((t) => t.id === selected);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    const next = tabs[(target + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    listRef.current?.querySelector<HTMLButtonElement>(`#${CSS.escape(tabId(idPrefix, next.id))}`)?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label={label} ref={listRef} onKeyDown={handleKeyDown}>
      {tabs.map((t) => {
        const isSelected = t.id === selected;
        return (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={tabId(idPrefix, t.id)}
            className={`tabs__tab${isSelected ? ' tabs__tab--selected' : ''}`}
            aria-selected={isSelected}
            aria-controls={tabPanelId(idPrefix, t.id)}
            tabIndex={isSelected ? 0 : -1}
            onClick={() => onSelect(t.id)}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}
