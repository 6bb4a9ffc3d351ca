/// <reference types="vite/client" />
import type { Transport } from '../../shared/ipc/client';

// The preload exposes exactly the contract's Transport; typing it from shared/ipc keeps one source of truth.
declare global {
  interface Window {
    readonly bridge?: Transport;
  }
}

export {};
