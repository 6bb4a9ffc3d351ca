import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArtifactQuery } from '../../shared/domain/artifact';
import type { CaseSummary } from '../../shared/domain/case';
import { connectApi } from '../api';
import { decodeView, encodeView } from '../lib/view-state';
import { rememberExaminer } from '../lib/prefs';
import { memoryTransport } from '../test-support/memory-transport';
import { useAppStore } from './index';
import { viewFromUrl, wireUrlSync } from './url-sync';

const summary: CaseSummary = {
  id: 'c1',
  dir: '/cases/원화',
  name: 'Leak',
  examiner: 'Case Owner',
  description: 'Exposed server export',
  createdAt: '2024-03-20T00:00:00Z',
  schemaVersion: 4,
  readOnly: false,
  readOnlyReason: null,
  importedFrom: null,
  sourceCount: 1,
  artifactCount: 3,
  totalBytes: 10,
};

let fake: ReturnType<typeof memoryTransport>;

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  localStorage.clear();
  window.history.replaceState(null, '', '/');
  fake = memoryTransport({
    'app.info': () => ({ version: '0.1.0', host: 'web', platform: 'linux', canPickFolders: false }),
    'cases.recent': () => [],
    'cases.open': () => summary,
    'sources.list': () => [],
    'ingest.jobs': () => [],
    'artifacts.list': () => ({ total: 0, items: [] }),
    'productions.list': () => [],
    'labels.list': () => [],
    'searches.list': () => [],
    'notes.case': () => [],
    'review.status': () => ({ done: null, canUndo: false, canRedo: false }),
    'review.get': ({ artifactId }) => ({
      artifactId,
      starred: false,
      tags: [],
      labels: [],
      notes: [],
      annotations: [],
      suggestions: [],
      translations: [],
    }),
    'artifacts.get': () => {
      throw new Error('not needed');
    },
    'search.locate': () => ({ text: [], pages: [], capped: false }),
  });
  connectApi(fake.transport);
});

const lists = (): ArtifactQuery[] => fake.calls.filter((c) => c.channel === 'artifacts.list').map((c) => c.input as ArtifactQuery);

describe('opening a case', () => {
  it('asks for the examiner first, prefilled with the case examiner, then enters as the one chosen and remembers it', async () => {
    await useAppStore.getState().openCase(summary.dir);
    expect(useAppStore.getState().activeCaseDir).toBeNull();
    expect(useAppStore.getState().pendingOpen?.examiner).toBe('Case Owner');
    useAppStore.getState().confirmExaminer('  김철수 ');
    expect(useAppStore.getState()).toMatchObject({ activeCaseDir: summary.dir, examiner: '김철수', pendingOpen: null });
    useAppStore.getState().closeCase();
    await useAppStore.getState().openCase(summary.dir);
    expect(useAppStore.getState().pendingOpen?.examiner).toBe('김철수');
  });
});

describe('view in the URL', () => {
  it('reloads straight into the view the URL names, as the examiner this browser remembers', async () => {
    rememberExaminer(summary.dir, '김철수');
    window.location.hash = encodeView({
      dir: summary.dir,
      sort: 'mtime',
      order: 'desc',
      filter: '',
      sourceId: null,
      pathPrefix: null,
      filters: { search: '原画', labelId: 3 },
      selectedId: 7,
      tab: 'artifacts',
    });
    await useAppStore.getState().boot(viewFromUrl());
    expect(useAppStore.getState()).toMatchObject({ activeCaseDir: summary.dir, examiner: '김철수', selectedId: 7, searchText: '原画' });
    await vi.waitFor(() => expect(lists().at(-1)).toMatchObject({ search: '原画', labelId: 3, sort: 'mtime', order: 'desc' }));
  });

  it('writes the open view into the fragment as it changes, and clears it when the case closes', async () => {
    wireUrlSync();
    rememberExaminer(summary.dir, 'E');
    await useAppStore.getState().openCase(summary.dir, { isRestoring: true });
    useAppStore.getState().setFilters({ starred: true, language: 'ko' });
    useAppStore.getState().setCenterTab('case');
    const view = decodeView(window.location.hash);
    expect(view).toMatchObject({ dir: summary.dir, filters: { starred: true, language: 'ko' }, tab: 'case' });
    useAppStore.getState().closeCase();
    expect(window.location.hash).toBe('');
  });
});
