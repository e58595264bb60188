import type { SimulatorClock } from './clock/clock.ts';
import type { SimRequest } from './core/envelopes/snap.ts';
import type { Product, ProductSettings } from './core/product.ts';
import type { Store } from './ledger/store.ts';
import type { MerchantSeed, PartnerSeed } from './parties/provision.ts';
import type { RsaKeyPair } from './signature/keys.ts';

// How a simulator is started: storage, identities, time, faults, products and their settings.

export interface SimulatorOptions extends ProductSettings {
  /** Defaults to memory: nothing survives the process (tests, msw). */
  readonly store?: Store;
  /** Seed for generated names and probability rules; persisted at first start. */
  readonly seed?: string;
  /** DANA's sandbox magic values as default rules (default true). */
  readonly sandboxRules?: boolean;
  /** Replaces every endpoint's documented timeout for `client-timeout` delays. */
  readonly clientTimeoutMs?: number;
  readonly clock?: SimulatorClock;
  /** Fixed credentials for the merchant provisioned at first start. */
  readonly merchant?: MerchantSeed;
  /** Fixed credentials for the bank provisioned at first start. */
  readonly partner?: PartnerSeed;
  /** A fixed DANA key pair (tests reuse one to skip key generation). */
  readonly danaKeys?: RsaKeyPair;
  /** Base URL of hosted pages (the cashier in webRedirectUrl; the HTTP server sets its own). */
  readonly pagesUrl?: string | (() => string);
  /** How long a merchant has to answer a notification (default DANA's 8 s). */
  readonly notificationTimeoutMs?: number;
  /** Honour the per-request X-Sim-Fault header (default false: it must never leak into a shared deployment). */
  readonly allowFaultHeader?: boolean;
  /** Run due work (transfer completion, notification delivery) on a timer (default true). */
  readonly background?: boolean;
  /** The products served (default: every product in products/index.ts). */
  readonly products?: readonly Product[];
  /** More products served besides (observers such as live UAT progress). */
  readonly extensions?: readonly Product[];
  /** Bodies above this many bytes get DANA's Bad Request (default 1 MiB), whichever adapter delivered them. */
  readonly maxBodyBytes?: number;
  /** When set, control calls through fetch() need `Authorization: Bearer <token>`. */
  readonly controlToken?: string;
  readonly onBug?: (error: unknown, request: SimRequest) => void;
}

/** Who sent a request, as the adapter saw the connection: the control API answers loopback callers only. */
export interface Connection {
  readonly loopback: boolean;
  /** Came over a socket (node:http, TLS, the proxy): a browser may be behind it, so Host and Origin are checked. */
  readonly socket?: boolean;
  /** Served by the TLS drop-in (its listeners or proxy): DANA's host names are the user's own mapping. */
  readonly dropIn?: boolean;
}
