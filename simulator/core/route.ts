import type { EndpointContract } from '../../contracts/common/endpoint.ts';
import type { Clock } from '../clock/clock.ts';
import type { Ids } from '../clock/ids.ts';
import type { Result } from './result.ts';
import type { AccessTokens } from '../signature/tokens.ts';
import type { Database, Transaction } from '../ledger/database.ts';

// What a product provides per endpoint: its contract and one handler. Handlers receive validated
// input and return a Result; they run synchronously so a balance check and the posting it guards
// are one atomic step.

/** A caller DANA knows: a merchant (disbursement, payments) or a bank (virtual account). */
export interface Client {
  readonly kind: 'merchant' | 'bank';
  readonly partnerId: string;
  /** Set for merchants. */
  readonly merchantId?: string;
  readonly clientSecret: string;
  readonly publicKeyPem: string;
}

/** The calling merchant's id; the pipeline's audience check guarantees a merchant endpoint has one. */
export function merchantIdOf(context: HandlerContext): string {
  if (!context.client.merchantId) throw new Error(`merchant endpoint reached by ${context.client.kind} ${context.client.partnerId}`);
  return context.client.merchantId;
}

export interface Reply {
  readonly key: 'SUCCESS' | 'IN_PROGRESS';
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * Settings a product reads at run time. Empty here on purpose: each product adds its own knobs by
 * augmenting this interface (`declare module`), so core never learns what they are, and
 * `SimulatorOptions` accepts them all, typed.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ProductSettings {}

/**
 * Settles a payment made on another product's rail: an order paid through a virtual account. Runs
 * inside the payment's transaction; false when the target cannot be paid (the payment then fails).
 */
export type Payee = (tx: Transaction, key: string, now: number, payment: { readonly source: string; readonly payMethod: string }) => boolean;

export interface Services {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: Ids;
  /** Seed for generated data (user names, bank account holders). */
  readonly seed: string;
  /** Each product's knobs (products declare theirs by augmenting ProductSettings). */
  readonly settings: Readonly<ProductSettings>;
  /** Base URL of hosted pages (the cashier behind webRedirectUrl). */
  readonly pagesUrl: () => string;
  readonly payee: (kind: string) => Payee | undefined;
  readonly tokens: AccessTokens;
}

/**
 * How accepted asynchronous work should finish: its outcome, and after how long on the simulator clock
 * (undefined: the simulator's default). Handlers of endpoints that finish later read it; where it comes
 * from (a fault plan) is no concern of theirs.
 */
export interface Settlement {
  readonly outcome: 'success' | 'failed';
  readonly delayMs?: number;
}

export interface HandlerContext {
  readonly client: Client;
  readonly externalId: string | undefined;
  readonly now: number;
  readonly services: Services;
  /** Set for idempotent endpoints: the record key and the request's fingerprint. */
  readonly idempotency?: { readonly recordKey: string; readonly keyValue: string; readonly fingerprint: string };
  /** Set when this request's accepted work must finish in a given way (asynchronous endpoints only). */
  readonly settle?: Settlement;
}

// Handlers type their own input; the pipeline only hands over what the contract validated.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (input: any, context: HandlerContext) => Result<Reply>;

export interface Route {
  readonly contract: EndpointContract;
  readonly handler: Handler;
}
