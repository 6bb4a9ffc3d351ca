import type { CaseSummary, NewCase, RecentCase } from '../../../shared/domain/case';
import { api } from '../../api';
import type { SliceCreator } from '../index';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';

export interface CasesSlice {
  recentByDir: Record<string, RecentCase>;
  recentDirs: string[];
  recentRequest: RequestState;
  casesByDir: Record<string, CaseSummary>;
  activeCaseDir: string | null;
  createRequest: RequestState;
  openRequest: RequestState;
  /** The folder of the last open (or upgrade) request, so a case that needs an upgrade can be upgraded from its error. */
  openingDir: string | null;

  loadRecent: () => Promise<void>;
  createCase: (input: NewCase) => Promise<boolean>;
  openCase: (dir: string) => Promise<boolean>;
  migrateCase: (dir: string) => Promise<boolean>;
  forgetCase: (dir: string) => Promise<void>;
  refreshCaseInfo: () => Promise<void>;
  closeCase: () => void;
  clearCaseErrors: () => void;
}

const normalizeRecent = (list: RecentCase[]): Pick<CasesSlice, 'recentByDir' | 'recentDirs'> => ({
  recentByDir: Object.fromEntries(list.map((c) => [c.dir, c])),
  recentDirs: list.map((c) => c.dir),
});

export const createCasesSlice: SliceCreator<CasesSlice> = (set, get) => {
  const enter = (summary: CaseSummary): void => {
    set((s) => ({ casesByDir: { ...s.casesByDir, [summary.dir]: summary }, activeCaseDir: summary.dir }), false, 'cases/enter');
    get().resetArtifacts();
    get().resetFolders();
    get().resetTimeline();
    get().resetIngest();
    get().invalidateTimeline();
    void get().loadSources();
    void get().loadJobs();
    void get().ensureRows(0, 100);
    void get().loadRecent();
  };

  return {
    recentByDir: {},
    recentDirs: [],
    recentRequest: idle,
    casesByDir: {},
    activeCaseDir: null,
    createRequest: idle,
    openRequest: idle,
    openingDir: null,

    loadRecent: async () => {
      set({ recentRequest: loading }, false, 'cases/loadRecent');
      try {
        const list = await api.call('cases.recent');
        set({ ...normalizeRecent(list), recentRequest: idle }, false, 'cases/recentLoaded');
      } catch (e) {
        set({ recentRequest: failed(toErrorShape(e)) }, false, 'cases/recentFailed');
      }
    },

    createCase: async (input) => {
      set({ createRequest: loading }, false, 'cases/create');
      try {
        const summary = await api.call('cases.create', input);
        set({ createRequest: idle }, false, 'cases/created');
        enter(summary);
        return true;
      } catch (e) {
        set({ createRequest: failed(toErrorShape(e)) }, false, 'cases/createFailed');
        return false;
      }
    },

    openCase: async (dir) => {
      set({ openRequest: loading, openingDir: dir }, false, 'cases/open');
      try {
        const summary = await api.call('cases.open', { dir });
        set({ openRequest: idle }, false, 'cases/opened');
        enter(summary);
        return true;
      } catch (e) {
        set({ openRequest: failed(toErrorShape(e)) }, false, 'cases/openFailed');
        return false;
      }
    },

    migrateCase: async (dir) => {
      set({ openRequest: loading, openingDir: dir }, false, 'cases/migrate');
      try {
        const summary = await api.call('cases.migrate', { dir });
        set({ openRequest: idle }, false, 'cases/migrated');
        enter(summary);
        return true;
      } catch (e) {
        set({ openRequest: failed(toErrorShape(e)) }, false, 'cases/migrateFailed');
        return false;
      }
    },

    forgetCase: async (dir) => {
      try {
        const list = await api.call('cases.forget', { dir });
        set(normalizeRecent(list), false, 'cases/forgotten');
      } catch (e) {
        get().pushError(toErrorShape(e), 'Could not forget the case');
      }
    },

    refreshCaseInfo: async () => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      try {
        const summary = await api.call('cases.info', { dir });
        set((s) => ({ casesByDir: { ...s.casesByDir, [summary.dir]: summary } }), false, 'cases/infoRefreshed');
      } catch (e) {
        get().pushError(toErrorShape(e), 'Could not refresh the case');
      }
    },

    closeCase: () => {
      set({ activeCaseDir: null, openRequest: idle, createRequest: idle }, false, 'cases/close');
      get().resetArtifacts();
      get().resetFolders();
      get().resetTimeline();
      get().resetIngest();
      void get().loadRecent();
    },

    clearCaseErrors: () => set({ openRequest: idle, createRequest: idle }, false, 'cases/clearErrors'),
  };
};
