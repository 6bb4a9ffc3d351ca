import type { Source } from '../../../shared/domain/source';
import { Badge } from '../../components/badge';
import { EmptyState } from '../../components/empty-state';
import { PathText } from '../../components/path-text';
import { formatBytes, formatCount } from '../../lib/format';
import type { FolderNode, FolderRow } from '../../lib/folder-tree';

export interface SourceTreeItem {
  source: Source;
  root: FolderNode | null;
  isExpanded: boolean;
  rows: FolderRow[];
}

interface Props {
  items: SourceTreeItem[];
  totalArtifacts: number;
  selected: { sourceId: number | null; pathPrefix: string | null };
  isTruncated: boolean;
  onSelect: (sourceId: number | null, pathPrefix: string | null) => void;
  onToggleFolder: (key: string) => void;
  onToggleSource: (sourceId: number) => void;
}

const statusTone: Record<Source['status'], 'neutral' | 'ok' | 'warn' | 'error' | 'info'> = {
  pending: 'neutral',
  ingesting: 'info',
  ready: 'ok',
  interrupted: 'warn',
  cancelled: 'warn',
  failed: 'error',
};

const baseName = (p: string): string => p.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || p;

export function SourceTree({ items, totalArtifacts, selected, isTruncated, onSelect, onToggleFolder, onToggleSource }: Props) {
  if (items.length === 0) {
    return (
      <EmptyState title="No evidence yet" testId="sources-empty">
        Add an evidence folder below. Files are read, hashed and catalogued; nothing in the evidence is changed.
      </EmptyState>
    );
  }
  const isAll = selected.sourceId === null && selected.pathPrefix === null;
  return (
    <ul className="tree" role="tree" aria-label="Sources and folders" data-testid="source-tree">
      <li role="treeitem" aria-selected={isAll} className="tree__item">
        <button type="button" className={`tree__row${isAll ? ' tree__row--selected' : ''}`} onClick={() => onSelect(null, null)} data-testid="tree-all">
          <span className="tree__twisty" aria-hidden="true" />
          <span className="tree__label">All artifacts</span>
          <span className="tree__count">{totalArtifacts === 0 && items.some((i) => i.source.status === 'ingesting') ? '…' : formatCount(totalArtifacts)}</span>
        </button>
      </li>
      {items.map(({ source, root, isExpanded, rows }) => {
        const isSelected = selected.sourceId === source.id && selected.pathPrefix === null;
        const hasChildren = (root?.children.length ?? 0) > 0;
        return (
          <li key={source.id} role="treeitem" aria-selected={isSelected} aria-expanded={hasChildren ? isExpanded : undefined} className="tree__item">
            <div className={`tree__row tree__row--source${isSelected ? ' tree__row--selected' : ''}`} data-testid="tree-source" data-source-id={source.id}>
              <button type="button" className="tree__twisty" onClick={() => onToggleSource(source.id)} aria-label={isExpanded ? 'Collapse' : 'Expand'} disabled={!hasChildren} tabIndex={hasChildren ? 0 : -1}>
                {hasChildren ? (isExpanded ? '▾' : '▸') : ''}
              </button>
              <button type="button" className="tree__main" onClick={() => onSelect(source.id, null)} title={source.path}>
                <span className="tree__kind">{source.kind}</span>
                <span className="tree__label">{baseName(source.path)}</span>
                <span className="tree__count" title={formatBytes(source.totalBytes)}>
                  {source.status === 'ingesting' && source.artifactCount === 0 ? '…' : formatCount(source.artifactCount)}
                </span>
              </button>
            </div>
            <div className="tree__sub">
              <PathText path={source.path} className="tree__path" />
              {source.status !== 'ready' ? <Badge tone={statusTone[source.status]}>{source.status}</Badge> : null}
              {source.errorCount > 0 ? <Badge tone="error">{formatCount(source.errorCount)} {source.errorCount === 1 ? 'error' : 'errors'}</Badge> : null}
            </div>
            {rows.length > 0 ? (
              <ul role="group" className="tree__group">
                {rows.map(({ node, depth, isExpanded: open }) => {
                  const active = selected.sourceId === node.sourceId && selected.pathPrefix === node.prefix;
                  return (
                    <li key={node.key} role="treeitem" aria-selected={active} aria-expanded={node.children.length > 0 ? open : undefined} className="tree__item">
                      <div className={`tree__row${active ? ' tree__row--selected' : ''}`} style={{ paddingLeft: `${depth * 14}px` }} data-testid="tree-folder" data-prefix={node.prefix}>
                        <button
                          type="button"
                          className="tree__twisty"
                          onClick={() => onToggleFolder(node.key)}
                          aria-label={open ? 'Collapse' : 'Expand'}
                          disabled={node.children.length === 0}
                          tabIndex={node.children.length > 0 ? 0 : -1}
                        >
                          {node.children.length > 0 ? (open ? '▾' : '▸') : ''}
                        </button>
                        <button type="button" className="tree__main" onClick={() => onSelect(node.sourceId, node.prefix)} title={node.prefix}>
                          {node.isArchive ? <span className="tree__kind">zip</span> : null}
                          <span className="tree__label">{node.name}</span>
                          <span className="tree__count">{formatCount(node.count)}</span>
                        </button>
                      </div>
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </li>
        );
      })}
      {isTruncated ? <li className="tree__note">Folder list shows the first 100,000 artifacts.</li> : null}
    </ul>
  );
}
