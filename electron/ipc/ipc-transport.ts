import { BrowserWindow, ipcMain, type WebFrameMain } from 'electron';
import { channels } from '../../shared/ipc/contract';
import { fail, type Result } from '../../shared/ipc/result';
import type { EventListener } from './events';

/** What the Electron transport needs of the backend (see electron/backend.ts). */
export interface IpcBackend {
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: EventListener): () => void;
}

/** Only our own top-level page may call the backend; an embedded or navigated-away frame is refused. */
const isTrustedFrame = (frame: WebFrameMain | null, isOwnUrl: (url: string) => boolean): boolean =>
  frame !== null && frame.parent === null && isOwnUrl(frame.url);

export function registerIpc(backend: IpcBackend, isOwnUrl: (url: string) => boolean): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) =>
      isTrustedFrame(event.senderFrame, isOwnUrl) ? backend.dispatch(channel, input) : fail('forbidden', 'untrusted sender'),
    );
  }
  backend.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(`event:${event}`, payload);
  });
}
