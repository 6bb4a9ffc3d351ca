import { useMemo, useState } from 'react';
import type { ProjectItem, RecordedPath, Timesheet, TimesheetTrack, WorkLayer, WorkStructure } from '../../../shared/domain/extraction';
import { formatCount } from '../../lib/format';
import './structure.css';

/** Rows rendered at first and added per "show more": a 5,000-layer tree stays responsive when it opens. */
const ROW_STEP = 200;
/** Groups this deep and deeper start collapsed; the top of the stack is what an analyst reads first. */
const OPEN_DEPTH = 2;
/** Exposure changes shown per track before "+N more". */
const CELL_STEP = 50;
/** Blend modes that change nothing (a group's pass-through, OpenRaster's src-over): not worth a mark. */
const PLAIN_BLENDS = new Set(['normal', 'pass through', 'src over']);

const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

function countLayers(layers: readonly WorkLayer[]): number {
  let n = 0;
  for (const l of layers) n += 1 + (l.children ? countLayers(l.children) : 0);
  return n;
}

/** What the section header says: the application and how much the file holds. */
export function structureSummary(s: WorkStructure): string {
  const parts = [s.format];
  if (s.layers?.length) parts.push(plural(countLayers(s.layers), 'layer'));
  if (s.timesheets?.length) parts.push(plural(s.timesheets.length, 'timesheet'));
  if (s.items?.length) parts.push(plural(s.items.length, 'item'));
  if (s.paths?.length) parts.push(plural(s.paths.length, 'path'));
  return parts.join(' · ');
}

/** How many of `total` rows to render, and a button for the next batch. */
function useShown(total: number, step: number): [number, () => void] {
  const [shown, setShown] = useState(step);
  return [Math.min(shown, total), () => setShown((n) => n + step)];
}

function ShowMore({ shown, total, step, onMore, what }: { shown: number; total: number; step: number; onMore: () => void; what: string }) {
  if (shown >= total) return null;
  const rest = total - shown;
  return (
    <button type="button" className="btn btn--tiny show-more" onClick={onMore} data-testid="structure-more">
      Show {formatCount(Math.min(step, rest))} more {what} ({formatCount(rest)} not shown)
    </button>
  );
}

interface LayerRow {
  /** Position in the tree (`0.2.1`): stable while the structure is, and unique, unlike names. */
  key: string;
  layer: WorkLayer;
  depth: number;
  isOpen: boolean;
  /** The layer or a group holding it is hidden: the application does not draw it either. */
  isDimmed: boolean;
}

/** The rows a reader sees: depth first, entering only the groups that are open. */
function visibleRows(layers: readonly WorkLayer[], toggled: ReadonlySet<string>): LayerRow[] {
  const rows: LayerRow[] = [];
  const walk = (list: readonly WorkLayer[], depth: number, prefix: string, isDimmed: boolean): void => {
    list.forEach((layer, i) => {
      const key = prefix === '' ? String(i) : `${prefix}.${i}`;
      const hasChildren = (layer.children?.length ?? 0) > 0;
      const isOpenByDefault = depth < OPEN_DEPTH;
      // Toggling flips the default, so one set remembers both the groups opened deep down and those closed on top.
      const isOpen = hasChildren && isOpenByDefault !== toggled.has(key);
      const dim = isDimmed || layer.visible === false;
      rows.push({ key, layer, depth, isOpen, isDimmed: dim });
      if (isOpen && layer.children) walk(layer.children, depth + 1, key, dim);
    });
  };
  walk(layers, 0, '', false);
  return rows;
}

