import type { ArtifactSummary } from '../../shared/domain/artifact';
import type { Transport } from '../../shared/ipc/client';
import type { Channel, EventName } from '../../shared/ipc/contract';
import { isAppError } from '../../shared/errors';
import { fail, ok, type Result } from '../../shared/ipc/result';

type Handler = (input: never) => unknown;

/**
 * An in-memory Transport for renderer tests: `invoke` calls a table of fake handlers and `emit` pushes events.
 * Handlers may return a promise to hold a reply back (for ordering tests).
 */
export function memoryTransport(handlers: Partial<Record<Channel, Handler>>) {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const calls: { channel: Channel; input: unknown }[] = [];
  const transport: Transport = {
    invoke: async (channel, input): Promise<Result<unknown>> => {
      calls.push({ channel, input });
      const handler = handlers[channel];
      if (!handler) return fail('internal', `no fake for ${channel}`);
      try {
        return ok(await handler(input as never));
      } catch (e) {
        // Like dispatch: an AppError keeps its code, anything else is internal.
        if (isAppError(e)) return fail(e.code, e.message);
        return fail('internal', e instanceof Error ? e.message : String(e));
      }
    },
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  const emit = (event: EventName, payload: unknown): void => listeners.get(event)?.forEach((l) => l(payload));
  return { transport, calls, emit };
}

export function fakeArtifact(id: number, path: string, extra: Partial<ArtifactSummary> = {}): ArtifactSummary {
  return {
    id,
    sourceId: 1,
    parentId: null,
    path,
    name: path.split('/').pop() ?? path,
    kind: 'file',
    size: id * 10,
    mtime: '2024-03-15T05:22:05.123456789Z',
    ctime: null,
    atime: null,
    birthtime: null,
    mode: 0o644,
    sha256: id.toString(16).padStart(64, '0'),
    sha1: null,
    md5: null,
    mime: 'text/plain',
    mismatch: false,
    duplicateOf: null,
    duplicateCount: 0,
    status: 'ok',
    error: null,
    symlinkTarget: null,
    rawName: null,
    nameEncoding: null,
    ...extra,
  };
}
