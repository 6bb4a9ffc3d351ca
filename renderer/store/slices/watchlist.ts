import { Watchlist } from '../../../shared/domain/analysis';
import type { ProductionInput } from '../../../shared/domain/review';
import { api } from '../../api';
import type { SliceCreator } from '../index';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';

export interface WatchlistSlice {
  watchlistRequest: RequestState;
  saveProduction: (production: ProductionInput) => Promise<boolean>;
  removeProduction: (id: string) => Promise<boolean>;
  /** Reads a watchlist file's text; adds its productions, or replaces the case's list with them. */
  importWatchlist: (text: string, isReplacing: boolean) => Promise<boolean>;
  /** The case's watchlist as the JSON text of a watchlist file, or null when it could not be read. */
  exportWatchlist: () => Promise<string | null>;
}

/** Productions are committed as they are saved; the suggestions follow when the backend has matched every artifact again. */
export const createWatchlistSlice: SliceCreator<WatchlistSlice> = (set, get) => {
  const run = async <T>(what: string, call: (dir: string, examiner: string) => Promise<T>): Promise<T | null> => {
    const { activeCaseDir: dir, examiner } = get();
    if (!dir || !examiner) return null;
    set({ watchlistRequest: loading }, false, 'watchlist/call');
    try {
      const result = await call(dir, examiner);
      set({ watchlistRequest: idle }, false, 'watchlist/done');
      void get().loadProductions();
      void get().loadUndoStatus();
      return result;
    } catch (e) {
      const error = toErrorShape(e);
      set({ watchlistRequest: failed(error) }, false, 'watchlist/failed');
      get().pushError(error, `Could not ${what}`);
      return null;
    }
  };

  return {
    watchlistRequest: idle,

    saveProduction: async (production) =>
      (await run(`save ${production.title}`, (dir, examiner) => api.call('productions.save', { dir, examiner, production }))) !== null,

    removeProduction: async (id) =>
      (await run('remove the production', (dir, examiner) => api.call('productions.remove', { dir, examiner, id }))) !== null,

    importWatchlist: async (text, isReplacing) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        get().pushToast('error', `That file is not JSON: ${e instanceof Error ? e.message : String(e)}`);
        return false;
      }
      const watchlist = Watchlist.safeParse(parsed);
      if (!watchlist.success) {
        const issue = watchlist.error.issues[0];
        get().pushToast(
          'error',
          `That file is not a watchlist: ${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'unknown shape'}`,
        );
        return false;
      }
      const done = await run('import the watchlist', (dir, examiner) =>
        api.call('productions.import', { dir, examiner, watchlist: watchlist.data, replace: isReplacing }),
      );
      if (done)
        get().pushToast(
          'info',
          `Imported ${watchlist.data.productions.length} productions; suggestions follow as artifacts are matched again.`,
        );
      return done !== null;
    },

    exportWatchlist: async () => {
      const dir = get().activeCaseDir;
      if (!dir) return null;
      try {
        return `${JSON.stringify(await api.call('productions.export', { dir }), null, 2)}\n`;
      } catch (e) {
        get().pushError(toErrorShape(e), 'Could not export the watchlist');
        return null;
      }
    },
  };
};
