import type { EventName } from '../../shared/ipc/contract';
import type { EmitEvent } from '../services/context';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Fan-out of backend events to every transport that listens (Electron windows, SSE clients, CLI). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  readonly emit: EmitEvent = (event, payload) => {
    for (const listener of this.listeners) listener(event, payload);
  };

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
