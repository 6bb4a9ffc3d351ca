import type { CaseSummary, NewCase, RecentCase } from '../../../shared/domain/case';
import { api } from '../../api';
import { rememberedExaminer } from '../../lib/prefs';
import type { ViewState } from '../../lib/view-state';
import type { SliceCreator } from '../index';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';

/** A case opened but not entered yet: the examiner is chosen first. */
export interface PendingOpen {
  summary: CaseSummary;
  /** Prefilled: the examiner last chosen for this case here, else the case's own examiner. */
  examiner: string;
  view: ViewState | null;
}

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
  /** The pending open request is an upgrade (a large case's search index takes a minute or more to rebuild). */
  isUpgrading: boolean;
  pendingOpen: PendingOpen | null;

  loadRecent: () => Promise<void>;
  createCase: (input: NewCase) => Promise<boolean>;
  /**
   * Opens a case; the examiner is asked for before the workspace shows, except when a reload restores a view and this
   * browser remembers who works on the case (`isRestoring`).
   */
  openCase: (dir: string, options?: { view?: ViewState; isRestoring?: boolean }) => Promise<boolean>;
  /** Enters the pending case as this examiner, or changes the examiner of the open case. */
  confirmExaminer: (examiner: string) => void;
  cancelOpen: () => void;
  /** Upgrades an older case (recorded in its audit trail), then asks for the examiner as opening does. */
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
  const resetCaseState = (): void => {
    get().resetArtifacts();
    get().resetFolders();
    get().resetTimeline();
    get().resetIngest();
    get().resetReview();
    get().resetAudit();
    get().closeViewer();
  };

  const enter = (summary: CaseSummary, examiner: string, view: ViewState | null = null): void => {
    set(
      (s) => ({ casesByDir: { ...s.casesByDir, [summary.dir]: summary }, activeCaseDir: summary.dir, pendingOpen: null }),
      false,
      'cases/enter',
    );
    resetCaseState();
    get().setExaminer(examiner);
    get().invalidateTimeline();
    get().setCenterTab(view?.tab ?? 'artifacts');
    void get().loadSources();
    void get().loadJobs();
    void get().loadReviewData();
    if (view) get().applyView(view);
    else void get().ensureRows(0, 100);
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
    isUpgrading: false,
    pendingOpen: null,

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
        enter(summary, input.examiner);
        return true;
      } catch (e) {
        set({ createRequest: failed(toErrorShape(e)) }, false, 'cases/createFailed');
        return false;
      }
    },

    openCase: async (dir, options = {}) => {
      set({ openRequest: loading, openingDir: dir, isUpgrading: false }, false, 'cases/open');
      try {
        const summary = await api.call('cases.open', { dir });
        set({ openRequest: idle }, false, 'cases/opened');
        const remembered = rememberedExaminer(summary.dir);
        if (options.isRestoring && remembered) enter(summary, remembered, options.view ?? null);
        else
          set(
            { pendingOpen: { summary, examiner: remembered ?? summary.examiner, view: options.view ?? null } },
            false,
            'cases/askExaminer',
          );
        return true;
      } catch (e) {
        set({ openRequest: failed(toErrorShape(e)) }, false, 'cases/openFailed');
        return false;
      }
    },

    migrateCase: async (dir) => {
      set({ openRequest: loading, openingDir: dir, isUpgrading: true }, false, 'cases/migrate');
      try {
        const summary = await api.call('cases.migrate', { dir });
        const remembered = rememberedExaminer(summary.dir);
        set(
          { openRequest: idle, isUpgrading: false, pendingOpen: { summary, examiner: remembered ?? summary.examiner, view: null } },
          false,
          'cases/migrated',
        );
        return true;
      } catch (e) {
        set({ openRequest: failed(toErrorShape(e)), isUpgrading: false }, false, 'cases/migrateFailed');
        return false;
      }
    },

    confirmExaminer: (examiner) => {
      const name = examiner.trim();
      if (!name) return;
      const pending = get().pendingOpen;
      if (pending) enter(pending.summary, name, pending.view);
      else get().setExaminer(name);
    },

    cancelOpen: () => set({ pendingOpen: null }, false, 'cases/cancelOpen'),

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
      set({ activeCaseDir: null, openRequest: idle, createRequest: idle, pendingOpen: null }, false, 'cases/close');
      resetCaseState();
      get().closeDialog();
      void get().loadRecent();
    },

    clearCaseErrors: () => set({ openRequest: idle, createRequest: idle }, false, 'cases/clearErrors'),
  };
};
