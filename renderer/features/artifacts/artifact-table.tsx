import { useEffect, type MouseEvent } from 'react';
import type { ArtifactSortKey, ArtifactSummary } from '../../../shared/domain/artifact';
import type { Label } from '../../../shared/domain/review';
import { formatBytes } from '../../../shared/format/bytes';
import { DateCell } from '../../components/date-cell';
import { GridRow } from '../../components/grid-row';
import { GRID_HEADER_HEIGHT, useVirtualGrid } from '../../components/use-virtual-grid';
import { readableType } from '../../lib/artifact-type';
import { formatBytesExact, formatDateTimeFull, shortenHash } from '../../lib/format';
import { stageName } from '../../lib/analysis-labels';
import { ARTIFACT_COLUMNS } from './artifact-columns';
import { LanguageCell } from './language-cell';
import { ReviewCell } from './review-cell';

interface Props {
  total: number;
  rowAt: (index: number) => ArtifactSummary | undefined;
  sort: ArtifactSortKey;
  order: 'asc' | 'desc';
  selectedId: number | null;
  /** Index of the selected row, or -1 when not loaded: the table scrolls to it when it changes. */
  selectedIndex: number;
  pickedIds: ReadonlySet<number>;
  productionTitles: Record<string, string>;
  labelsById: Record<number, Label>;
  onSort: (key: ArtifactSortKey) => void;
  onClickRow: (id: number, mods: { isRange: boolean; isToggle: boolean }) => void;
  onToggleStar: (id: number) => void;
  /** Moves the selection; returns the new row index so the table can scroll to it. */
  onMove: (delta: number) => number | null;
  onActivate: () => void;
  onRangeChange: (start: number, end: number) => void;
}

const rowDomId = (id: number): string => `artifact-row-${id}`;

/** The file name and, after it, the folder it sits in: a long path gives way from its folder, never inside the name. */
function splitPath(path: string): [string, string] {
  const i = path.lastIndexOf('/');
  return i < 0 ? ['', path] : [path.slice(0, i + 1), path.slice(i + 1)];
}

