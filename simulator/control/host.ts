import type { BniCredentials } from '../core/envelopes/bni.ts';
import type { ControlRequest, Product, Runtime } from '../core/product.ts';
import type { RequestLog } from '../core/request-log.ts';
import type { RuleTable } from '../faults/rules.ts';
import type { Parties } from '../parties/registry.ts';
import type { CredentialsSource } from './credentials.ts';

// What the simulator-wide control routes need of the simulator; products' control routes see only
// the Runtime. The simulator implements this, so control/ never imports it.

export interface ControlHost {
  readonly runtime: Runtime;
  readonly products: readonly Product[];
  readonly parties: Parties;
  readonly rules: RuleTable;
  readonly log: RequestLog;
  readonly danaPublicKeyPem: string;
  /** BNI e-collection credentials of the sandbox deposit top-up. */
  bni(): BniCredentials;
  /** Where the server wrote the credentials file; undefined in-process (no private key is served then). */
  credentials(): CredentialsSource | undefined;
  /** Moves the clock (durably) and runs what became due before resolving. */
  advanceClock(durationMs: number): Promise<void>;
  /** How far the clock has been moved from real time. */
  clockOffsetMs(): number;
  /** Puts the clock back to an offset a clock snapshot took (durable when it resolves). */
  restoreClock(offsetMs: number): Promise<void>;
  /** Wipes transactions, balances and notifications, keeps identities, and re-seeds every product; durable when it resolves. */
  reset(): Promise<void>;
}

export type HostHandler = (host: ControlHost, request: ControlRequest) => Promise<unknown> | unknown;
export type HostRoutes = Readonly<Record<string, HostHandler>>;
