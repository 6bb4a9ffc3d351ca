import type {
  OcrJob,
  OcrProgress,
  ReferenceImage,
  ReferenceThumbnail,
  SimilarArtifact,
  VisualCluster,
} from '../../../shared/domain/visual';
import { api } from '../../api';
import type { SliceCreator } from '../index';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';

/** OCR jobs, similar pictures, near-duplicate clusters and reference images of the active case. */
export interface VisualSlice {
  /** The last OCR job started or seen in this window, with its latest progress. */
  ocrJob: OcrProgress | OcrJob | null;
  ocrRequest: RequestState;
  /** Pictures like one artifact's, nearest first. */
  similar: { artifactId: number; items: SimilarArtifact[] } | null;
  similarRequest: RequestState;
  clusters: VisualCluster[] | null;
  clustersRequest: RequestState;
  referencesByProduction: Record<string, ReferenceImage[]>;
  referencesRequest: RequestState;
  /** Pictures of reference images shown as look-alike evidence, by `referenceThumbnailKey` (kept per case). */
  referenceThumbnails: Record<string, { request: RequestState; thumbnail: ReferenceThumbnail | null }>;
  /** Word boxes of the OCR drawn over the preview. */
  isOcrOverlayOn: boolean;

  startOcr: (ids: readonly number[]) => Promise<void>;
  cancelOcr: () => Promise<void>;
  applyOcrProgress: (progress: OcrProgress) => void;
  applyOcrFinished: (job: OcrJob) => void;
  loadSimilar: (artifactId: number) => Promise<void>;
  loadClusters: () => Promise<void>;
  loadReferences: (productionId: string) => Promise<void>;
  addReference: (productionId: string, artifactId: number) => Promise<void>;
  removeReference: (productionId: string, id: number) => Promise<void>;
  /** Asks for a reference image's picture unless it is loaded or loading (asked again after an error). */
  loadReferenceThumbnail: (referenceId: number) => Promise<void>;
  setOcrOverlay: (isOn: boolean) => void;
}

/** A reference id is only unique within its case, and a window can switch cases. */
export const referenceThumbnailKey = (dir: string, referenceId: number): string => `${dir}#${referenceId}`;

export const createVisualSlice: SliceCreator<VisualSlice> = (set, get) => {
  const isActive = (caseDir: string): boolean => {
    const dir = get().activeCaseDir;
    return dir !== null && (caseDir === dir || caseDir === get().casesByDir[dir]?.dir);
  };

  return {
    ocrJob: null,
    ocrRequest: idle,
    similar: null,
    similarRequest: idle,
    clusters: null,
    clustersRequest: idle,
    referencesByProduction: {},
    referencesRequest: idle,
    referenceThumbnails: {},
    isOcrOverlayOn: true,

    startOcr: async (ids) => {
      const dir = get().activeCaseDir;
      if (!dir || ids.length === 0) return;
      set({ ocrRequest: loading }, false, 'visual/startOcr');
      try {
        const job = await api.call('visual.ocr.start', { dir, ids: [...ids] });
        // A one-image job can end before its start is answered: keep the later state.
        set((s) => ({ ocrRequest: idle, ocrJob: s.ocrJob?.id === job.id ? s.ocrJob : job }), false, 'visual/ocrStarted');
      } catch (e) {
        set({ ocrRequest: failed(toErrorShape(e)) }, false, 'visual/ocrFailed');
      }
    },

    cancelOcr: async () => {
      const dir = get().activeCaseDir;
      const job = get().ocrJob;
      if (!dir || !job || job.status !== 'running') return;
      try {
        await api.call('visual.ocr.cancel', { dir, jobId: job.id });
      } catch (e) {
        get().pushError(toErrorShape(e), 'Could not cancel OCR');
      }
    },

    applyOcrProgress: (progress) => {
      if (!isActive(progress.caseDir)) return;
      // Progress of a job that already finished (events can cross) is ignored.
      set((s) => (s.ocrJob?.id === progress.id && s.ocrJob.status !== 'running' ? s : { ocrJob: progress }), false, 'visual/ocrProgress');
    },

    applyOcrFinished: (job) => {
      if (!isActive(job.caseDir)) return;
      set({ ocrJob: job }, false, 'visual/ocrFinished');
      // The OCR text and its suggestions belong to the detail: show them for the selected artifact.
      void get().reloadSelectedDetail();
    },

    loadSimilar: async (artifactId) => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      set({ similarRequest: loading, similar: null }, false, 'visual/loadSimilar');
      try {
        const items = await api.call('visual.similar', { dir, artifactId });
        if (get().activeCaseDir === dir) set({ similar: { artifactId, items }, similarRequest: idle }, false, 'visual/similarLoaded');
      } catch (e) {
        set({ similarRequest: failed(toErrorShape(e)) }, false, 'visual/similarFailed');
      }
    },

    loadClusters: async () => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      set({ clustersRequest: loading }, false, 'visual/loadClusters');
      try {
        const clusters = await api.call('visual.clusters', { dir });
        if (get().activeCaseDir === dir) set({ clusters, clustersRequest: idle }, false, 'visual/clustersLoaded');
      } catch (e) {
        set({ clustersRequest: failed(toErrorShape(e)) }, false, 'visual/clustersFailed');
      }
    },

    loadReferences: async (productionId) => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      set({ referencesRequest: loading }, false, 'visual/loadReferences');
      try {
        const items = await api.call('production.references.list', { dir, productionId });
        set(
          (s) => ({ referencesByProduction: { ...s.referencesByProduction, [productionId]: items }, referencesRequest: idle }),
          false,
          'visual/referencesLoaded',
        );
      } catch (e) {
        set({ referencesRequest: failed(toErrorShape(e)) }, false, 'visual/referencesFailed');
      }
    },

    addReference: async (productionId, artifactId) => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      set({ referencesRequest: loading }, false, 'visual/addReference');
      try {
        await api.call('production.references.add', { dir, productionId, artifactId, examiner: get().examiner ?? undefined });
        await get().loadReferences(productionId);
      } catch (e) {
        set({ referencesRequest: failed(toErrorShape(e)) }, false, 'visual/addReferenceFailed');
      }
    },

    removeReference: async (productionId, id) => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      try {
        await api.call('production.references.remove', { dir, id, examiner: get().examiner ?? undefined });
        await get().loadReferences(productionId);
      } catch (e) {
        get().pushError(toErrorShape(e), 'Could not remove the reference image');
      }
    },

    loadReferenceThumbnail: async (referenceId) => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      const key = referenceThumbnailKey(dir, referenceId);
      const status = get().referenceThumbnails[key]?.request.status;
      if (status !== undefined && status !== 'error') return;
      const put = (entry: VisualSlice['referenceThumbnails'][string], action: string): void =>
        set((s) => ({ referenceThumbnails: { ...s.referenceThumbnails, [key]: entry } }), false, action);
      put({ request: loading, thumbnail: null }, 'visual/loadReferenceThumbnail');
      try {
        const thumbnail = await api.call('production.references.thumbnail', { dir, id: referenceId });
        put({ request: idle, thumbnail }, 'visual/referenceThumbnailLoaded');
      } catch (e) {
        put({ request: failed(toErrorShape(e)), thumbnail: null }, 'visual/referenceThumbnailFailed');
      }
    },

    setOcrOverlay: (isOn) => set({ isOcrOverlayOn: isOn }, false, 'visual/overlay'),
  };
};
