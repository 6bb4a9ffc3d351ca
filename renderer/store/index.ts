import { create, type StateCreator } from 'zustand';
import { devtools } from 'zustand/middleware';
import { useShallow } from 'zustand/react/shallow';
import { createArtifactsSlice, type ArtifactsSlice } from './slices/artifacts';
import { createAuditSlice, type AuditSlice } from './slices/audit';
import { createCasesSlice, type CasesSlice } from './slices/cases';
import { createExportsSlice, type ExportsSlice } from './slices/exports';
import { createFoldersSlice, type FoldersSlice } from './slices/folders';
import { createIngestSlice, type IngestSlice } from './slices/ingest';
import { createLogsSlice, type LogsSlice } from './slices/logs';
import { createPreviewSlice, type PreviewSlice } from './slices/preview';
import { createReviewSlice, type ReviewSlice } from './slices/review';
import { createTimelineSlice, type TimelineSlice } from './slices/timeline';
import { createUiSlice, type UiSlice } from './slices/ui';
import { createViewerSlice, type ViewerSlice } from './slices/viewer';
import { createVisualSlice, type VisualSlice } from './slices/visual';
import { createWatchlistSlice, type WatchlistSlice } from './slices/watchlist';

export type AppState = CasesSlice &
  IngestSlice &
  ArtifactsSlice &
  FoldersSlice &
  TimelineSlice &
  PreviewSlice &
  LogsSlice &
  ReviewSlice &
  WatchlistSlice &
  AuditSlice &
  ViewerSlice &
  UiSlice &
  ExportsSlice &
  VisualSlice;

export type SliceCreator<T> = StateCreator<AppState, [['zustand/devtools', never]], [], T>;

/** The one bound store. It caches what the backend owns; nothing here is persisted. */
export const useAppStore = create<AppState>()(
  devtools(
    (...a) => ({
      ...createCasesSlice(...a),
      ...createIngestSlice(...a),
      ...createArtifactsSlice(...a),
      ...createFoldersSlice(...a),
      ...createTimelineSlice(...a),
      ...createPreviewSlice(...a),
      ...createLogsSlice(...a),
      ...createReviewSlice(...a),
      ...createWatchlistSlice(...a),
      ...createAuditSlice(...a),
      ...createViewerSlice(...a),
      ...createUiSlice(...a),
      ...createExportsSlice(...a),
      ...createVisualSlice(...a),
    }),
    { name: 'evidence-workbench', enabled: import.meta.env.DEV },
  ),
);

export { useShallow };
