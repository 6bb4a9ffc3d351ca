export interface NavItem {
  id: string;
  label: string;
}

/** The detail pane's jump bar, in reading order; each entry scrolls its section to the top of the pane. */
export function DetailNav({ items }: { items: readonly NavItem[] }) {
  return (
    <nav className="detailnav" aria-label="Sections of the artifact">
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          className="detailnav__item"
          onClick={() => {
            const section = document.getElementById(item.id);
            if (section instanceof HTMLDetailsElement) section.open = true;
            section?.scrollIntoView({ block: 'start' });
          }}
          data-testid={`jump-${item.id.replace('detail-', '')}`}
        >
          {item.label}
        </button>
      ))}
    </nav>
  );
}
