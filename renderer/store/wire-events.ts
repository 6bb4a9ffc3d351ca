import { api } from '../api';
import { useAppStore } from './index';

let wired = false;

/** Backend push events go straight into the store, once per page load, never from component effects. */
export function wireEvents(): void {
  if (wired) return;
  wired = true;
  api.on('ingest.progress', (p) => useAppStore.getState().applyIngestProgress(p));
  api.on('ingest.finished', (job) => useAppStore.getState().applyIngestFinished(job));
  api.on('review.changed', (change) => useAppStore.getState().applyReviewChanged(change));
  api.on('exports.progress', (p) => useAppStore.getState().applyExportProgress(p));
  api.on('exports.finished', (job) => useAppStore.getState().applyExportFinished(job));
  api.on('visual.ocr.progress', (p) => useAppStore.getState().applyOcrProgress(p));
  api.on('visual.ocr.finished', (job) => useAppStore.getState().applyOcrFinished(job));
}