function LayerLine({ row, onToggle }: { row: LayerRow; onToggle: (key: string) => void }) {
  const { layer, depth, isOpen } = row;
  const childCount = layer.children?.length ?? 0;
  const blend = layer.blendMode && !PLAIN_BLENDS.has(layer.blendMode.toLowerCase()) ? layer.blendMode : null;
  const opacity = layer.opacity !== undefined && layer.opacity < 1 ? `${Math.round(layer.opacity * 100)}%` : null;
  const name = layer.name === '' ? <span className="muted">(unnamed)</span> : <bdi>{layer.name}</bdi>;
  return (
    <li
      className={`structure-layer${row.isDimmed ? ' structure-layer--hidden' : ''}`}
      style={{ paddingLeft: depth * 16 }}
      data-testid="structure-layer"
      data-depth={depth}
    >
      <div className="structure-layer__line">
        {childCount > 0 ? (
          <button
            type="button"
            className="structure-layer__toggle"
            aria-expanded={isOpen}
            aria-label={`${isOpen ? 'Collapse' : 'Expand'} ${layer.name || 'group'}`}
            onClick={() => onToggle(row.key)}
          >
            {isOpen ? '▾' : '▸'}
          </button>
        ) : (
          <span className="structure-layer__toggle" aria-hidden="true" />
        )}
        <span className="structure-layer__name" data-testid="structure-layer-name">
          {name}
        </span>
        {layer.kind ? <span className="structure-layer__kind">{layer.kind}</span> : null}
        {childCount > 0 && !isOpen ? <span className="muted small">{plural(childCount, 'layer')}</span> : null}
        {layer.visible === false ? <span className="structure-mark">hidden</span> : null}
        {blend || opacity ? (
          <span className="structure-mark structure-mark--blend">{[blend, opacity].filter(Boolean).join(' · ')}</span>
        ) : null}
      </div>
      {layer.text !== undefined ? (
        <div className="structure-layer__text" data-testid="structure-layer-text">
          “<bdi>{layer.text}</bdi>”
        </div>
      ) : null}
      {layer.fonts?.length ? <div className="structure-layer__extra muted">Fonts: {layer.fonts.join(', ')}</div> : null}
      {layer.source ? (
        <div className="structure-layer__extra">
          <span className="muted">Source: </span>
          <bdi className="mono wrap">{layer.source}</bdi>
        </div>
      ) : null}
    </li>
  );
}

