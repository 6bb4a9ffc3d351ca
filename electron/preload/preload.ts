import { contextBridge, ipcRenderer } from 'electron';
import { isChannel, isEventName } from '../../shared/ipc/contract';
import type { Transport } from '../../shared/ipc/client';

/** Exactly the contract: names outside it are refused before they reach ipcRenderer. */
const bridge: Transport = {
  invoke: (channel, input) => {
    if (!isChannel(channel))
      return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: `unknown method ${String(channel)}` } });
    return ipcRenderer.invoke(channel, input);
  },
  subscribe: (event, listener) => {
    if (!isEventName(event)) throw new Error(`unknown event ${String(event)}`);
    const wrapped = (_e: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(`event:${event}`, wrapped);
    return () => ipcRenderer.removeListener(`event:${event}`, wrapped);
  },
};

contextBridge.exposeInMainWorld('bridge', bridge);
