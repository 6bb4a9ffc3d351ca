import type { IngestJob, IngestProgress } from '../../../shared/domain/ingest';
import type { Source } from '../../../shared/domain/source';
import { api } from '../../api';
import type { SliceCreator } from '../index';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';

export interface IngestSlice {
  sourcesById: Record<number, Source>;
  sourceIds: number[];
  sourcesRequest: RequestState;
  jobsById: Record<number, IngestJob>;
  progressByJob: Record<number, IngestProgress>;
  /** The job the progress panel shows: the running one, or the last one finished in this session. */
  currentJobId: number | null;
  startRequest: RequestState;
  cancelRequest: RequestState;
  rerunRequest: RequestState;

  loadSources: () => Promise<void>;
  loadJobs: () => Promise<void>;
  startIngest: (path: string, extract?: boolean) => Promise<boolean>;
  cancelIngest: () => Promise<void>;
  /** Re-extracts one source (only what older extractor versions made, or `all`), as an ingest job. */
  rerunExtraction: (sourceId: number, all: boolean) => Promise<boolean>;
  applyIngestProgress: (progress: IngestProgress) => void;
  applyIngestFinished: (job: IngestJob) => void;
  dismissJob: () => void;
  clearStartError: () => void;
  resetIngest: () => void;
}

const ACTIVE: ReadonlySet<IngestJob['status']> = new Set(['queued', 'running']);
/** Safety net for missed push events (an SSE reconnect, a sleeping laptop): poll jobs while one is active. */
const JOB_POLL_MS = 4000;
export const isJobActive = (job: IngestJob | undefined): boolean => job !== undefined && ACTIVE.has(job.status);

const initial = {
  sourcesById: {},
  sourceIds: [],
  sourcesRequest: idle,
  jobsById: {},
  progressByJob: {},
  currentJobId: null,
  startRequest: idle,
  cancelRequest: idle,
  rerunRequest: idle,
} satisfies Partial<IngestSlice>;

