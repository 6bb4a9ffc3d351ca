import type { AppState } from '../../store';

/** Reads of the exports slice (kept beside the feature, so the shared selectors file stays as it is). */
export const selectExportPanel = (s: AppState) => s.exportPanel;
export const selectExportChoices = (s: AppState) => s.exportChoices;
export const selectExportEstimate = (s: AppState) => s.exportEstimate;
export const selectExportJob = (s: AppState) => s.exportJob;
export const selectExportProgress = (s: AppState) => s.exportProgress;
export const selectExportRequest = (s: AppState) => s.exportRequest;
export const selectVerification = (s: AppState) => s.bundleVerification;
export const selectVerifyRequest = (s: AppState) => s.bundleVerifyRequest;
export const selectCanPickFolders = (s: AppState) => s.appInfo?.canPickFolders ?? false;
export const selectExportActions = (s: AppState) => ({
  openExportPanel: s.openExportPanel,
  closeExportPanel: s.closeExportPanel,
  estimateExport: s.estimateExport,
  startExport: s.startExport,
  cancelExport: s.cancelExport,
  verifyBundle: s.verifyBundle,
  currentFilters: s.currentFilters,
  pickFolder: s.pickFolder,
});
