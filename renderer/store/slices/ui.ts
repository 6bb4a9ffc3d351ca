import type { AppErrorShape } from '../../../shared/errors';
import type { AppInfo } from '../../../shared/ipc/contract';
import { api } from '../../api';
import type { ViewState, ViewTab } from '../../lib/view-state';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';
import type { SliceCreator } from '../index';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export type CenterTab = ViewTab;

/** The one modal dialog open over the workspace, if any. */
export type DialogKind = 'tag' | 'label' | 'note' | 'shortcuts' | 'examiner' | 'save-search';

export interface UiSlice {
  appInfo: AppInfo | null;
  appInfoRequest: RequestState;
  toasts: Toast[];
  /** Width of the artifact detail pane in px (a UI preference, kept for this session). */
  detailWidth: number;
  setDetailWidth: (width: number) => void;
  /** What the centre pane shows: the artifact table, the timeline, the case, the watchlist or the audit trail. */
  centerTab: CenterTab;
  setCenterTab: (tab: CenterTab) => void;
  dialog: DialogKind | null;
  openDialog: (kind: DialogKind) => void;
  closeDialog: () => void;
  /** The sources and saved searches column; folded away on narrow windows. */
  isLeftPaneOpen: boolean;
  setLeftPaneOpen: (isOpen: boolean) => void;
  /** Bumped to ask the search box for the keyboard focus (`/`, Ctrl+F). */
  searchFocusRequest: number;
  focusSearch: () => void;
  loadAppInfo: () => Promise<void>;
  /** First data of the session: host facts and recent cases, in parallel; then the case and view the URL names. */
  boot: (view?: ViewState | null) => Promise<void>;
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
  detailWidth: 420,
  centerTab: 'artifacts',
  dialog: null,
  // Narrow windows start with the table wide; the header's ☰ brings the sources column back.
  isLeftPaneOpen: typeof window === 'undefined' || window.innerWidth >= 1200,
  searchFocusRequest: 0,

  setDetailWidth: (width) => set({ detailWidth: Math.round(width) }, false, 'ui/detailWidth'),

  setCenterTab: (tab) => {
    set({ centerTab: tab }, false, 'ui/centerTab');
    if (tab === 'timeline' && get().isTimelineStale) void get().loadTimeline();
    if (tab === 'audit') void get().loadAudit();
    if (tab === 'watchlist') void get().loadProductions();
    if (tab === 'case') void get().loadCaseNotes();
  },

  openDialog: (kind) => set({ dialog: kind }, false, 'ui/openDialog'),
  closeDialog: () => set({ dialog: null }, false, 'ui/closeDialog'),
  setLeftPaneOpen: (isOpen) => set({ isLeftPaneOpen: isOpen }, false, 'ui/leftPane'),
  focusSearch: () => set((s) => ({ searchFocusRequest: s.searchFocusRequest + 1 }), false, 'ui/focusSearch'),

  loadAppInfo: async () => {
    set({ appInfoRequest: loading }, false, 'ui/loadAppInfo');
    try {
      const appInfo = await api.call('app.info');
      set({ appInfo, appInfoRequest: idle }, false, 'ui/appInfoLoaded');
    } catch (e) {
      set({ appInfoRequest: failed(toErrorShape(e)) }, false, 'ui/appInfoFailed');
    }
  },

  boot: async (view) => {
    await Promise.all([get().loadAppInfo(), get().loadRecent()]);
    if (view && get().appInfo) await get().openCase(view.dir, { view, isRestoring: true });
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
