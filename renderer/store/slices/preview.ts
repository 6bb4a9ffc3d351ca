import type { ArtifactPreview } from '../../../shared/domain/preview';
import { api } from '../../api';
import type { SliceCreator } from '../index';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';

/** The preview of the selected artifact only: images can weigh megabytes, so none are kept for other rows. */
export interface PreviewState {
  dir: string;
  id: number;
  /** What the artifact's bytes were known as when asked (its SHA-256, or its status before hashing). */
  version: string;
  request: RequestState;
  preview: ArtifactPreview | null;
}

export interface PreviewSlice {
  preview: PreviewState | null;
  /** Asks for an artifact's preview unless the same artifact in the same version is loaded or loading. */
  loadPreview: (id: number, version: string) => Promise<void>;
}

export const createPreviewSlice: SliceCreator<PreviewSlice> = (set, get) => {
  const isCurrent = (p: PreviewState | null, dir: string, id: number, version: string): boolean =>
    p !== null && p.dir === dir && p.id === id && p.version === version;

  return {
    preview: null,

    loadPreview: async (id, version) => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      const current = get().preview;
      if (isCurrent(current, dir, id, version) && current?.request.status !== 'error') return;
      set({ preview: { dir, id, version, request: loading, preview: null } }, false, 'preview/load');
      try {
        const preview = await api.call('artifacts.preview', { dir, id });
        if (isCurrent(get().preview, dir, id, version))
          set({ preview: { dir, id, version, request: idle, preview } }, false, 'preview/loaded');
      } catch (e) {
        if (isCurrent(get().preview, dir, id, version))
          set({ preview: { dir, id, version, request: failed(toErrorShape(e)), preview: null } }, false, 'preview/failed');
      }
    },
  };
};
