import type { Transport } from '../../shared/ipc/client';
import { fail } from '../../shared/ipc/result';

/** Wraps the preload bridge so a rejected IPC promise (no handler, window torn down) still comes back as a Result. */
export function bridgeTransport(bridge: Transport): Transport {
  return {
    invoke: async (channel, input) => {
      try {
        return await bridge.invoke(channel, input);
      } catch (e) {
        return fail('internal', `IPC call ${channel} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    subscribe: (event, listener) => bridge.subscribe(event, listener),
  };
}
