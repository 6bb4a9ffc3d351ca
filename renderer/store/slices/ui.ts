import type { AppErrorShape } from '../../../shared/errors';
import type { AppInfo } from '../../../shared/ipc/contract';
import { api } from '../../api';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';
import type { SliceCreator } from '../index';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export type CenterTab = 'artifacts' | 'timeline';

export interface UiSlice {
  appInfo: AppInfo | null;
  appInfoRequest: RequestState;
  toasts: Toast[];
  /** Width of the artifact detail pane in px (a UI preference, kept for this session). */
  detailWidth: number;
  setDetailWidth: (width: number) => void;
  /** What the centre pane shows: the artifact table or the timeline. */
  centerTab: CenterTab;
  setCenterTab: (tab: CenterTab) => void;
  loadAppInfo: () => Promise<void>;
  /** First data of the session: host facts and recent cases, in parallel. */
  boot: () => Promise<void>;
  pushToast: (kind: Toast['kind'], message: string) => void;
  pushError: (error: AppErrorShape, context?: string) => void;
  dismissToast: (id: number) => void;
  /** The native folder dialog (Electron only); null when cancelled or unavailable. */
  pickFolder: (title: string) => Promise<string | null>;
}

let nextToastId = 1;
const TOAST_MS = 8000;

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  appInfo: null,
  appInfoRequest: idle,
  toasts: [],
  detailWidth: 400,
  centerTab: 'artifacts',

  setDetailWidth: (width) => set({ detailWidth: Math.round(width) }, false, 'ui/detailWidth'),

  setCenterTab: (tab) => {
    set({ centerTab: tab }, false, 'ui/centerTab');
    if (tab === 'timeline' && get().isTimelineStale) void get().loadTimeline();
  },

  loadAppInfo: async () => {
    set({ appInfoRequest: loading }, false, 'ui/loadAppInfo');
    try {
      const appInfo = await api.call('app.info');
      set({ appInfo, appInfoRequest: idle }, false, 'ui/appInfoLoaded');
    } catch (e) {
      set({ appInfoRequest: failed(toErrorShape(e)) }, false, 'ui/appInfoFailed');
    }
  },

  boot: async () => {
    await Promise.all([get().loadAppInfo(), get().loadRecent()]);
  },

  pushToast: (kind, message) => {
    const id = nextToastId++;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { id, kind, message }] }), false, 'ui/pushToast');
    setTimeout(() => get().dismissToast(id), TOAST_MS);
  },

  pushError: (error, context) => get().pushToast('error', context ? `${context}: ${error.message}` : error.message),

  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }), false, 'ui/dismissToast'),

  pickFolder: async (title) => {
    try {
      const { path } = await api.call('dialogs.pickFolder', { title });
      return path;
    } catch (e) {
      get().pushError(toErrorShape(e), 'Folder dialog');
      return null;
    }
  },
});
