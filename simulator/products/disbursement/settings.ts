import { DEFAULT_TRANSFER_COMPLETION_MS } from '../../../contracts/disbursement/index.ts';

// Disbursement's knobs, added to the simulator's options (SimulatorOptions accepts ProductSettings).

declare module '../../core/route.ts' {
  interface ProductSettings {
    /** How long asynchronous transfers to bank stay in progress, on the simulator clock (default 3 s). */
    readonly transferCompletionMs?: number;
  }
}

export const transferCompletionMs = (settings: { readonly transferCompletionMs?: number }) =>
  settings.transferCompletionMs ?? DEFAULT_TRANSFER_COMPLETION_MS;
