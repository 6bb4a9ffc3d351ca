import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';

const outDir = path.dirname(fileURLToPath(import.meta.url));
export const rendererIndex = path.join(outDir, '../renderer/index.html');
export const rendererUrl = pathToFileURL(rendererIndex).href;

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Evidence Workbench',
    show: false,
    webPreferences: {
      preload: path.join(outDir, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}
