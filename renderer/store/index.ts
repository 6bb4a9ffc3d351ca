import { create, type StateCreator } from 'zustand';
import { devtools } from 'zustand/middleware';
import { useShallow } from 'zustand/react/shallow';
import { createArtifactsSlice, type ArtifactsSlice } from './slices/artifacts';
import { createCasesSlice, type CasesSlice } from './slices/cases';
import { createExportsSlice, type ExportsSlice } from './slices/exports';
import { createFoldersSlice, type FoldersSlice } from './slices/folders';
import { createIngestSlice, type IngestSlice } from './slices/ingest';
import { createPreviewSlice, type PreviewSlice } from './slices/preview';
import { createTimelineSlice, type TimelineSlice } from './slices/timeline';
import { createUiSlice, type UiSlice } from './slices/ui';

export type AppState = CasesSlice & IngestSlice & ArtifactsSlice & FoldersSlice & TimelineSlice & PreviewSlice & UiSlice & ExportsSlice;

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
      ...createUiSlice(...a),
      ...createExportsSlice(...a),
    }),
    { name: 'evidence-workbench', enabled: import.meta.env.DEV },
  ),
);

export { useShallow };