export const createIngestSlice: SliceCreator<IngestSlice> = (set, get) => {
  const isActiveCase = (dir: string): boolean => get().activeCaseDir === dir;
  let pollTimer: ReturnType<typeof setTimeout> | null = null;

  const watchJobs = (): void => {
    if (pollTimer) return;
    pollTimer = setTimeout(() => {
      pollTimer = null;
      if (Object.values(get().jobsById).some(isJobActive)) void get().loadJobs();
    }, JOB_POLL_MS);
  };

  const putJob = (job: IngestJob): void => set((s) => ({ jobsById: { ...s.jobsById, [job.id]: job } }), false, 'ingest/putJob');

  return {
    ...initial,

    loadSources: async () => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      set({ sourcesRequest: loading }, false, 'ingest/loadSources');
      try {
        const sources = await api.call('sources.list', { dir });
        if (!isActiveCase(dir)) return;
        set(
          {
            sourcesById: Object.fromEntries(sources.map((s) => [s.id, s])),
            sourceIds: sources.map((s) => s.id),
            sourcesRequest: idle,
          },
          false,
          'ingest/sourcesLoaded',
        );
        void get().refreshFolders();
      } catch (e) {
        if (isActiveCase(dir)) set({ sourcesRequest: failed(toErrorShape(e)) }, false, 'ingest/sourcesFailed');
      }
    },

    loadJobs: async () => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      try {
        const jobs = await api.call('ingest.jobs', { dir });
        if (!isActiveCase(dir)) return;
        const running = jobs.filter((j) => ACTIVE.has(j.status)).sort((a, b) => b.id - a.id)[0];
        const before = get().jobsById;
        const missedFinish = jobs.filter((j) => isJobActive(before[j.id]) && !ACTIVE.has(j.status));
        set(
          (s) => ({
            jobsById: { ...s.jobsById, ...Object.fromEntries(jobs.map((j) => [j.id, j])) },
            currentJobId: s.currentJobId ?? running?.id ?? null,
          }),
          false,
          'ingest/jobsLoaded',
        );
        missedFinish.forEach((j) => get().applyIngestFinished(j));
        if (running) watchJobs();
      } catch (e) {
        if (isActiveCase(dir)) get().pushError(toErrorShape(e), 'Could not load ingest jobs');
      }
    },

    startIngest: async (path, extract = true) => {
      const dir = get().activeCaseDir;
      if (!dir) return false;
      set({ startRequest: loading }, false, 'ingest/start');
      try {
        const job = await api.call('ingest.start', { dir, path, extract });
        if (!isActiveCase(dir)) return true;
        set(
          (s) => ({ startRequest: idle, currentJobId: job.id, jobsById: { ...s.jobsById, [job.id]: s.jobsById[job.id] ?? job } }),
          false,
          'ingest/started',
        );
        void get().loadSources();
        watchJobs();
        return true;
      } catch (e) {
        set({ startRequest: failed(toErrorShape(e)) }, false, 'ingest/startFailed');
        return false;
      }
    },

    rerunExtraction: async (sourceId, all) => {
      const dir = get().activeCaseDir;
      if (!dir) return false;
      set({ rerunRequest: loading }, false, 'ingest/rerun');
      try {
        const { invalidated, job } = await api.call('extract.rerun', { dir, sourceId, all });
        if (!isActiveCase(dir)) return true;
        set(
          (s) => ({ rerunRequest: idle, currentJobId: job.id, jobsById: { ...s.jobsById, [job.id]: s.jobsById[job.id] ?? job } }),
          false,
          'ingest/rerunStarted',
        );
        get().pushToast(
          'info',
          `Re-extracting ${job.sourcePath}: ${invalidated} ${invalidated === 1 ? 'extraction' : 'extractions'} dropped to be made again.`,
        );
        void get().loadSources();
        watchJobs();
        return true;
      } catch (e) {
        const error = toErrorShape(e);
        set({ rerunRequest: failed(error) }, false, 'ingest/rerunFailed');
        get().pushError(error, 'Could not re-run extraction');
        return false;
      }
    },

    cancelIngest: async () => {
      const dir = get().activeCaseDir;
      const jobId = get().currentJobId;
      if (!dir || jobId === null) return;
      set({ cancelRequest: loading }, false, 'ingest/cancel');
      try {
        const job = await api.call('ingest.cancel', { dir, jobId });
        putJob(job);
        set({ cancelRequest: idle }, false, 'ingest/cancelled');
      } catch (e) {
        const error = toErrorShape(e);
        set({ cancelRequest: failed(error) }, false, 'ingest/cancelFailed');
        get().pushError(error, 'Could not cancel the ingest');
      }
    },

    applyIngestProgress: (progress) => {
      if (!isActiveCase(progress.caseDir)) return;
      set(
        (s) => {
          const job = s.jobsById[progress.jobId];
          // A late progress event must not resurrect a job that already finished.
          if (job && !ACTIVE.has(job.status)) return {};
          return {
            progressByJob: { ...s.progressByJob, [progress.jobId]: progress },
            currentJobId: s.currentJobId === null || !isJobActive(s.jobsById[s.currentJobId]) ? progress.jobId : s.currentJobId,
            jobsById: job
              ? {
                  ...s.jobsById,
                  [job.id]: {
                    ...job,
                    status: 'running',
                    filesDone: progress.filesDone,
                    filesTotal: progress.filesTotal,
                    bytesDone: progress.bytesDone,
                    bytesTotal: progress.bytesTotal,
                    errorCount: progress.errorCount,
                  },
                }
              : s.jobsById,
          };
        },
        false,
        'ingest/progress',
      );
      // A job started elsewhere (another window, the CLI): learn about it, which also starts the job watch.
      if (!get().jobsById[progress.jobId]) void get().loadJobs();
      get().scheduleLiveRefresh();
    },

    applyIngestFinished: (job) => {
      if (!isActiveCase(job.caseDir)) return;
      putJob(job);
      set((s) => ({ currentJobId: s.currentJobId ?? job.id }), false, 'ingest/finished');
      if (job.status === 'failed') get().pushToast('error', `Ingest of ${job.sourcePath} failed${job.message ? `: ${job.message}` : ''}`);
      void get().loadSources();
      void get().refreshCaseInfo();
      void get().refreshArtifacts();
      void get().reloadSelectedDetail();
      get().invalidateTimeline();
    },

    dismissJob: () => set({ currentJobId: null }, false, 'ingest/dismiss'),
    clearStartError: () => set({ startRequest: idle }, false, 'ingest/clearStartError'),
    resetIngest: () => {
      if (pollTimer) clearTimeout(pollTimer);
      pollTimer = null;
      set({ ...initial }, false, 'ingest/reset');
    },
  };
};
