import type { EndpointContract } from '../../contracts/common/endpoint.ts';
import type { Database } from '../ledger/database.ts';
import type { Clock } from '../clock/clock.ts';
import type { Ids } from '../clock/ids.ts';
import type { Result } from './result.ts';
import type { AccessTokens } from '../signature/tokens.ts';

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

export interface Services {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: Ids;
  /** Seed for generated data (user names, bank account holders). */
  readonly seed: string;
  /** How long asynchronous transfers stay in progress (simulator clock). */
  readonly transferCompletionMs: number;
  /** The VA inquiry-to-payment window (default DANA's 5 minutes). */
  readonly vaWindowMs?: number;
  /** Where the simulated DANA cashier (pay page) is served, for webRedirectUrl. */
  readonly cashierUrl: () => string;
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
