import type { Channel, EventName, EventPayload, Input, Output } from './contract';
import { unwrap, type Result } from './result';

/** What every transport (Electron preload bridge, HTTP, in-memory for tests) implements. */
export interface Transport {
  invoke(channel: Channel, input: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export interface Client {
  call<C extends Channel>(channel: C, ...input: Input<C> extends void ? [] : [Input<C>]): Promise<Output<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** A typed client over any transport; failures come back as a thrown AppError. */
export const createClient = (transport: Transport): Client => ({
  call: async (channel, ...input) => unwrap(await transport.invoke(channel, input[0])) as never,
  on: (event, listener) => transport.subscribe(event, listener as (payload: unknown) => void),
});
