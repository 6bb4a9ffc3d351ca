import { app, dialog, session, shell, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../lib/csp';

/** Only web links leave the app, to the system browser; never file:, javascript:, custom schemes or smb:. */
export const isExternalWebUrl = (url: string): boolean => {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
};

/**
 * A link from the page (evidence text can hold any URL) opens in the system browser only after the analyst
 * confirms: opening it can tell the link's owner that the evidence is being read.
 */
async function openExternalAfterConfirmation(url: string): Promise<void> {
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Cancel', 'Open in browser'],
    defaultId: 0,
    cancelId: 0,
    message: 'Open this link in your web browser?',
    detail: `${url}\n\nThe site will see that this link was opened.`,
  });
  if (response === 1) await shell.openExternal(url);
}

/**
 * Electron's security checklist, applied once for every web contents: CSP on every response, no permissions, no
 * navigation away from our own page, no webviews, and no new windows (web links go to the browser, after a question).
 */
export function hardenApp(isOwnUrl: (url: string) => boolean): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents: WebContents) => {
    const stayHome = (event: { preventDefault(): void }, url: string): void => {
      if (!isOwnUrl(url)) event.preventDefault();
    };
    contents.on('will-navigate', stayHome);
    contents.on('will-redirect', stayHome);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalWebUrl(url)) void openExternalAfterConfirmation(url);
      return { action: 'deny' };
    });
  });
}
