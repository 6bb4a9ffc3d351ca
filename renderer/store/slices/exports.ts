import type { ArtifactFilters } from '../../../shared/domain/artifact';
import type { BundleVerification, ExportEstimate, ExportJob, ExportProgress, ExportSelection } from '../../../shared/domain/bundle';
import type { Production } from '../../../shared/domain/analysis';
import type { SavedSearch } from '../../../shared/domain/review';
import { api } from '../../api';
import type { SliceCreator } from '../index';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';
import { listFilters } from './artifacts';

/** What the export dialog and the verify view show: choices, the running export, and the last verification of a bundle. */
export interface ExportsSlice {
  exportPanel: 'closed' | 'export' | 'verify';
  exportChoices: { productions: Production[]; savedSearches: SavedSearch[] } | null;
  exportEstimate: ExportEstimate | null;
  exportJob: ExportJob | null;
  exportProgress: ExportProgress | null;
  exportRequest: RequestState;
  bundleVerification: BundleVerification | null;
  bundleVerifyRequest: RequestState;

  openExportPanel: (panel: 'export' | 'verify') => void;
  closeExportPanel: () => void;
  estimateExport: (selection: ExportSelection) => Promise<void>;
  startExport: (input: { selection: ExportSelection; target: string; originals: boolean; force: boolean }) => Promise<boolean>;
  cancelExport: () => Promise<void>;
  applyExportProgress: (progress: ExportProgress) => void;
  applyExportFinished: (job: ExportJob) => void;
  verifyBundle: (bundle: string) => Promise<void>;
  /** The artifact list's current filters, as an export selection. */
  currentFilters: () => ArtifactFilters;
}

export const createExportsSlice: SliceCreator<ExportsSlice> = (set, get) => ({
  exportPanel: 'closed',
  exportChoices: null,
  exportEstimate: null,
  exportJob: null,
  exportProgress: null,
  exportRequest: idle,
  bundleVerification: null,
  bundleVerifyRequest: idle,

  openExportPanel: (panel) => {
    set({ exportPanel: panel }, false, 'exports/open');
    const dir = get().activeCaseDir;
    if (panel !== 'export' || !dir) return;
    void Promise.all([api.call('productions.list', { dir }), api.call('searches.list', { dir })]).then(
      ([productions, savedSearches]) => set({ exportChoices: { productions, savedSearches } }, false, 'exports/choices'),
      (e: unknown) => get().pushError(toErrorShape(e), 'Could not load the export choices'),
    );
  },

  closeExportPanel: () => set({ exportPanel: 'closed' }, false, 'exports/close'),

  estimateExport: async (selection) => {
    const dir = get().activeCaseDir;
    if (!dir) return;
    try {
      const estimate = await api.call('exports.estimate', { dir, selection });
      set({ exportEstimate: estimate }, false, 'exports/estimate');
    } catch (e) {
      set({ exportEstimate: null }, false, 'exports/estimateFailed');
      get().pushError(toErrorShape(e), 'Could not count the selection');
    }
  },

  startExport: async ({ selection, target, originals, force }) => {
    const dir = get().activeCaseDir;
    if (!dir) return false;
    set({ exportRequest: loading, exportProgress: null }, false, 'exports/start');
    try {
      const job = await api.call('exports.start', { dir, selection, target, originals, force });
      // The finished event may already have arrived for a small export: keep the later state.
      set((s) => ({ exportRequest: idle, exportJob: s.exportJob?.id === job.id ? s.exportJob : job }), false, 'exports/started');
      return true;
    } catch (e) {
      set({ exportRequest: failed(toErrorShape(e)) }, false, 'exports/startFailed');
      return false;
    }
  },

  cancelExport: async () => {
    const job = get().exportJob;
    if (!job || job.status !== 'running') return;
    try {
      get().applyExportFinished(await api.call('exports.cancel', { jobId: job.id }));
    } catch (e) {
      get().pushError(toErrorShape(e), 'Could not cancel the export');
    }
  },

  applyExportProgress: (progress) => {
    if (progress.caseDir !== get().activeCaseDir) return;
    set({ exportProgress: progress }, false, 'exports/progress');
  },

  applyExportFinished: (job) => {
    if (job.caseDir !== get().activeCaseDir) return;
    set({ exportJob: job }, false, 'exports/finished');
    if (job.status === 'failed') get().pushToast('error', `Export failed: ${job.message ?? ''}`);
  },

  verifyBundle: async (bundle) => {
    set({ bundleVerifyRequest: loading, bundleVerification: null }, false, 'exports/verify');
    try {
      const verification = await api.call('bundles.verify', { bundle });
      set({ bundleVerification: verification, bundleVerifyRequest: idle }, false, 'exports/verified');
    } catch (e) {
      set({ bundleVerifyRequest: failed(toErrorShape(e)) }, false, 'exports/verifyFailed');
    }
  },

  currentFilters: () => listFilters(get().query),
});
