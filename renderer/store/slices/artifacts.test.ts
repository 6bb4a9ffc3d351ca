import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArtifactQuery, ArtifactSummary } from '../../../shared/domain/artifact';
import type { IngestProgress } from '../../../shared/domain/ingest';
import { connectApi } from '../../api';
import { fakeArtifact, memoryTransport } from '../../test-support/memory-transport';
import { useAppStore } from '../index';
import { PAGE_SIZE, rowAt } from './artifacts';

const DIR = '/cases/c1';
const table: ArtifactSummary[] = Array.from({ length: 450 }, (_, i) => fakeArtifact(i + 1, `f/${String(i + 1).padStart(4, '0')}.txt`));

function list(q: ArtifactQuery) {
  const rows = table.filter((a) => !q.filter || a.path.includes(q.filter)).filter((a) => !q.pathPrefix || a.path.startsWith(q.pathPrefix));
  const sorted = [...rows].sort((a, b) => (q.sort === 'size' ? (a.size ?? 0) - (b.size ?? 0) : a.path.localeCompare(b.path)));
  if (q.order === 'desc') sorted.reverse();
  const offset = q.offset ?? 0;
  return { total: sorted.length, items: sorted.slice(offset, offset + (q.limit ?? 500)) };
}

let fake: ReturnType<typeof memoryTransport>;

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  fake = memoryTransport({
    'artifacts.list': list,
    'artifacts.get': ({ id }) => ({
      ...fakeArtifact(id, table[id - 1]?.path ?? 'missing'),
      extraction: null,
      ocr: [],
      analysis: null,
      links: [],
      children: 0,
    }),
  });
  connectApi(fake.transport);
  useAppStore.setState({ activeCaseDir: DIR });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('artifact paging', () => {
  it('loads only the pages covering the visible range, and the total', async () => {
    await useAppStore.getState().ensureRows(0, 40);
    let s = useAppStore.getState();
    expect(s.total).toBe(450);
    expect(Object.keys(s.pages)).toEqual(['0']);

    await useAppStore.getState().ensureRows(190, 230);
    s = useAppStore.getState();
    expect(Object.keys(s.pages).sort()).toEqual(['0', '1']);
    expect(rowAt(s.pages, 210)?.path).toBe('f/0211.txt');
    const lists = fake.calls.filter((c) => c.channel === 'artifacts.list').map((c) => (c.input as ArtifactQuery).offset);
    expect(lists).toEqual([0, PAGE_SIZE]);
  });

  it('sorts on the server and toggles the order on a second click', async () => {
    await useAppStore.getState().ensureRows(0, 40);
    useAppStore.getState().sortBy('size');
    await vi.waitFor(() => expect(rowAt(useAppStore.getState().pages, 0)?.id).toBe(1));
    useAppStore.getState().sortBy('size');
    await vi.waitFor(() => expect(rowAt(useAppStore.getState().pages, 0)?.id).toBe(450));
    expect(useAppStore.getState().query).toMatchObject({ sort: 'size', order: 'desc' });
  });

  it('drops a page that arrives after the query changed', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    fake = memoryTransport({
      'artifacts.list': async (q: ArtifactQuery) => {
        if (!q.filter) await held;
        return list(q);
      },
    });
    connectApi(fake.transport);
    const slow = useAppStore.getState().ensureRows(0, 40);
    vi.useFakeTimers();
    useAppStore.getState().setFilterText('0449');
    vi.advanceTimersByTime(500);
    vi.useRealTimers();
    await vi.waitFor(() => expect(useAppStore.getState().total).toBe(1));
    release();
    await slow;
    expect(useAppStore.getState().total).toBe(1);
    expect(rowAt(useAppStore.getState().pages, 0)?.path).toBe('f/0449.txt');
  });
});

describe('selection', () => {
  it('moves with the arrow keys through loaded rows and loads the detail', async () => {
    await useAppStore.getState().ensureRows(0, 40);
    expect(useAppStore.getState().moveSelection(1)).toBe(0);
    expect(useAppStore.getState().selectedId).toBe(1);
    useAppStore.getState().moveSelection(1);
    useAppStore.getState().moveSelection(1);
    expect(useAppStore.getState().selectedId).toBe(3);
    useAppStore.getState().moveSelection(-5);
    expect(useAppStore.getState().selectedId).toBe(1);
    await vi.waitFor(() => expect(useAppStore.getState().detailsById[1]?.path).toBe('f/0001.txt'));
  });
});

describe('ingest events', () => {
  const progress = (caseDir: string): IngestProgress => ({
    jobId: 7,
    caseDir,
    sourceId: 1,
    phase: 'hashing',
    filesDone: 10,
    filesTotal: 40,
    bytesDone: 1000,
    bytesTotal: 4000,
    filesPerSecond: 5,
    bytesPerSecond: 500,
    etaSeconds: 6,
    currentPath: 'f/0010.txt',
    errorCount: 0,
    elapsedSeconds: 2,
  });

  it('ignores progress for a case that is not open', () => {
    useAppStore.getState().applyIngestProgress(progress('/cases/other'));
    expect(useAppStore.getState().currentJobId).toBeNull();
  });

  it('shows progress for the open case and refreshes the table, throttled', async () => {
    vi.useFakeTimers();
    await useAppStore.getState().ensureRows(0, 40);
    const before = fake.calls.length;
    for (let i = 0; i < 20; i += 1) useAppStore.getState().applyIngestProgress(progress(DIR));
    expect(useAppStore.getState().currentJobId).toBe(7);
    expect(useAppStore.getState().progressByJob[7]?.filesDone).toBe(10);
    vi.advanceTimersByTime(1000);
    const refreshes = fake.calls
      .slice(before)
      .filter((c) => c.channel === 'artifacts.list' && (c.input as ArtifactQuery).limit === PAGE_SIZE);
    expect(refreshes).toHaveLength(1);
  });
});
