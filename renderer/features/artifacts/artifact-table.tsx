import { useEffect } from 'react';
import type { ArtifactSortKey, ArtifactSummary } from '../../../shared/domain/artifact';
import { formatBytes } from '../../../shared/format/bytes';
import { GridRow } from '../../components/grid-row';
import { GRID_HEADER_HEIGHT, useVirtualGrid } from '../../components/use-virtual-grid';
import { formatBytesExact, formatDateTimeFull, parseIso, shortenHash, shortMime } from '../../lib/format';
import { ARTIFACT_COLUMNS } from './artifact-columns';

interface Props {
  total: number;
  rowAt: (index: number) => ArtifactSummary | undefined;
  sort: ArtifactSortKey;
  order: 'asc' | 'desc';
  selectedId: number | null;
  onSort: (key: ArtifactSortKey) => void;
  onSelect: (id: number) => void;
  /** Moves the selection; returns the new row index so the table can scroll to it. */
  onMove: (delta: number) => number | null;
  onActivate: () => void;
  onRangeChange: (start: number, end: number) => void;
}

const rowDomId = (id: number): string => `artifact-row-${id}`;

/** UTC is implied by the column header; other offsets are shown, and a time without any offset says `local`. */
function DateCell({ iso }: { iso: string | null }) {
  if (!iso) return <>—</>;
  const p = parseIso(iso);
  if (!p) return <>{iso}</>;
  const base = `${p.date}${p.time ? ` ${p.time}` : ''}`;
  if (p.zone === 'Z') return <>{base}</>;
  return (
    <>
      {base}
      <span className="zone">{p.zone === '' ? 'local' : p.zone}</span>
    </>
  );
}

function splitPath(path: string): [string, string] {
  const i = path.lastIndexOf('/');
  return i < 0 ? ['', path] : [path.slice(0, i + 1), path.slice(i + 1)];
}

export function ArtifactTable({ total, rowAt, sort, order, selectedId, onSort, onSelect, onMove, onActivate, onRangeChange }: Props) {
  const { scrollRef, items, totalSize, rowTop, handleKeyDown } = useVirtualGrid({ count: total, onMove, onActivate });
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    onRangeChange(first, last);
  }, [first, last, total, onRangeChange]);

  return (
    <div
      ref={scrollRef}
      className="grid"
      role="grid"
      aria-label="Artifacts"
      aria-rowcount={total + 1}
      aria-colcount={ARTIFACT_COLUMNS.length}
      aria-activedescendant={selectedId !== null ? rowDomId(selectedId) : undefined}
      tabIndex={0}
      onKeyDown={handleKeyDown}
      data-testid="artifact-table"
      data-total={total}
    >
      <div className="grid__head" role="row" aria-rowindex={1} style={{ height: GRID_HEADER_HEIGHT }}>
        {ARTIFACT_COLUMNS.map((c) => {
          const isSorted = c.key === sort;
          return (
            <div
              key={c.key}
              role="columnheader"
              className={`grid__hcell grid__col--${c.key}`}
              aria-sort={isSorted ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              <button
                type="button"
                className={`grid__sort${c.align === 'right' ? ' grid__sort--right' : ''}${isSorted ? ' grid__sort--active' : ''}`}
                onClick={() => onSort(c.key)}
                title={`${c.title}. Click to sort.`}
                data-testid={`sort-${c.key}`}
              >
                <span>{c.label}</span>
                <span className="grid__arrow" aria-hidden="true">
                  {isSorted ? (order === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
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
                <div role="gridcell" className="grid__cell grid__col--path">
                  Loading…
                </div>
              </GridRow>
            );
          }
          const [folder, name] = splitPath(a.path);
          const isSelected = a.id === selectedId;
          const isDirectory = a.kind === 'directory';
          return (
            <GridRow
              key={a.id}
              id={rowDomId(a.id)}
              index={v.index}
              top={top}
              isSelected={isSelected}
              className={isDirectory ? 'grid__row--dir' : undefined}
              onClick={() => onSelect(a.id)}
              data-testid="artifact-row"
              data-id={a.id}
              data-path={a.path}
              data-sha256={a.sha256 ?? ''}
            >
              <div role="gridcell" className="grid__cell grid__col--path" title={a.path}>
                {a.mismatch ? (
                  <span className="flag flag--warn" title="The file name's extension contradicts its content">
                    type?
                  </span>
                ) : null}
                {a.kind === 'symlink' ? <span className="flag">link</span> : null}
                <span className="path">
                  {folder ? <span className="path__dir">{folder}</span> : null}
                  <span className="path__name">
                    {name}
                    {isDirectory ? '/' : ''}
                  </span>
                </span>
              </div>
              <div role="gridcell" className="grid__cell grid__col--mime" title={a.mime ?? undefined}>
                {isDirectory ? 'folder' : shortMime(a.mime)}
              </div>
              <div role="gridcell" className="grid__cell grid__col--size num" title={isDirectory ? undefined : formatBytesExact(a.size)}>
                {isDirectory ? '' : formatBytes(a.size)}
              </div>
              <div role="gridcell" className="grid__cell grid__col--mtime num" title={formatDateTimeFull(a.mtime)}>
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
