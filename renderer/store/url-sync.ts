import { decodeView, encodeView, type ViewState } from '../lib/view-state';
import { useAppStore, type AppState } from './index';

/** The view the address names, read once at boot so a reload shows the same case, filters and artifact. */
export function viewFromUrl(): ViewState | null {
  return decodeView(window.location.hash);
}

function viewOf(s: AppState): ViewState | null {
  if (!s.activeCaseDir) return null;
  const { sort, order, filter, sourceId, pathPrefix, filters } = s.query;
  return { dir: s.activeCaseDir, sort, order, filter, sourceId, pathPrefix, filters, selectedId: s.selectedId, tab: s.centerTab };
}

let wired = false;

/**
 * Keeps the address's fragment in step with the open view (replacing the history entry, so Back leaves the app rather
 * than stepping through every filter). Wired once at boot, like the backend events.
 */
export function wireUrlSync(): void {
  if (wired) return;
  wired = true;
  let last = window.location.hash.replace(/^#/, '');
  let hadCase = false;
  useAppStore.subscribe((s) => {
    const view = viewOf(s);
    // Until a case is entered the fragment is left alone: it may be the view a reload is about to restore.
    if (!view && !hadCase) return;
    hadCase = view !== null;
    const next = view ? encodeView(view) : '';
    if (next === last) return;
    last = next;
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${next ? `#${next}` : ''}`);
  });
}
