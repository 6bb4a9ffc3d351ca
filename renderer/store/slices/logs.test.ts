import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogAnalysis, LogRequest, LogRequestQuery } from '../../../shared/domain/logs';
import type { TimelineQuery } from '../../../shared/domain/search';
import { connectApi } from '../../api';
import { memoryTransport } from '../../test-support/memory-transport';
import { useAppStore } from '../index';
import { selectLogView } from '../selectors';
import { LOG_REQUEST_PAGE_SIZE } from './logs';

const DIR = '/cases/c1';
const request = (i: number): LogRequest => ({
  id: i + 1,
  line: i + 1,
  at: '2024-03-18T10:00:00+09:00',
  utc: '2024-03-18T01:00:00.000Z',
  ip: i % 2 ? '36.49.8.8' : '223.100.11.2',
  method: 'GET',
  path: `/dav/f${i}`,
  status: 200,
  bytes: 1,
  referer: null,
  userAgent: null,
  country: 'CN',
  region: i % 2 ? 'Jilin' : 'Liaoning',
  city: null,
  asn: i % 2 ? 4134 : 56044,
  network: null,
});
const requests = Array.from({ length: LOG_REQUEST_PAGE_SIZE + 50 }, (_, i) => request(i));
const analysis: LogAnalysis = {
  artifactId: 7,
  path: 'logs/dav.access.log',
  format: 'combined',
  lines: requests.length,
  parsed: requests.length,
  requests: requests.length,
  clientCount: 2,
  firstAt: null,
  lastAt: null,
  listLimit: 1000,
  clients: [],
  networks: [],
  places: [],
  methods: [],
  uploads: [],
  downloads: [],
  warnings: [],
};

let fake: ReturnType<typeof memoryTransport>;
const calls = (channel: string) => fake.calls.filter((c) => c.channel === channel).map((c) => c.input);

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  fake = memoryTransport({
    'logs.summary': () => analysis,
    'logs.requests': (q: LogRequestQuery) => {
      const matching = requests.filter((r) => (q.region === undefined || r.region === q.region) && (q.ip === undefined || r.ip === q.ip));
      return { total: matching.length, items: matching.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 200)) };
    },
    'timeline.list': (_q: TimelineQuery) => ({ events: [], next: null }),
  });
  connectApi(fake.transport);
  useAppStore.setState({ activeCaseDir: DIR });
});

describe('logs slice', () => {
  it('analyses a log and pages through its requests', async () => {
    await useAppStore.getState().loadLogAnalysis(7);
    await vi.waitFor(() => expect(selectLogView(useAppStore.getState())?.requests).toHaveLength(LOG_REQUEST_PAGE_SIZE));
    expect(selectLogView(useAppStore.getState())?.analysis).toEqual(analysis);
    await useAppStore.getState().loadMoreLogRequests();
    expect(selectLogView(useAppStore.getState())?.requests).toHaveLength(requests.length);
    await useAppStore.getState().loadMoreLogRequests();
    expect(calls('logs.requests')).toHaveLength(2);
    await useAppStore.getState().loadLogAnalysis(7);
    expect(calls('logs.summary')).toHaveLength(1);
  });

  it('narrows the list to a place and shows the same requests on the timeline, pinned to the log', async () => {
    await useAppStore.getState().loadLogAnalysis(7);
    useAppStore.getState().showLogFilter({ country: 'CN', region: 'Jilin' });
    await vi.waitFor(() => expect(selectLogView(useAppStore.getState())?.requestTotal).toBe(requests.length / 2));
    expect(selectLogView(useAppStore.getState())?.requests.every((r) => r.region === 'Jilin')).toBe(true);
    expect(useAppStore.getState().centerTab).toBe('timeline');
    await vi.waitFor(() => expect(calls('timeline.list')).toHaveLength(1));
    expect(calls('timeline.list')[0]).toMatchObject({ dir: DIR, artifactId: 7, country: 'CN', region: 'Jilin' });
    useAppStore.getState().filterLogRequests({});
    await vi.waitFor(() => expect(selectLogView(useAppStore.getState())?.requestTotal).toBe(requests.length));
  });

  it('belongs to the case it was loaded in', async () => {
    await useAppStore.getState().loadLogAnalysis(7);
    useAppStore.setState({ activeCaseDir: '/cases/other' });
    expect(selectLogView(useAppStore.getState())).toBeNull();
  });
});
