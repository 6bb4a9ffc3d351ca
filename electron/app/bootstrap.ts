import { app, BrowserWindow, dialog } from 'electron';
import { createBackend } from '../backend';
import { registerIpc } from '../ipc/ipc-transport';
import { hardenApp } from './harden';
import { createMainWindow, rendererUrl } from './window';

const isOwnUrl = (url: string): boolean => url.split('#')[0]?.split('?')[0] === rendererUrl;

export async function bootstrap(): Promise<void> {
  if (process.env.APP_USER_DATA) app.setPath('userData', process.env.APP_USER_DATA);
  await app.whenReady();
  const backend = createBackend({
    host: 'electron',
    dataDir: app.getPath('userData'),
    pickFolder: async (title) => {
      // Under E2E the native dialog cannot be driven, so the spec supplies the folder at the transport edge.
      if (process.env.E2E === '1' && process.env.E2E_PICK_FOLDER) return process.env.E2E_PICK_FOLDER;
      const parent = BrowserWindow.getFocusedWindow();
      const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  });
  hardenApp(isOwnUrl);
  registerIpc(backend, isOwnUrl);
  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
  app.on('window-all-closed', () => {
    void backend.close().then(() => {
      if (process.platform !== 'darwin') app.quit();
    });
  });
}
