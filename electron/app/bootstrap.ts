import { app, BrowserWindow, dialog } from 'electron';
import { createBackend } from '../backend';
import { registerIpc } from '../ipc/ipc-transport';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { hardenApp } from './harden';
import { createMainWindow, rendererDir } from './window';

/**
 * Our page: app://workbench/ and nothing else (not file://, not another app:// host). Compared by scheme and host:
 * Node's URL gives a custom scheme the origin "null", whatever Chromium calls it.
 */
export const isOwnUrl = (url: string): boolean => {
  try {
    const { protocol, host } = new URL(url);
    return `${protocol}//${host}` === APP_ORIGIN;
  } catch {
    return false;
  }
};

export async function bootstrap(): Promise<void> {
  if (process.env.APP_USER_DATA) app.setPath('userData', process.env.APP_USER_DATA);
  registerAppScheme();
  await app.whenReady();
  serveRenderer(rendererDir);
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
