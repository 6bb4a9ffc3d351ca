import { app, BrowserWindow } from 'electron';
import { bootstrap } from './app/bootstrap';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const window = BrowserWindow.getAllWindows()[0];
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  bootstrap().catch((e: unknown) => {
    process.stderr.write(`workbench: failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    app.exit(1);
  });
}
