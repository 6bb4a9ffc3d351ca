import type { ArtifactPreview } from '../../../shared/domain/preview';
import { api } from '../../api';
import type { SliceCreator } from '../index';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';

/** PDF pages are rendered this wide for the viewer: sharp at twice the detail pane's size, and when zoomed in. */
export const VIEWER_PAGE_WIDTH = 1600;

export interface ViewerState {
  dir: string;
  artifactId: number;
  page: number;
  request: RequestState;
  preview: ArtifactPreview | null;
}

export interface ViewerSlice {
  viewer: ViewerState | null;
  openViewer: (artifactId: number, page?: number) => Promise<void>;
  setViewerPage: (page: number) => Promise<void>;
  closeViewer: () => void;
}

export const createViewerSlice: SliceCreator<ViewerSlice> = (set, get) => {
  let seq = 0;

  const load = async (artifactId: number, page: number): Promise<void> => {
    const dir = get().activeCaseDir;
    if (!dir) return;
    const mine = ++seq;
    set(
      (s) => ({
        viewer: {
          dir,
          artifactId,
          page,
          request: loading,
          // The previous page stays on screen until the next one arrives.
          preview: s.viewer?.artifactId === artifactId ? s.viewer.preview : null,
        },
      }),
      false,
      'viewer/load',
    );
    try {
      const preview = await api.call('artifacts.preview', { dir, id: artifactId, page, width: VIEWER_PAGE_WIDTH });
      if (mine === seq) set({ viewer: { dir, artifactId, page, request: idle, preview } }, false, 'viewer/loaded');
    } catch (e) {
      if (mine === seq)
        set((s) => ({ viewer: s.viewer ? { ...s.viewer, request: failed(toErrorShape(e)) } : null }), false, 'viewer/failed');
    }
  };

  return {
    viewer: null,
    openViewer: (artifactId, page = 1) => load(artifactId, page),
    setViewerPage: async (page) => {
      const viewer = get().viewer;
      if (!viewer) return;
      const pdf = viewer.preview?.kind === 'image' ? viewer.preview.pdf : undefined;
      const target = Math.max(1, Math.min(page, pdf?.pageCount ?? page));
      if (target !== viewer.page || viewer.request.status === 'error') await load(viewer.artifactId, target);
    },
    closeViewer: () => {
      seq += 1;
      set({ viewer: null }, false, 'viewer/close');
    },
  };
};
