import { useState } from 'react';
import type { Source } from '../../../shared/domain/source';
import { formatBytes } from '../../../shared/format/bytes';
import { Badge } from '../../components/badge';
import { EmptyState } from '../../components/empty-state';
import { PathText } from '../../components/path-text';
import { formatCount, sourceName } from '../../lib/format';
import type { FolderRow } from '../../lib/folder-tree';
import { RerunExtractionForm } from './rerun-extraction-form';

export interface SourceTreeItem {
  source: Source;
  hasFolders: boolean;
  isExpanded: boolean;
  rows: FolderRow[];
}

interface Props {
  items: SourceTreeItem[];
  totalArtifacts: number;
  selected: { sourceId: number | null; pathPrefix: string | null };
  /** False while a job runs in the case: one job at a time. */
  canRerun: boolean;
  onSelect: (sourceId: number | null, pathPrefix: string | null) => void;
  onToggleFolder: (sourceId: number, path: string) => void;
  onToggleSource: (sourceId: number) => void;
  onRerun: (sourceId: number, all: boolean) => Promise<boolean>;
}

const statusTone: Record<Source['status'], 'neutral' | 'ok' | 'warn' | 'error' | 'info'> = {
  pending: 'neutral',
  ingesting: 'info',
  ready: 'ok',
  interrupted: 'warn',
  cancelled: 'warn',
  failed: 'error',
};

export function SourceTree({ items, totalArtifacts, selected, canRerun, onSelect, onToggleFolder, onToggleSource, onRerun }: Props) {
  const [rerunSourceId, setRerunSourceId] = useState<number | null>(null);
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
        <button
          type="button"
          className={`tree__row${isAll ? ' tree__row--selected' : ''}`}
          onClick={() => onSelect(null, null)}
          data-testid="tree-all"
        >
          <span className="tree__twisty" aria-hidden="true" />
          <span className="tree__label">All artifacts</span>
          <span className="tree__count">
            {totalArtifacts === 0 && items.some((i) => i.source.status === 'ingesting') ? '…' : formatCount(totalArtifacts)}
          </span>
        </button>
      </li>
      {items.map(({ source, hasFolders, isExpanded, rows }) => {
        const isSelected = selected.sourceId === source.id && selected.pathPrefix === null;
        const name = sourceName(source.path);
        return (
          <li
            key={source.id}
            role="treeitem"
            aria-selected={isSelected}
            aria-expanded={hasFolders ? isExpanded : undefined}
            className="tree__item"
          >
            <div
              className={`tree__row tree__row--source${isSelected ? ' tree__row--selected' : ''}`}
              data-testid="tree-source"
              data-source-id={source.id}
              data-name={name}
            >
              <button
                type="button"
                className="tree__twisty"
                onClick={() => onToggleSource(source.id)}
                aria-label={isExpanded ? 'Collapse' : 'Expand'}
                disabled={!hasFolders}
                tabIndex={hasFolders ? 0 : -1}
              >
                {hasFolders ? (isExpanded ? '▾' : '▸') : ''}
              </button>
              <button type="button" className="tree__main" onClick={() => onSelect(source.id, null)} title={source.path}>
                <span className="tree__kind">{source.kind}</span>
                <span className="tree__label">{name}</span>
                <span className="tree__count" title={formatBytes(source.totalBytes)}>
                  {source.status === 'ingesting' && source.artifactCount === 0 ? '…' : formatCount(source.artifactCount)}
                </span>
              </button>
            </div>
            <div className="tree__sub">
              <PathText path={source.path} className="tree__path" />
            </div>
            <div className="tree__actions">
              {source.status !== 'ready' ? <Badge tone={statusTone[source.status]}>{source.status}</Badge> : null}
              {source.errorCount > 0 ? (
                <Badge tone="error">
                  {formatCount(source.errorCount)} {source.errorCount === 1 ? 'error' : 'errors'}
                </Badge>
              ) : null}
              <button
                type="button"
                className="btn btn--tiny tree__action"
                onClick={() => setRerunSourceId(rerunSourceId === source.id ? null : source.id)}
                disabled={!canRerun}
                aria-expanded={rerunSourceId === source.id}
                title={
                  canRerun
                    ? `Re-run metadata and text extraction on ${name}`
                    : 'A job is running in this case; re-extract when it has finished'
                }
                data-testid="source-rerun"
              >
                Re-extract…
              </button>
            </div>
            {rerunSourceId === source.id ? (
              <RerunExtractionForm
                sourceName={name}
                isDisabled={!canRerun}
                onRun={(all) => onRerun(source.id, all)}
                onClose={() => setRerunSourceId(null)}
              />
            ) : null}
            {rows.length > 0 ? (
              <ul role="group" className="tree__group">
                {rows.map(({ key, folder, sourceId, depth, isExpanded: open, isLoading }) => {
                  const active = selected.sourceId === sourceId && selected.pathPrefix === folder.path;
                  return (
                    <li
                      key={key}
                      role="treeitem"
                      aria-selected={active}
                      aria-expanded={folder.hasSubfolders ? open : undefined}
                      aria-busy={isLoading || undefined}
                      className="tree__item"
                    >
                      <div
                        className={`tree__row${active ? ' tree__row--selected' : ''}`}
                        style={{ paddingLeft: `${depth * 14}px` }}
                        data-testid="tree-folder"
                        data-prefix={folder.path}
                      >
                        <button
                          type="button"
                          className="tree__twisty"
                          onClick={() => onToggleFolder(sourceId, folder.path)}
                          aria-label={open ? 'Collapse' : 'Expand'}
                          disabled={!folder.hasSubfolders}
                          tabIndex={folder.hasSubfolders ? 0 : -1}
                          data-testid="tree-folder-toggle"
                        >
                          {folder.hasSubfolders ? (isLoading ? '…' : open ? '▾' : '▸') : ''}
                        </button>
                        <button type="button" className="tree__main" onClick={() => onSelect(sourceId, folder.path)} title={folder.path}>
                          {folder.isArchive ? <span className="tree__kind">zip</span> : null}
                          <span className="tree__label">{folder.name}</span>
                          {folder.errorCount > 0 ? (
                            <span
                              className="tree__errors"
                              title={`${formatCount(folder.errorCount)} ${folder.errorCount === 1 ? 'artifact' : 'artifacts'} with errors`}
                            >
                              {formatCount(folder.errorCount)} err
                            </span>
                          ) : null}
                          <span className="tree__count">{formatCount(folder.artifactCount)}</span>
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
    </ul>
  );
}
