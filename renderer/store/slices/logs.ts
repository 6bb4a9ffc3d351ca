import type { LogAnalysis, LogFilter, LogRequest } from '../../../shared/domain/logs';
import { api } from '../../api';
import type { SliceCreator } from '../index';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';

export const LOG_REQUEST_PAGE_SIZE = 200;

/** What the request list is narrowed to: a client, network or place (as the timeline takes it), and a method. */
export type LogRequestFilter = LogFilter & { method?: string };

/** The analysis of one access log, the one whose detail is shown; a log of millions of requests is never held whole. */
export interface LogView {
  dir: string;
  artifactId: number;
  analysis: LogAnalysis | null;
  request: RequestState;
  filter: LogRequestFilter;
  requests: LogRequest[];
  requestTotal: number;
  requestsRequest: RequestState;
}

export interface LogsSlice {
  logView: LogView | null;
  /** Analyses a log (again when `force`, e.g. after it was extracted again) and lists its first requests. */
  loadLogAnalysis: (artifactId: number, force?: boolean) => Promise<void>;
  /** Narrows the request list; the next page of the same filter comes from `loadMoreLogRequests`. */
  filterLogRequests: (filter: LogRequestFilter) => void;
  loadMoreLogRequests: () => Promise<void>;
  /** Narrows the request list to a client, network or place, and shows the same requests on the timeline. */
  showLogFilter: (filter: LogFilter) => void;
}

const sameView = (v: LogView | null, dir: string, artifactId: number): v is LogView =>
  v !== null && v.dir === dir && v.artifactId === artifactId;

export const createLogsSlice: SliceCreator<LogsSlice> = (set, get) => {
  /** Bumped when the list's filter changes, so pages asked for under another filter are dropped. */
  let listGeneration = 0;

  const fetchRequests = async (offset: number): Promise<void> => {
    const view = get().logView;
    if (!view) return;
    const { dir, artifactId, filter } = view;
    const mine = listGeneration;
    const current = (): LogView | null => {
      const v = get().logView;
      return mine === listGeneration && sameView(v, dir, artifactId) ? v : null;
    };
    set({ logView: { ...view, requestsRequest: loading } }, false, 'logs/fetchRequests');
    try {
      const page = await api.call('logs.requests', { dir, artifactId, ...filter, offset, limit: LOG_REQUEST_PAGE_SIZE });
      const v = current();
      if (!v) return;
      set(
        {
          logView: {
            ...v,
            requests: offset === 0 ? page.items : [...v.requests, ...page.items],
            requestTotal: page.total,
            requestsRequest: idle,
          },
        },
        false,
        'logs/requestsLoaded',
      );
    } catch (e) {
      const v = current();
      if (v) set({ logView: { ...v, requestsRequest: failed(toErrorShape(e)) } }, false, 'logs/requestsFailed');
    }
  };

  return {
    logView: null,

    loadLogAnalysis: async (artifactId, force = false) => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      const previous = get().logView;
      if (!force && sameView(previous, dir, artifactId) && previous.request.status !== 'error') return;
      listGeneration += 1;
      const filter = sameView(previous, dir, artifactId) ? previous.filter : {};
      set(
        {
          logView: {
            dir,
            artifactId,
            analysis: sameView(previous, dir, artifactId) ? previous.analysis : null,
            request: loading,
            filter,
            requests: [],
            requestTotal: 0,
            requestsRequest: idle,
          },
        },
        false,
        'logs/load',
      );
      void fetchRequests(0);
      try {
        const analysis = await api.call('logs.summary', { dir, artifactId });
        const v = get().logView;
        if (sameView(v, dir, artifactId)) set({ logView: { ...v, analysis, request: idle } }, false, 'logs/loaded');
      } catch (e) {
        const v = get().logView;
        if (sameView(v, dir, artifactId)) set({ logView: { ...v, request: failed(toErrorShape(e)) } }, false, 'logs/failed');
      }
    },

    filterLogRequests: (filter) => {
      const view = get().logView;
      if (!view) return;
      listGeneration += 1;
      set({ logView: { ...view, filter, requests: [], requestTotal: 0 } }, false, 'logs/filter');
      void fetchRequests(0);
    },

    loadMoreLogRequests: async () => {
      const view = get().logView;
      if (!view || view.requestsRequest.status === 'loading' || view.requests.length >= view.requestTotal) return;
      await fetchRequests(view.requests.length);
    },

    showLogFilter: (filter) => {
      const view = get().logView;
      if (!view) return;
      get().filterLogRequests(filter);
      get().showLogRequestsInTimeline({ id: view.artifactId, path: view.analysis?.path ?? '' }, filter);
    },
  };
};
