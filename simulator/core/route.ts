import type { EndpointContract, InputOf } from '../../contracts/common/endpoint.ts';
import type { Money } from '../ledger/money.ts';
import type { Clock } from '../clock/clock.ts';
import type { Ids } from '../clock/ids.ts';
import { ok, type Result } from './result.ts';
import type { AccessTokens } from '../signature/tokens.ts';
import type { Database, Transaction } from '../ledger/database.ts';

// What a product provides per endpoint: its contract and one handler. Handlers receive the input
// the contract describes (validated, amounts already in minor units) and return a Result; they run
// synchronously inside the transaction the pipeline opens, so a balance check, the posting it
// guards and the transaction record the pipeline keeps are one atomic step.

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
export function merchantIdOf(context: RequestContext): string {
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
export type Payee = (
  tx: Transaction,
  key: string,
  now: number,
  payment: { readonly source: string; readonly payMethod: string },
) => boolean;

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

/** What the pipeline knows about a request when its handler runs. */
export interface RequestContext {
  readonly client: Client;
  readonly externalId: string | undefined;
  readonly now: number;
  readonly services: Services;
  /** Set for idempotent endpoints: the record key and the request's fingerprint. */
  readonly idempotency?: { readonly recordKey: string; readonly keyValue: string; readonly fingerprint: string };
  /** Set when this request's accepted work must finish in a given way (asynchronous endpoints only). */
  readonly settle?: Settlement;
  /** The customer token the request carried (SNAP `Authorization-Customer`, Open API `head.accessToken`). */
  readonly customerToken?: string;
}

/** What a handler gets: the request, and the transaction every one of its reads and writes goes through. */
export interface HandlerContext extends RequestContext {
  /** Committed by the pipeline with the transaction record; nothing of it commits when the handler fails. */
  readonly tx: Transaction;
}

/** What a handler says about the transaction it created; the pipeline adds whose, under which key and when. */
export interface NewTransaction {
  /** latestTransactionStatus code (contracts/common/transaction-status.ts). */
  readonly status: string;
  readonly referenceNo?: string;
  readonly amount?: Money;
  /** Product-specific facts (customer, fee, beneficiary). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface Handled {
  readonly reply: Reply;
  /** Required on idempotent endpoints: the pipeline keeps it under the request's key, with the reply. */
  readonly record?: NewTransaction;
}

/** For handlers that only answer (inquiries): a reply, or the failure, with no transaction to keep. */
export function replyOnly(result: Result<Reply>): Result<Handled> {
  return result.ok ? ok({ reply: result.value }) : result;
}

export type Handler<C extends EndpointContract = EndpointContract> = (input: InputOf<C>, context: HandlerContext) => Result<Handled>;

/**
 * The DANA user a request is made for (the customerNumber its customer token names), or undefined when
 * it names nobody. Read-only; the pipeline calls it before the fault plan, so a rule can match on
 * the customer (DANA's sandbox users with fixed answers) while handlers never see rules.
 */
export type CustomerResolver<C extends EndpointContract = EndpointContract> = (
  input: InputOf<C>,
  context: HandlerContext,
) => string | undefined;

/** One endpoint: a contract and the handler of exactly that contract's input. */
export interface Route<C extends EndpointContract = EndpointContract> {
  readonly contract: C;
  readonly handler: Handler<C>;
  /** Set for endpoints whose requests name a customer: rules with `customer` match on what it says. */
  readonly customer?: CustomerResolver<C>;
}

/**
 * Pairs a contract with its handler, checking that the handler takes that contract's input. The
 * pair is then listed with routes of other contracts; the pipeline calls the handler only with
 * input built from the same contract's fields (core/process.ts), which keeps the cast honest.
 */
export function route<C extends EndpointContract>(
  contract: C,
  handler: Handler<C>,
  options: { customer?: CustomerResolver<C> } = {},
): Route {
  return {
    contract,
    handler: handler as unknown as Handler,
    ...(options.customer ? { customer: options.customer as unknown as CustomerResolver } : {}),
  };
}
