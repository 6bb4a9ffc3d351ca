import { describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/ipc/contract';
import { ok } from '../../shared/ipc/result';
import { fake, FakeWebContents } from '../test-support/fake-electron';
import type { EventListener } from './events';
import { registerIpc } from './ipc-transport';

vi.mock('electron', async () => (await import('../test-support/fake-electron')).electron);

const own = (url: string): boolean => url.startsWith('app://workbench/');

describe('registerIpc', () => {
  const dispatch = vi.fn(async (channel: string) => ok(channel));
  let push: EventListener = () => undefined;
  registerIpc({ dispatch, subscribe: (listener) => ((push = listener), () => undefined) }, own);
  const call = (frame: unknown, channel = 'cases.recent'): unknown => fake.ipcHandlers.get(channel)?.({ senderFrame: frame }, undefined);

  it('registers exactly the contract channels', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...channels].sort());
  });

  it('answers only our own top-level page', async () => {
    expect(await call({ url: 'app://workbench/index.html', parent: null })).toEqual(ok('cases.recent'));
    const refused = { ok: false, error: { code: 'forbidden', message: 'untrusted sender' } };
    expect(await call({ url: 'app://workbench/index.html', parent: { url: 'app://workbench/index.html' } })).toEqual(refused);
    expect(await call({ url: 'https://evil.example/', parent: null })).toEqual(refused);
    expect(await call({ url: 'file:///tmp/evidence.html', parent: null })).toEqual(refused);
    expect(await call(null)).toEqual(refused);
    expect(dispatch).toHaveBeenCalledTimes(1);
  });

  it('sends pushed events to every window on event:<name>', () => {
    const a = new FakeWebContents();
    const b = new FakeWebContents();
    fake.windows.push({ webContents: a }, { webContents: b });
    push('ingest.progress', { jobId: 1 });
    expect(a.sent).toEqual([['event:ingest.progress', { jobId: 1 }]]);
    expect(b.sent).toEqual([['event:ingest.progress', { jobId: 1 }]]);
  });
});
