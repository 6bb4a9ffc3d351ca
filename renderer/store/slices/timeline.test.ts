import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArtifactDetail } from '../../../shared/domain/artifact';
import type { TimelineEvent, TimelineQuery } from '../../../shared/domain/search';
import { connectApi } from '../../api';
import { fakeArtifact, memoryTransport } from '../../test-support/memory-transport';
import { useAppStore } from '../index';
import { TIMELINE_PAGE_SIZE } from './timeline';

const DIR = '/cases/c1';
const events: TimelineEvent[] = Array.from({ length: TIMELINE_PAGE_SIZE + 20 }, (_, i) => ({
  artifactId: (i % 3) + 1,
  path: `f/${(i % 3) + 1}.jpg`,
  field: i % 2 ? 'ExifIFD:DateTimeOriginal' : 'File:FileModifyDate',
  value: `2024-03-15T05:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
  hasOffset: true,
  utc: null,
  label: null,
}));

let fake: ReturnType<typeof memoryTransport>;
const timelineCalls = () => fake.calls.filter((c) => c.channel === 'timeline.list').map((c) => c.input as TimelineQuery);

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  fake = memoryTransport({
    'timeline.list': (q: TimelineQuery) => {
      const start = q.after ? Number(q.after.id) : 0;
      const end = start + (q.limit ?? 1000);
      const page = events.slice(start, end);
      const last = page.at(-1);
      return {
        events: page,
        next: last && end < events.length ? { key: last.value, path: last.path, field: last.field, id: String(end) } : null,
      };
    },
    'artifacts.get': ({ id }: { id: number }): ArtifactDetail => ({
      ...fakeArtifact(id, `f/${id}.jpg`),
      extraction: null,
      ocr: [],
      analysis: null,
      links: [],
      children: 0,
    }),
    'artifacts.list': () => ({ total: 0, items: [] }),
  });
  connectApi(fake.transport);
  useAppStore.setState({ activeCaseDir: DIR });
});

describe('timeline', () => {
  it('loads on first showing the tab, then pages on demand until a short page', async () => {
    useAppStore.getState().setCenterTab('timeline');
    await vi.waitFor(() => expect(useAppStore.getState().timelineEvents).toHaveLength(TIMELINE_PAGE_SIZE));
    expect(useAppStore.getState().timelineHasMore).toBe(true);
    await useAppStore.getState().loadMoreTimeline();
    expect(useAppStore.getState().timelineEvents).toHaveLength(TIMELINE_PAGE_SIZE + 20);
    expect(useAppStore.getState().timelineHasMore).toBe(false);
    await useAppStore.getState().loadMoreTimeline();
    expect(timelineCalls().map((q) => q.after?.id)).toEqual([undefined, String(TIMELINE_PAGE_SIZE)]);
    useAppStore.getState().setCenterTab('artifacts');
    useAppStore.getState().setCenterTab('timeline');
    expect(timelineCalls()).toHaveLength(2);
  });

  it('follows the folder picked in the tree, and sends the range as inclusive UTC bounds', async () => {
    useAppStore.getState().setCenterTab('timeline');
    useAppStore.getState().selectFolder(1, 'images/');
    useAppStore.getState().setTimelineRange({ from: '2024-03-15T05:00', to: '2024-03-15T05:10' });
    await vi.waitFor(() => expect(timelineCalls()).toHaveLength(3));
    expect(timelineCalls()[2]).toMatchObject({
      dir: DIR,
      sourceId: 1,
      pathPrefix: 'images/',
      from: '2024-03-15T05:00',
      to: '2024-03-15T05:10:59Z',
    });
    expect(timelineCalls()[2]).not.toHaveProperty('after');
  });

  it('marks itself stale when hidden, and reloads when shown again', async () => {
    useAppStore.getState().selectFolder(1, 'images/');
    expect(timelineCalls()).toHaveLength(0);
    expect(useAppStore.getState().isTimelineStale).toBe(true);
    useAppStore.getState().setCenterTab('timeline');
    await vi.waitFor(() => expect(timelineCalls()).toHaveLength(1));
  });

  it("moves a cursor with the keys, opening each event's artifact, and pins to the selected artifact", async () => {
    useAppStore.getState().setCenterTab('timeline');
    await vi.waitFor(() => expect(useAppStore.getState().timelineEvents.length).toBeGreaterThan(0));
    expect(useAppStore.getState().moveTimelineCursor(1)).toBe(0);
    expect(useAppStore.getState().moveTimelineCursor(1)).toBe(1);
    expect(useAppStore.getState().selectedId).toBe(2);
    await vi.waitFor(() => expect(useAppStore.getState().detailsById[2]).toBeDefined());
    useAppStore.getState().pinTimelineArtifact(true);
    expect(useAppStore.getState().timelineArtifact).toEqual({ id: 2, path: 'f/2.jpg' });
    await vi.waitFor(() => expect(timelineCalls().at(-1)).toMatchObject({ artifactId: 2 }));
    expect(timelineCalls().at(-1)).not.toHaveProperty('sourceId');
    useAppStore.getState().selectFolder(null, null);
    expect(useAppStore.getState().timelineArtifact).toBeNull();
  });

  it("shows a log's requests from one client: pinned to the log, filtered, and brought to the front", async () => {
    expect(useAppStore.getState().centerTab).toBe('artifacts');
    useAppStore.getState().showLogRequestsInTimeline({ id: 7, path: 'logs/dav.access.log' }, { country: 'CN', region: 'Jilin' });
    expect(useAppStore.getState().centerTab).toBe('timeline');
    await vi.waitFor(() => expect(timelineCalls()).toHaveLength(1));
    expect(timelineCalls()[0]).toMatchObject({ artifactId: 7, country: 'CN', region: 'Jilin' });
    useAppStore.getState().pinTimelineArtifact(false);
    await vi.waitFor(() => expect(timelineCalls()).toHaveLength(2));
    expect(timelineCalls()[1]).toMatchObject({ country: 'CN', region: 'Jilin' });
    expect(timelineCalls()[1]).not.toHaveProperty('artifactId');
    useAppStore.getState().clearTimelineLogFilter();
    await vi.waitFor(() => expect(timelineCalls()).toHaveLength(3));
    expect(timelineCalls()[2]).not.toHaveProperty('region');
  });
});
