import { beforeEach, describe, expect, it } from 'vitest';
import type { Watchlist } from '../../../shared/domain/analysis';
import { connectApi } from '../../api';
import { memoryTransport } from '../../test-support/memory-transport';
import { useAppStore } from '../index';

const watchlist: Watchlist = {
  version: '2024-03-20',
  notes: '',
  productions: [
    {
      id: 'invincible',
      title: 'Invincible',
      aliases: [{ text: '인빈서블', lang: 'ko', kind: 'title' }],
      networks: ['Prime Video'],
      studios: [],
      notes: '',
    },
  ],
};

let fake: ReturnType<typeof memoryTransport>;

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  fake = memoryTransport({
    'productions.import': (input) => input.watchlist.productions.map((p) => ({ ...p, openSuggestions: 0, tagged: 0 })),
    'productions.export': () => watchlist,
    'productions.list': () => [],
    'review.status': () => ({ done: null, canUndo: true, canRedo: false }),
  });
  connectApi(fake.transport);
  useAppStore.setState({ activeCaseDir: '/cases/c', examiner: 'E' });
});

describe('watchlist import and export', () => {
  it('imports a watchlist file, replacing the list when asked', async () => {
    expect(await useAppStore.getState().importWatchlist(JSON.stringify(watchlist), true)).toBe(true);
    expect(fake.calls.find((c) => c.channel === 'productions.import')?.input).toMatchObject({ examiner: 'E', replace: true, watchlist });
  });

  it('says what is wrong with a file that is not a watchlist, without calling the backend', async () => {
    expect(await useAppStore.getState().importWatchlist('{ not json', false)).toBe(false);
    expect(
      await useAppStore.getState().importWatchlist(JSON.stringify({ version: '1', notes: '', productions: [{ title: 'x' }] }), false),
    ).toBe(false);
    const messages = useAppStore.getState().toasts.map((t) => t.message);
    expect(messages[0]).toMatch(/^That file is not JSON/);
    expect(messages[1]).toMatch(/^That file is not a watchlist: productions\.0\.id/);
    expect(fake.calls.some((c) => c.channel === 'productions.import')).toBe(false);
  });

  it('exports the list as the JSON of a watchlist file', async () => {
    const text = await useAppStore.getState().exportWatchlist();
    expect(JSON.parse(text ?? '')).toEqual(watchlist);
  });
});
