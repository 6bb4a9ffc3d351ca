import type { EventName, EventPayload } from '../../shared/ipc/contract';

/** Pushes a backend event to whoever listens: Electron windows, SSE clients, the CLI's progress bar. */
export type EmitEvent = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * What services need from the platform. Electron, the web host and the CLI each fill it; services never import
 * `electron`, so native dialogs arrive here as capabilities.
 */
export interface Ctx {
  host: 'electron' | 'web' | 'cli';
  /** Per-user application data (recent cases); never inside evidence. */
  dataDir: string;
  emit: EmitEvent;
  pickFolder?: (title: string) => Promise<string | null>;
}
