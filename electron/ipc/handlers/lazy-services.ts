/*
 * Services with heavy dependencies (libvips, the PSD and Office readers, the JSON Schema compiler, pdf.js, the
 * extraction workers) are imported on their first call. Every CLI command builds the whole backend, and importing
 * them all up front made each command take 0.55 s before it did anything; `workbench artifact` needs none of them.
 */

export interface LazyModule<M> {
  (): Promise<M>;
  /** The module if something has imported it, without importing it. */
  loaded(): Promise<M> | undefined;
}

function lazyModule<M>(load: () => Promise<M>): LazyModule<M> {
  let module: Promise<M> | undefined;
  const get = (): Promise<M> => (module ??= load());
  return Object.assign(get, { loaded: () => module });
}

export const ingestService = lazyModule(() => import('../../services/ingest/ingest-service'));
export const reextractService = lazyModule(() => import('../../services/reextract'));
export const previewService = lazyModule(() => import('../../services/preview'));
export const visualService = lazyModule(() => import('../../services/visual'));
export const exportService = lazyModule(() => import('../../services/bundles/export-service'));
export const importService = lazyModule(() => import('../../services/bundles/import-service'));
export const verifyService = lazyModule(() => import('../../services/bundles/verify'));

/** Stops the jobs and worker pools of whichever services were loaded (finished work is kept). */
export async function stopLoadedJobs(): Promise<void> {
  await Promise.all([
    ingestService.loaded()?.then((m) => m.stopAllJobs()),
    exportService.loaded()?.then((m) => m.stopAllExports()),
    visualService.loaded()?.then((m) => m.stopVisualJobs()),
    previewService.loaded()?.then((m) => m.closePreviewWorkers()),
  ]);
}
