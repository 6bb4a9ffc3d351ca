import { BrowserWindow, ipcMain, type WebFrameMain } from 'electron';
import { channels } from '../../shared/ipc/contract';
import { fail } from '../../shared/ipc/result';
import type { Ctx } from '../services/context';
import { dispatch } from './dispatch';
import type { EventHub } from './events';

/** Only our own top-level page may call the backend; an embedded or navigated-away frame is refused. */
const isTrustedFrame = (frame: WebFrameMain | null, isOwnUrl: (url: string) => boolean): boolean =>
  frame !== null && frame.parent === null && isOwnUrl(frame.url);

export function registerIpc(ctx: Ctx, hub: EventHub, isOwnUrl: (url: string) => boolean): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) =>
      isTrustedFrame(event.senderFrame, isOwnUrl) ? dispatch(channel, input, ctx) : fail('forbidden', 'untrusted sender'),
    );
  }
  hub.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(`event:${event}`, payload);
  });
}
