import type { KeyObject } from 'node:crypto';
import type { RuleTable } from '../faults/rules.ts';
import type { BniCredentials } from './envelopes/bni.ts';
import type { ClientDirectory, SimRequest, TokenVerifier } from './envelopes/snap.ts';
import type { ExternalIdRegistry } from './external-ids.ts';
import type { RequestLog } from './request-log.ts';
import type { Services } from './route.ts';
import type { Router } from './router.ts';

// What the request pipeline needs from the simulator that wires it.

export interface PipelineDeps {
  readonly router: Router;
  readonly services: Services;
  readonly rules: RuleTable;
  readonly directory: ClientDirectory;
  readonly externalIds: ExternalIdRegistry;
  readonly tokens: TokenVerifier;
  readonly danaKey: () => KeyObject;
  /** BNI e-collection credentials of the sandbox deposit top-up. */
  readonly bni: () => BniCredentials;
  /** Overrides every endpoint's documented timeout for `client-timeout` delays (tests shorten it). */
  readonly clientTimeoutMs?: number;
  /** Honour the per-request X-Sim-Fault header (off unless the simulator was started with it allowed). */
  readonly allowFaultHeader: boolean;
  /** The seeded random source for probability rules and latency ranges. */
  readonly random: () => number;
  readonly log: RequestLog;
  /**
   * Sees every request's outcome from a known client (live UAT progress): the request body and the
   * parsed reply; a refused envelope too (a UAT case sends a bad signature on purpose).
   */
  readonly observe?: (event: {
    endpoint: string;
    path: string;
    partnerId: string;
    code: string;
    body: unknown;
    reply: unknown;
    /** The X-Dana-Sim-Run header: a UAT run's own call, which live UAT progress does not count. */
    run?: string;
  }) => void;
  readonly sleep: (ms: number) => Promise<void>;
  readonly onBug?: (error: unknown, request: SimRequest) => void;
}
