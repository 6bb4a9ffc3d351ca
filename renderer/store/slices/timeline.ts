import type { LogFilter } from '../../../shared/domain/logs';
import type { TimelineCursor, TimelineEvent } from '../../../shared/domain/search';
import { api } from '../../api';
import { timelineBounds, type TimeRangeInput } from '../../lib/time-range';
import type { SliceCreator } from '../index';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';

export const TIMELINE_PAGE_SIZE = 500;

export interface TimelineSlice {
  timelineEvents: TimelineEvent[];
  /** Where the next page starts; null when the last page was the end. */
  timelineNext: TimelineCursor | null;
  /** There are more events after the loaded ones. */
  timelineHasMore: boolean;
  /** Only access-log requests from this client, network or place (set from the log view). */
  timelineLogFilter: LogFilter | null;
  timelineRequest: RequestState;
  timelineRange: TimeRangeInput;
  /** When set, the timeline shows this artifact only instead of following the folder picked in the tree. */
  timelineArtifact: { id: number; path: string } | null;
  /** Loaded events no longer match the scope or the data (a folder was picked, an ingest finished). */
  isTimelineStale: boolean;
  /** Row the arrow keys move, an index into `timelineEvents`. */
  timelineCursor: number | null;

  loadTimeline: () => Promise<void>;
  loadMoreTimeline: () => Promise<void>;
  /** Reloads now when the timeline is on screen, else on the next visit. */
  invalidateTimeline: () => void;
  setTimelineRange: (range: TimeRangeInput) => void;
  /** Pins the timeline to the selected artifact (`true`) or goes back to the tree's folder (`false`). */
  pinTimelineArtifact: (isPinned: boolean) => void;
  /**
   * Shows one log's requests from a client, network or place: the timeline is pinned to that log, narrowed by the
   * filter and brought to the front. Unpinning keeps the filter, across every log in scope.
   */
  showLogRequestsInTimeline: (artifact: { id: number; path: string }, filter: LogFilter) => void;
  clearTimelineLogFilter: () => void;
  /** Moves the cursor by `delta` rows and shows that event's artifact; returns the new index. */
  moveTimelineCursor: (delta: number) => number | null;
  openTimelineEvent: (index: number) => void;
  resetTimeline: () => void;
}

const initial = {
  timelineEvents: [],
  timelineNext: null,
  timelineHasMore: false,
  timelineLogFilter: null,
  timelineRequest: idle,
  timelineRange: { from: '', to: '' },
  timelineArtifact: null,
  isTimelineStale: true,
  timelineCursor: null,
} satisfies Partial<TimelineSlice>;

export const createTimelineSlice: SliceCreator<TimelineSlice> = (set, get) => {
  /** Bumped when the scope changes, so pages of an older scope are dropped. */
  let generation = 0;

  const fetchPage = async (after: TimelineCursor | null): Promise<void> => {
    const dir = get().activeCaseDir;
    if (!dir) return;
    const mine = generation;
    const { query, timelineArtifact, timelineRange, timelineLogFilter } = get();
    const scope = timelineArtifact
      ? { artifactId: timelineArtifact.id }
      : { ...(query.sourceId !== null ? { sourceId: query.sourceId } : {}), ...(query.pathPrefix ? { pathPrefix: query.pathPrefix } : {}) };
    set({ timelineRequest: loading }, false, 'timeline/fetch');
    try {
      const page = await api.call('timeline.list', {
        dir,
        ...scope,
        ...timelineBounds(timelineRange),
        ...timelineLogFilter,
        ...(after ? { after } : {}),
        limit: TIMELINE_PAGE_SIZE,
      });
      if (mine !== generation || get().activeCaseDir !== dir) return;
      set(
        (s) => ({
          timelineEvents: after === null ? page.events : [...s.timelineEvents, ...page.events],
          timelineNext: page.next,
          timelineHasMore: page.next !== null,
          timelineRequest: idle,
        }),
        false,
        'timeline/loaded',
      );
    } catch (e) {
      if (mine === generation) set({ timelineRequest: failed(toErrorShape(e)) }, false, 'timeline/failed');
    }
  };

  return {
    ...initial,

    loadTimeline: async () => {
      generation += 1;
      set(
        { timelineEvents: [], timelineNext: null, timelineHasMore: false, timelineCursor: null, isTimelineStale: false },
        false,
        'timeline/load',
      );
      await fetchPage(null);
    },

    loadMoreTimeline: async () => {
      const { timelineNext, timelineRequest } = get();
      if (!timelineNext || timelineRequest.status === 'loading') return;
      await fetchPage(timelineNext);
    },

    invalidateTimeline: () => {
      if (get().centerTab === 'timeline') void get().loadTimeline();
      else set({ isTimelineStale: true }, false, 'timeline/stale');
    },

    setTimelineRange: (range) => {
      set({ timelineRange: range }, false, 'timeline/range');
      void get().loadTimeline();
    },

    pinTimelineArtifact: (isPinned) => {
      const { selectedId, detailsById } = get();
      const detail = selectedId === null ? undefined : detailsById[selectedId];
      if (isPinned && !detail) return;
      set({ timelineArtifact: isPinned && detail ? { id: detail.id, path: detail.path } : null }, false, 'timeline/pin');
      void get().loadTimeline();
    },

    showLogRequestsInTimeline: (artifact, filter) => {
      set({ timelineArtifact: { id: artifact.id, path: artifact.path }, timelineLogFilter: filter }, false, 'timeline/logFilter');
      if (get().centerTab === 'timeline') void get().loadTimeline();
      else {
        set({ isTimelineStale: true }, false, 'timeline/stale');
        get().setCenterTab('timeline');
      }
    },

    clearTimelineLogFilter: () => {
      set({ timelineLogFilter: null }, false, 'timeline/clearLogFilter');
      void get().loadTimeline();
    },

    moveTimelineCursor: (delta) => {
      const { timelineEvents, timelineCursor } = get();
      if (timelineEvents.length === 0) return null;
      const next =
        timelineCursor === null
          ? delta > 0
            ? 0
            : timelineEvents.length - 1
          : Math.min(timelineEvents.length - 1, Math.max(0, timelineCursor + delta));
      get().openTimelineEvent(next);
      return next;
    },

    openTimelineEvent: (index) => {
      const event = get().timelineEvents[index];
      if (!event) return;
      set({ timelineCursor: index }, false, 'timeline/cursor');
      if (get().selectedId !== event.artifactId) get().selectArtifact(event.artifactId);
    },

    resetTimeline: () => {
      generation += 1;
      set({ ...initial }, false, 'timeline/reset');
    },
  };
};
