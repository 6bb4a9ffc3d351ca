import { vi } from 'vitest';

/**
 * A small stand-in for the `electron` module, for the shell's own tests (`vi.mock('electron', …)` in those files
 * only): it records what the shell registers so a test can call it as Electron would. No Electron binary is needed.
 */
type Handler = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Handler[]>();
  on(event: string, listener: Handler): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  removeListener(event: string, listener: Handler): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  /** Calls every listener as Electron would and returns what they returned. */
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => (l as (...a: unknown[]) => unknown)(...args));
  }
}

export class FakeWebContents extends Emitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: [string, unknown][] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
}

class FakeBrowserWindow extends Emitter {
  static getAllWindows = (): { webContents: FakeWebContents }[] => fake.windows;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    super();
    fake.created.push(this);
  }
  once(event: string, listener: Handler): this {
    return this.on(event, listener);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  show(): void {}
}

export const fake = {
  created: [] as FakeBrowserWindow[],
  app: new Emitter(),
  headersHook: null as ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | null,
  permissionRequest: null as ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null,
  permissionCheck: null as (() => boolean) | null,
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  ipcHandlers: new Map<string, (event: unknown, input: unknown) => unknown>(),
  exposed: new Map<string, unknown>(),
  ipcRenderer: Object.assign(new Emitter(), { invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null })) }),
  windows: [] as { webContents: FakeWebContents }[],
  messageBoxResponse: 0,
  messageBoxes: [] as unknown[],
  opened: [] as string[],
};

export const electron = {
  app: fake.app,
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: (hook: typeof fake.headersHook) => void (fake.headersHook = hook) },
      setPermissionRequestHandler: (handler: typeof fake.permissionRequest) => void (fake.permissionRequest = handler),
      setPermissionCheckHandler: (handler: typeof fake.permissionCheck) => void (fake.permissionCheck = handler),
    },
  },
  dialog: {
    showMessageBox: async (options: unknown) => {
      fake.messageBoxes.push(options);
      return { response: fake.messageBoxResponse };
    },
  },
  shell: { openExternal: async (url: string) => void fake.opened.push(url) },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => void fake.privilegedSchemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) =>
      void fake.protocolHandlers.set(scheme, handler),
  },
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, input: unknown) => unknown) => void fake.ipcHandlers.set(channel, handler),
  },
  ipcRenderer: fake.ipcRenderer,
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void fake.exposed.set(key, api) },
  BrowserWindow: FakeBrowserWindow,
};