function LayerTree({ layers }: { layers: readonly WorkLayer[] }) {
  const [toggled, setToggled] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => visibleRows(layers, toggled), [layers, toggled]);
  const [shown, showMore] = useShown(rows.length, ROW_STEP);
  const handleToggle = (key: string): void =>
    setToggled((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  return (
    <>
      <ul className="structure-layers" data-testid="structure-layers">
        {rows.slice(0, shown).map((row) => (
          <LayerLine key={row.key} row={row} onToggle={handleToggle} />
        ))}
      </ul>
      <ShowMore shown={shown} total={rows.length} step={ROW_STEP} onMore={showMore} what="layers" />
    </>
  );
}

function TrackCells({ track }: { track: TimesheetTrack }) {
  const [isAll, setAll] = useState(false);
  const cells = isAll ? track.cells : track.cells.slice(0, CELL_STEP);
  const rest = track.cells.length - cells.length;
  return (
    <div className="structure-cells">
      {cells.map((c, i) => (
        <span key={i} className="structure-cell mono" data-testid="structure-cell">
          {c.frame}→<bdi>{c.value}</bdi>
        </span>
      ))}
      {rest > 0 ? (
        <button
          type="button"
          className="btn btn--tiny"
          onClick={() => setAll(true)}
          aria-label={`Show ${formatCount(rest)} more exposure changes of ${track.name}`}
        >
          +{formatCount(rest)} more
        </button>
      ) : null}
    </div>
  );
}

function TimesheetView({ sheet, index }: { sheet: Timesheet; index: number }) {
  const facts = [
    sheet.frames !== undefined ? plural(sheet.frames, 'frame') : null,
    sheet.frameRate !== undefined ? `${sheet.frameRate} fps` : null,
    sheet.frames !== undefined && sheet.frameRate ? `${(sheet.frames / sheet.frameRate).toFixed(1)} s` : null,
    plural(sheet.tracks.length, 'track'),
  ].filter(Boolean);
  return (
    <div className="structure-sheet" data-testid="structure-timesheet">
      <div className="structure-sheet__head">
        <span className="structure-sheet__name">{sheet.name ? <bdi>{sheet.name}</bdi> : `Timesheet ${index + 1}`}</span>
        <span className="muted small">{facts.join(' · ')}</span>
      </div>
      {sheet.tracks.length > 0 ? (
        <div className="hscroll">
          <table className="table table--compact structure-table">
            <thead>
              <tr>
                <th scope="col">Track</th>
                <th scope="col">Field</th>
                <th scope="col" title="Frames count from 0; only the frames where the exposure changes are listed, as on paper">
                  Exposure changes (frame→cell)
                </th>
              </tr>
            </thead>
            <tbody>
              {sheet.tracks.map((t, i) => (
                <tr key={i} data-testid="structure-track">
                  <td className="structure-table__name">
                    <bdi>{t.name}</bdi>
                  </td>
                  <td className="muted">{t.field ?? '—'}</td>
                  <td>{t.cells.length > 0 ? <TrackCells track={t} /> : <span className="muted">no cells</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Kind, name, parent and detail on one row, the item's path on a row of its own below: a recorded path is long, and
 * a fifth column would crush it (or push parent and detail out of sight) in a detail pane a few hundred pixels wide.
 */
function ItemTable({ items }: { items: readonly ProjectItem[] }) {
  const [shown, showMore] = useShown(items.length, ROW_STEP);
  return (
    <>
      <table className="table table--compact structure-table" data-testid="structure-items">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Name</th>
            <th scope="col">Parent</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        {items.slice(0, shown).map((item, i) => (
          <tbody key={i} data-testid="structure-item">
            <tr className={item.path ? 'structure-table__item--with-path' : undefined}>
              <td className="muted nowrap">{item.kind}</td>
              <td className="structure-table__name">
                <bdi>{item.name}</bdi>
              </td>
              <td className="structure-table__name">{item.parent ? <bdi>{item.parent}</bdi> : null}</td>
              <td className="muted structure-table__name">{item.detail}</td>
            </tr>
            {item.path ? (
              <tr className="structure-table__pathrow">
                <th scope="row" className="muted">
                  path
                </th>
                <td colSpan={3} className="mono wrap" data-testid="structure-item-path">
                  <bdi>{item.path}</bdi>
                </td>
              </tr>
            ) : null}
          </tbody>
        ))}
      </table>
      <ShowMore shown={shown} total={items.length} step={ROW_STEP} onMore={showMore} what="items" />
    </>
  );
}

function PathChip({ label, value }: { label: string; value: string }) {
  return (
    <span className="structure-chip" data-testid={`structure-chip-${label}`}>
      <span className="structure-chip__key">{label}</span>
      <bdi>{value}</bdi>
    </span>
  );
}

/** One recorded path as text (never a link: nothing in a work file is followed), then the parts that point at someone. */
function PathLine({ path: p }: { path: RecordedPath }) {
  return (
    <li className="structure-path" data-testid="structure-path">
      <div className="structure-path__line">
        <bdi className="mono wrap" data-testid="structure-path-text">
          {p.path}
        </bdi>
        <span className="muted small">{p.where}</span>
      </div>
      <div className="structure-path__chips">
        {p.host ? <PathChip label="host" value={p.host} /> : null}
        {p.drive ? <PathChip label="drive" value={p.drive} /> : null}
        {p.user ? <PathChip label="user" value={p.user} /> : null}
        {p.folders.map((f, i) =>
          // `.` and `..` of a relative path say where the file sat, not whose it was.
          f === '.' || f === '..' ? null : <PathChip key={i} label="folder" value={f} />,
        )}
      </div>
    </li>
  );
}

function PathList({ paths }: { paths: readonly RecordedPath[] }) {
  const [shown, showMore] = useShown(paths.length, ROW_STEP);
  return (
    <>
      <ul className="structure-paths" data-testid="structure-paths">
        {paths.slice(0, shown).map((p, i) => (
          <PathLine key={i} path={p} />
        ))}
      </ul>
      <ShowMore shown={shown} total={paths.length} step={ROW_STEP} onMore={showMore} what="paths" />
    </>
  );
}

/**
 * The inside of a work file as its application shows it: the layer tree, timesheets, project items and the file
 * paths it recorded. Names are evidence of who made the file and for which show, so every one is shown as read.
 */
export function StructureView({ structure: s }: { structure: WorkStructure }) {
  const isEmpty = !s.layers?.length && !s.timesheets?.length && !s.items?.length && !s.paths?.length;
  return (
    <div className="structure">
      {s.truncated ? (
        <p className="structure-note" role="note" data-testid="structure-truncated">
          The file holds more than the workbench keeps; what follows is its beginning.
        </p>
      ) : null}
      {isEmpty ? <p className="muted">The file was read, but it holds no layers, timesheets, items or paths.</p> : null}
      {s.layers?.length ? (
        <>
          <h4 className="subhead">Layers</h4>
          <LayerTree layers={s.layers} />
        </>
      ) : null}
      {s.timesheets?.length ? (
        <>
          <h4 className="subhead">Timesheets</h4>
          {s.timesheets.map((sheet, i) => (
            <TimesheetView key={i} sheet={sheet} index={i} />
          ))}
        </>
      ) : null}
      {s.items?.length ? (
        <>
          <h4 className="subhead">Project items</h4>
          <ItemTable items={s.items} />
        </>
      ) : null}
      {s.paths?.length ? (
        <>
          <h4 className="subhead">Recorded paths</h4>
          <PathList paths={s.paths} />
        </>
      ) : null}
    </div>
  );
}