export function ArtifactTable({
  total,
  rowAt,
  sort,
  order,
  selectedId,
  selectedIndex,
  pickedIds,
  productionTitles,
  labelsById,
  onSort,
  onClickRow,
  onToggleStar,
  onMove,
  onActivate,
  onRangeChange,
}: Props) {
  const { scrollRef, items, totalSize, rowTop, scrollToIndex, handleKeyDown } = useVirtualGrid({ count: total, onMove, onActivate });
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    onRangeChange(first, last);
  }, [first, last, total, onRangeChange]);

  useEffect(() => {
    if (selectedIndex >= 0) scrollToIndex(selectedIndex);
    // Only a new selection scrolls; scrolling by hand must not be pulled back to it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedIndex]);

  const handleRowMouseDown = (e: MouseEvent): void => {
    // Shift-click picks a range; without this the browser would also select the text in between.
    if (e.shiftKey) e.preventDefault();
  };

  return (
    <div
      ref={scrollRef}
      className="grid grid--artifacts"
      role="grid"
      aria-label="Artifacts"
      aria-multiselectable="true"
      aria-rowcount={total + 1}
      aria-colcount={ARTIFACT_COLUMNS.length}
      aria-activedescendant={selectedId !== null ? rowDomId(selectedId) : undefined}
      tabIndex={0}
      onKeyDown={handleKeyDown}
      data-testid="artifact-table"
      data-total={total}
      data-picked={pickedIds.size}
    >
      <div className="grid__head" role="row" aria-rowindex={1} style={{ height: GRID_HEADER_HEIGHT }}>
        {ARTIFACT_COLUMNS.map((c) => {
          const sortKey = c.sortKey;
          const isSorted = sortKey !== undefined && sortKey === sort;
          return (
            <div
              key={c.key}
              role="columnheader"
              className={`grid__hcell grid__col--${c.key}`}
              aria-sort={isSorted ? (order === 'asc' ? 'ascending' : 'descending') : sortKey ? 'none' : undefined}
              title={sortKey ? undefined : c.title}
            >
              {sortKey ? (
                <button
                  type="button"
                  className={`grid__sort${c.align === 'right' ? ' grid__sort--right' : ''}${isSorted ? ' grid__sort--active' : ''}`}
                  onClick={() => onSort(sortKey)}
                  title={`${c.title}. Click to sort.`}
                  data-testid={`sort-${sortKey}`}
                >
                  <span>{c.label}</span>
                  <span className="grid__arrow" aria-hidden="true">
                    {isSorted ? (order === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              ) : (
                <span className="grid__label">{c.label}</span>
              )}
            </div>
          );
        })}
      </div>
      <div className="grid__body" style={{ height: totalSize }}>
        {items.map((v) => {
          const a = rowAt(v.index);
          const top = rowTop(v);
          if (!a) {
            return (
              <GridRow key={`p${v.index}`} index={v.index} top={top} isPlaceholder>
                <div role="gridcell" className="grid__cell grid__col--star" />
                <div role="gridcell" className="grid__cell grid__col--path">
                  Loading…
                </div>
              </GridRow>
            );
          }
          const [folder, name] = splitPath(a.path);
          const isFocused = a.id === selectedId;
          const isPicked = pickedIds.has(a.id);
          const isDirectory = a.kind === 'directory';
          const classes = [isDirectory ? 'grid__row--dir' : '', isFocused ? 'grid__row--focus' : ''].filter(Boolean).join(' ');
          return (
            <GridRow
              key={a.id}
              id={rowDomId(a.id)}
              index={v.index}
              top={top}
              isSelected={isPicked || isFocused}
              className={classes || undefined}
              onMouseDown={handleRowMouseDown}
              onClick={(e) => onClickRow(a.id, { isRange: e.shiftKey, isToggle: e.ctrlKey || e.metaKey })}
              data-testid="artifact-row"
              data-id={a.id}
              data-path={a.path}
              data-sha256={a.sha256 ?? ''}
              data-starred={a.starred}
              data-tags={a.tags.map((t) => `${t.productionId}:${t.status}`).join(' ')}
              data-labels={a.labelIds.join(' ')}
              data-notes={a.noteCount}
            >
              <div role="gridcell" className="grid__cell grid__col--star">
                <button
                  type="button"
                  className={`rowstar${a.starred ? ' rowstar--on' : ''}`}
                  aria-label={a.starred ? `Unstar ${name}` : `Star ${name}`}
                  aria-pressed={a.starred}
                  tabIndex={-1}
                  onClick={(e) => {
                    e.stopPropagation();
                    onToggleStar(a.id);
                  }}
                >
                  {a.starred ? '★' : '☆'}
                </button>
              </div>
              <div role="gridcell" className="grid__cell grid__col--path" title={a.path}>
                {a.mismatch ? (
                  <span className="flag flag--warn" title="The file name's extension contradicts its content">
                    type?
                  </span>
                ) : null}
                {a.kind === 'symlink' ? <span className="flag">link</span> : null}
                {a.kind === 'member' ? (
                  <span className="flag" title="A member of an archive, read without extracting it">
                    zip
                  </span>
                ) : null}
                <span className="path">
                  <span className="path__name" data-testid="artifact-name">
                    {name}
                    {isDirectory ? '/' : ''}
                  </span>
                  {folder ? <span className="path__dir">{folder}</span> : null}
                </span>
              </div>
              <div role="gridcell" className="grid__cell grid__col--mime" title={a.mime ?? undefined} data-testid="artifact-type">
                {readableType(a.mime, a.kind)}
              </div>
              <div role="gridcell" className="grid__cell grid__col--language">
                {isDirectory ? null : <LanguageCell row={a} />}
              </div>
              <div role="gridcell" className="grid__cell grid__col--stage">
                {a.stage ? stageName(a.stage) : ''}
              </div>
              <div role="gridcell" className="grid__cell grid__col--review">
                <ReviewCell row={a} productionTitles={productionTitles} labelsById={labelsById} />
              </div>
              <div role="gridcell" className="grid__cell grid__col--size num" title={isDirectory ? undefined : formatBytesExact(a.size)}>
                {isDirectory ? '' : formatBytes(a.size)}
              </div>
              <div
                role="gridcell"
                className="grid__cell grid__col--mtime num"
                title={formatDateTimeFull(a.mtime)}
                data-testid="artifact-mtime"
              >
                <DateCell iso={a.mtime} />
              </div>
              <div
                role="gridcell"
                className="grid__cell grid__col--sha256 mono"
                title={a.sha256 ?? (isDirectory ? undefined : 'not hashed')}
                data-testid="artifact-sha256"
              >
                {a.sha256 ? shortenHash(a.sha256, 6, 4) : isDirectory ? '' : '—'}
              </div>
              <div role="gridcell" className={`grid__cell grid__col--status status status--${a.status}`} title={a.error ?? undefined}>
                {a.status}
              </div>
              <div
                role="gridcell"
                className="grid__cell grid__col--duplicates num"
                title={a.duplicateOf !== null ? `Same content as artifact #${a.duplicateOf}` : undefined}
              >
                {a.duplicateCount > 0 ? a.duplicateCount : ''}
              </div>
            </GridRow>
          );
        })}
      </div>
    </div>
  );
}
