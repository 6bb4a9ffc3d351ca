import type { AuditEvent, AuditVerification } from '../../../shared/domain/review';
import { api } from '../../api';
import type { SliceCreator } from '../index';
import { failed, idle, loading, toErrorShape, type RequestState } from '../request';

export const AUDIT_PAGE_SIZE = 200;

export interface AuditFilter {
  examiner: string;
  /** An action or its prefix (`tag` matches `tag.set` and `tag.removed`). */
  action: string;
  artifactId: number | null;
}

export interface AuditSlice {
  auditFilter: AuditFilter;
  auditEvents: AuditEvent[];
  auditTotal: number | null;
  auditRequest: RequestState;
  verification: AuditVerification | null;
  verifyRequest: RequestState;
  /** Each artifact's own events, for the detail pane's audit section, loaded when it is looked at. */
  artifactAudit: Record<number, AuditEvent[]>;

  loadAudit: () => Promise<void>;
  loadMoreAudit: () => Promise<void>;
  setAuditFilter: (patch: Partial<AuditFilter>) => void;
  verifyAudit: () => Promise<void>;
  loadArtifactAudit: (id: number) => Promise<void>;
  /** Forgets the cached events of these artifacts (all of them for null), so they load again when shown. */
  dropArtifactAudit: (ids: readonly number[] | null) => void;
  resetAudit: () => void;
}

const initial = {
  auditFilter: { examiner: '', action: '', artifactId: null },
  auditEvents: [],
  auditTotal: null,
  auditRequest: idle,
  verification: null,
  verifyRequest: idle,
  artifactAudit: {},
} satisfies Partial<AuditSlice>;

export const createAuditSlice: SliceCreator<AuditSlice> = (set, get) => {
  let generation = 0;

  const fetchAudit = async (offset: number): Promise<void> => {
    const dir = get().activeCaseDir;
    if (!dir) return;
    const mine = generation;
    const { examiner, action, artifactId } = get().auditFilter;
    set({ auditRequest: loading }, false, 'audit/load');
    try {
      const page = await api.call('audit.list', {
        dir,
        offset,
        limit: AUDIT_PAGE_SIZE,
        ...(examiner.trim() ? { examiner: examiner.trim() } : {}),
        ...(action ? { action } : {}),
        ...(artifactId !== null ? { artifactId } : {}),
      });
      if (mine !== generation || get().activeCaseDir !== dir) return;
      set(
        (s) => ({ auditEvents: offset === 0 ? page.items : [...s.auditEvents, ...page.items], auditTotal: page.total, auditRequest: idle }),
        false,
        'audit/loaded',
      );
    } catch (e) {
      if (mine === generation) set({ auditRequest: failed(toErrorShape(e)) }, false, 'audit/failed');
    }
  };

  return {
    ...initial,

    loadAudit: async () => {
      generation += 1;
      await fetchAudit(0);
    },

    loadMoreAudit: async () => {
      const { auditEvents, auditTotal, auditRequest } = get();
      if (auditRequest.status === 'loading' || auditTotal === null || auditEvents.length >= auditTotal) return;
      await fetchAudit(auditEvents.length);
    },

    setAuditFilter: (patch) => {
      set((s) => ({ auditFilter: { ...s.auditFilter, ...patch } }), false, 'audit/filter');
      void get().loadAudit();
    },

    verifyAudit: async () => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      set({ verifyRequest: loading, verification: null }, false, 'audit/verify');
      try {
        const verification = await api.call('audit.verify', { dir });
        if (get().activeCaseDir === dir) set({ verification, verifyRequest: idle }, false, 'audit/verified');
      } catch (e) {
        set({ verifyRequest: failed(toErrorShape(e)) }, false, 'audit/verifyFailed');
      }
    },

    loadArtifactAudit: async (id) => {
      const dir = get().activeCaseDir;
      if (!dir) return;
      try {
        const page = await api.call('audit.list', { dir, artifactId: id, limit: 200 });
        if (get().activeCaseDir === dir) set((s) => ({ artifactAudit: { ...s.artifactAudit, [id]: page.items } }), false, 'audit/artifact');
      } catch (e) {
        get().pushError(toErrorShape(e), `Could not load the audit events of artifact #${id}`);
      }
    },

    dropArtifactAudit: (ids) =>
      set(
        (s) => ({
          artifactAudit:
            ids === null ? {} : Object.fromEntries(Object.entries(s.artifactAudit).filter(([id]) => !ids.includes(Number(id)))),
        }),
        false,
        'audit/drop',
      ),

    resetAudit: () => {
      generation += 1;
      set({ ...initial }, false, 'audit/reset');
    },
  };
};
