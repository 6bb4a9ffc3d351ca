import { describe, expect, it, vi } from 'vitest';
import type { Transport } from '../../shared/ipc/client';
import { fake } from '../test-support/fake-electron';

vi.mock('electron', async () => (await import('../test-support/fake-electron')).electron);

await import('./preload');
const bridge = fake.exposed.get('bridge') as Transport;

describe('the preload bridge', () => {
  it('exposes one object, window.bridge, with invoke and subscribe only', () => {
    expect([...fake.exposed.keys()]).toEqual(['bridge']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('refuses a channel outside the contract before it reaches ipcRenderer', async () => {
    for (const name of ['fs.readFile', 'constructor', '__proto__', 'event:ingest.progress']) {
      expect(await bridge.invoke(name as never, {}), name).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(fake.ipcRenderer.invoke).not.toHaveBeenCalled();
    await bridge.invoke('cases.recent', undefined);
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('cases.recent', undefined);
  });

  it('subscribes only to contract events, hands the listener the payload alone, and unsubscribes', () => {
    expect(() => bridge.subscribe('cases.recent' as never, () => undefined)).toThrow(/unknown event/);
    const listener = vi.fn();
    const off = bridge.subscribe('ingest.progress', listener);
    fake.ipcRenderer.emit('event:ingest.progress', { sender: 'ipc event' }, { jobId: 7 });
    expect(listener.mock.calls).toEqual([[{ jobId: 7 }]]);
    off();
    fake.ipcRenderer.emit('event:ingest.progress', {}, { jobId: 8 });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
