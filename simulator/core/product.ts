import type { ParseArgsConfig } from 'node:util';
import type { Effect, RuleSpec } from '../../contracts/common/rule.ts';
import type { Clock } from '../clock/clock.ts';
import type { Ids } from '../clock/ids.ts';
import type { Database, Transaction } from '../ledger/database.ts';
import type { KindHooks, NotificationFields } from '../notifications/outbox.ts';
import type { SimResponse } from './render.ts';
import type { Payee, ProductSettings, Route } from './route.ts';
import type { TransactionRow } from './transactions.ts';

export type { Payee, ProductSettings } from './route.ts';

/**
 * Logs a user in on another product's hosted page from a one-time credential in the page's URL (Widget's
 * OTT on the cashier): the user it names, or why it names none, in words for the page. Spends it, inside
 * the page's transaction. `partnerId` is the merchant whose page it is.
 */
export type PageLogin = (
  tx: Transaction,
  credential: string,
  page: { readonly partnerId: string; readonly now: number },
) => { readonly customerNumber: string } | { readonly refused: string };

// What a product is: one value that says everything the simulator, the control API, the CLI and the
// adapters need to know about it. The simulator composes a list of these; nothing outside a
// product's folder names the product. Each field is optional except the name: a product without
// endpoints (an observer such as UAT progress) is still a product.

/** What a product sees of the running simulator. */
export interface Runtime {
  readonly db: Database;
  readonly clock: Clock;
  readonly ids: Ids;
  /** Seed for generated data (names, bank account holders). */
  readonly seed: string;
  readonly settings: Readonly<ProductSettings>;
  /** Base URL where hosted pages are served (the cashier behind webRedirectUrl). */
  pagesUrl(): string;
  /** What a payment on one product's rail settles in another, by payee kind (see `Product.payees`). */
  payee(kind: string): Payee | undefined;
  /** Who a one-time credential in a page's URL logs in, by query parameter (see `Product.pageLogins`). */
  pageLogin(parameter: string): PageLogin | undefined;
  /** The rules in force, by source (`sandbox` for DANA's magic values). */
  rules(source?: string): ReadonlyArray<Omit<RuleSpec, 'effect'> & { readonly id: string; readonly effect: Effect }>;
  /** Makes committed state durable and runs whatever became due (transfer completion, notifications). */
  settle(): Promise<void>;
}

/** What seeding at first start (and after a reset) may use: the clock's time and the seed. */
export interface SeedContext {
  readonly now: number;
  readonly seed: string;
}

export interface ControlRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

/** A control call the caller got wrong: answered 400 with the message. */
export class ControlError extends Error {
  override name = 'ControlError';
}

export type ControlHandler = (runtime: Runtime, request: ControlRequest) => Promise<unknown> | unknown;
/** Keyed `METHOD /path` under the control prefix, e.g. `GET /orders`. */
export type ControlRoutes = Readonly<Record<string, ControlHandler>>;

export interface PageRequest {
  readonly method: string;
  readonly url: URL;
  readonly body: string;
}

export type PageHandler = (runtime: Runtime, request: PageRequest) => Promise<SimResponse> | SimResponse;

/** Hosted web pages that are not API endpoints (DANA's cashier, the portal's sandbox tools). */
export interface Pages {
  /** DANA hosts these pages live on; the msw adapter serves them there. */
  readonly hosts: readonly string[];
  /** Keyed `METHOD /path`. */
  readonly routes: Readonly<Record<string, PageHandler>>;
}

/** A request to a product's own HTTP API (`Product.api`), read whole before the product sees it. */
export interface ApiRequest {
  readonly method: string;
  /** Path and query as sent; its host is the Host header's (`localhost` without one, as from msw). */
  readonly url: URL;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body text (form-encoded or JSON: the product parses it). */
  readonly body: string;
}

/** A product API's reply, with what the request log should say about it. */
export type ApiReply = SimResponse & {
  readonly log?: {
    readonly endpoint?: string;
    /** The log's code (an error code, `succeeded`); the HTTP status when absent. */
    readonly code?: string;
    readonly partnerId?: string;
    readonly references?: Readonly<Record<string, string>>;
  };
};

/**
 * An HTTP API a product serves in its own shape (not DANA's envelopes): any method, its own paths and
 * errors. Asked after DANA's routes, the control API and hosted pages, before DANA's unknown-route reply.
 */
export interface ProductApi {
  /** Host names its clients call (`apitest.example.com`): the TLS drop-in, msw and the forwarder cover them. */
  readonly hosts: readonly string[];
  matches(method: string, path: string): boolean;
  handle(runtime: Runtime, request: ApiRequest): Promise<ApiReply> | ApiReply;
  /** Its own error reply for what the simulator refuses or breaks on (body too large, a bug, a full disk). */
  failure(status: number, message: string): SimResponse;
}

