import type { ArtifactSummary } from '../../shared/domain/artifact';
import { z } from 'zod';
import type { Transport } from '../../shared/ipc/client';
import {
  events,
  procedures,
  type Channel,
  type EventName,
  type EventPayload,
  type Output,
  type ParsedInput,
} from '../../shared/ipc/contract';
import { isAppError } from '../../shared/errors';
import { fail, ok, type Result } from '../../shared/ipc/result';

/** Fake handlers typed from the contract: a fake that takes or returns the wrong shape does not compile. */
export type FakeHandlers = { [C in Channel]?: (input: ParsedInput<C>) => Output<C> | Promise<Output<C>> };

/**
 * An in-memory Transport for renderer tests: `invoke` calls a table of fake handlers and `emit` pushes events.
 * Inputs, replies and events are checked against the contract's schemas at run time too, as dispatch checks them,
 * so a fake cannot drift from what the backend sends. Handlers may return a promise to hold a reply back.
 */
export function memoryTransport(handlers: FakeHandlers) {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const calls: { channel: Channel; input: unknown }[] = [];
  const transport: Transport = {
    invoke: async (channel, input): Promise<Result<unknown>> => {
      calls.push({ channel, input });
      const handler = handlers[channel] as ((input: unknown) => unknown) | undefined;
      if (!handler) return fail('internal', `no fake for ${channel}`);
      const parsed = procedures[channel].input.safeParse(input);
      if (!parsed.success) return fail('invalid_input', z.prettifyError(parsed.error));
      try {
        return ok(procedures[channel].output.parse(await handler(parsed.data)));
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
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const checked = events[event].parse(payload);
    listeners.get(event)?.forEach((l) => l(checked));
  };
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
    language: null,
    variant: null,
    nkScore: 0,
    stage: null,
    starred: false,
    tags: [],
    labelIds: [],
    noteCount: 0,
    openSuggestions: 0,
    ...extra,
  };
}
