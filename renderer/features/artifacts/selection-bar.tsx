import type { ReactNode } from 'react';
import { formatCount } from '../../lib/format';

interface Props {
  count: number;
  total: number | null;
  onTag: () => void;
  onLabel: () => void;
  onStar: () => void;
  onSelectAll: () => void;
  onClear: () => void;
  /** More bulk actions (OCR of the selection). */
  children?: ReactNode;
}

/** Bulk actions on the picked rows (shift/ctrl-click, or every row the filters match). */
export function SelectionBar({ count, total, onTag, onLabel, onStar, onSelectAll, onClear, children }: Props) {
  return (
    <div className="selbar" role="toolbar" aria-label="Selected artifacts" data-testid="selection-bar">
      <span className="selbar__count" data-testid="selection-count">
        {formatCount(count)} selected
      </span>
      <button type="button" className="btn btn--small" onClick={onTag} data-testid="bulk-tag" title="Tag the selected artifacts (t)">
        Tag…
      </button>
      <button type="button" className="btn btn--small" onClick={onLabel} data-testid="bulk-label" title="Label the selected artifacts (l)">
        Label…
      </button>
      <button type="button" className="btn btn--small" onClick={onStar} data-testid="bulk-star" title="Star or unstar them (s)">
        ★ Star / unstar
      </button>
      {children}
      {total !== null && total > count ? (
        <button type="button" className="btn btn--small" onClick={onSelectAll} data-testid="select-all-matching">
          Select all {formatCount(total)} matching
        </button>
      ) : null}
      <button type="button" className="btn btn--small btn--quiet" onClick={onClear} data-testid="clear-selection">
        Clear selection
      </button>
    </div>
  );
}