export type CommandOptions = NonNullable<ParseArgsConfig['options']>;
/** Parsed flags; `_` holds the command's positional argument when it takes one. */
export type Flags = Record<string, string | boolean | undefined>;

/** A wrong command line: the CLI prints the message and the command's usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An IDR amount as the CLI takes it: two decimals, e.g. 1000000.00. */
export const AMOUNT = /^\d{1,16}\.\d{2}$/;

/** What the CLI lends a command: a call to the control API of the simulator the flags point at. */
export interface CommandTools {
  /** Calls the control API, prints the reply with `show` (or as JSON with --json); the exit code. */
  control(flags: Flags, method: string, path: string, body: unknown, show: (value: any) => string, needsRunning?: boolean): Promise<number>;
  /** Products served besides the built-in ones (what `start` passes on to the simulator). */
  readonly extensions: readonly Product[];
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: CommandOptions;
  readonly help: Readonly<Record<string, string>>;
  /** Name of the one positional argument the command requires, if any. */
  readonly argument?: string;
  run(flags: Flags, tools: CommandTools): Promise<number>;
}

/** What a product observes of served traffic (after the reply is decided; it cannot change it). */
export interface Observers {
  request?(
    runtime: Runtime,
    event: {
      readonly endpoint: string;
      /** The path it came in on: products that share an endpoint (Widget's cancel on Payment Gateway's) differ here. */
      readonly path: string;
      readonly partnerId: string;
      readonly code: string;
      readonly body: unknown;
      readonly reply: unknown;
      /** The X-Dana-Sim-Run header: a UAT run's own call, which live UAT progress does not count. */
      readonly run?: string;
    },
  ): void;
  notification?(
    runtime: Runtime,
    event: { readonly kind: string; readonly partnerId: string; readonly body: unknown; readonly acknowledged: boolean },
  ): void;
}

/**
 * A notification a user can have sent again on demand (`dana-sim trigger <subject>`), built by the same
 * builder the product uses, from the referenced record's current state.
 */
export interface NotificationTrigger {
  /** What the reference is, in DANA's words (`partnerReferenceNo`, `virtualAccountNo`). */
  readonly reference: string;
  /** The notification about `reference`, or undefined when there is no such record. */
  build(runtime: Runtime, reference: string, partnerId: string | undefined): NotificationFields | undefined;
  /** The references that exist, for the message when one does not. */
  known(runtime: Runtime, partnerId: string | undefined): string[];
}

export interface Product {
  readonly name: string;
  /** Its DANA endpoints: contract and handler. */
  readonly routes?: readonly Route[];
  /** Tables it owns; a reset clears them. */
  readonly tables?: readonly string[];
  /** Writes its starting state at first start and again after a reset (in the same transaction). */
  seed?(tx: Transaction, context: SeedContext): void;
  /** Clock-driven work (completing transfers, expiring orders): runs on every tick with the clock's time. */
  due?(runtime: Runtime, now: number): void;
  /** How the outbox treats answers to the notifications this product sends, by kind. */
  notificationKinds?(runtime: Runtime): Readonly<Record<string, KindHooks>>;
  /** What payments on other products' rails can settle here, by payee kind. */
  readonly payees?: Readonly<Record<string, Payee>>;
  /** One-time logins it offers other products' pages, by the query parameter carrying them (`ott`). */
  readonly pageLogins?: Readonly<Record<string, PageLogin>>;
  readonly observe?: Observers;
  readonly control?: ControlRoutes;
  /** Notifications `dana-sim trigger` can send again, by subject (`transfer`, `order`, `va`). */
  readonly triggers?: Readonly<Record<string, NotificationTrigger>>;
  readonly commands?: readonly Command[];
  readonly pages?: Pages;
  /** An HTTP API of its own, in its own shape (see ProductApi). */
  readonly api?: ProductApi;
  /**
   * A dotenv file the server writes next to merchant.env (`<data>/<name>`, owner-only), rewritten when
   * its text changes; no file while `env` returns undefined.
   */
  readonly credentialsFile?: {
    readonly name: string;
    env(runtime: Runtime): Readonly<Record<string, string>> | undefined;
  };
  /** Its transactions as the dashboard lists them (GET /__sim/transactions), by kind (`topup`, `order`), oldest first. */
  readonly transactions?: Readonly<Record<string, (runtime: Runtime) => readonly TransactionRow[]>>;
}
