import type { Predicate, RuleSpec } from '../contracts/common/rule.ts';

// The data of a UAT case (scenarios/cases/<id>.json) and of a run's results. Cases are checked by
// their expected outcomes, never by their names; the same files run against the in-process
// simulator, a running dana-sim, or DANA's sandbox.

/** Which `dana-sim uat --product` selection a case belongs to, e.g. disbursement, va, merchant, payment_gateway. */
export type Product = string;

/** API operations a client adapter can perform: an endpoint key the simulator serves (the official SDKs' method names). */
export type Operation = string;

export interface CaseFile {
  /** DANA's UAT case name, e.g. TopUpCustomerValid; also the file name. */
  readonly id: string;
  /** The Merchant Portal scenario it counts under, without "(mandatory)", e.g. "Dana Disbursement TopUp". */
  readonly scenario: string;
  readonly mandatory: boolean;
  /** One product, or several when DANA's UAT lists the case under each (the finish-notify cases). */
  readonly product: Product | readonly Product[];
  readonly title: string;
  /** Where the expectation comes from, e.g. "sandbox-magic-values.md section 3". */
  readonly source?: string;
  /** One line for `dana-sim uat status`: how a merchant's own app triggers it; derived from `classify` when absent. */
  readonly hint?: string;
  /** How the simulator recognises this case in live traffic (`dana-sim uat status`). */
  readonly classify?: Classify;
  readonly setup?: Setup;
  readonly steps: readonly Step[];
}

export interface Setup {
  /** Rules added for this case (simulator targets only; the case is skipped on DANA's sandbox). */
  readonly rules?: readonly RuleSpec[];
  /** Replies of the local notification receiver, in order (the last repeats). Default: 200 with 2005600. */
  readonly receiver?: readonly { readonly status: number; readonly body?: unknown }[];
}

export type Step = CallStep | ClockStep | PayVaStep | PayOrderStep | NotifyStep | BindStep;

export interface CallStep {
  readonly call: Operation;
  /** Send it through the raw signer even when another client is chosen: the UAT sends it by hand. */
  readonly via?: 'raw';
  /**
   * Which of the endpoint's paths to call where products share it (Widget's `/v1.0/debit/cancel.htm` of
   * cancelOrder); default its first. An adapter takes it as the operation `<call> <path>`, else raw.
   */
  readonly path?: string;
  /** Templates: {{uuid}}, {{merchantId}}, {{partnerServiceId}}, {{validUpTo+360s}}, {{notifyUrl}}, {{returnUrl}}, {{<saved name>}}. */
  readonly request: unknown;
  /** Raw-only manipulations after signing, e.g. a fake X-SIGNATURE or an empty X-TIMESTAMP. */
  readonly tamper?: { readonly headers?: Readonly<Record<string, string>> };
  /**
   * Values to remember: name -> "request.<path>" or "response.<path>". Request values are saved
   * before the call, so this step's expectations can use them too (an echo); response values
   * serve later steps.
   */
  readonly save?: Readonly<Record<string, string>>;
  readonly expect: CallExpectation;
}

export interface CallExpectation {
  /** SNAP responseCode or Open API resultCode; a list means any of them. */
  readonly code: string | readonly string[];
  readonly message?: string | readonly string[];
  /** Dotted paths into the response body (Open API: relative to response.body) and their values. */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Dotted paths that must hold a value whatever it is (DANA's fixtures: `${valueFromServer}`). */
  readonly present?: readonly string[];
  /**
   * Ledger accounts and their signed change, e.g. {"merchant.deposit": "-2.00", "user:62811742234": "+1.00"}
   * (simulator targets only). Aliases: `merchant.<account>` (deposit, deposit-reserved, settlement)
   * of the target's merchant, `bank.settlement` of the VA bank; other names are ledger accounts.
   */
  readonly balances?: Readonly<Record<string, string>>;
}

/** Move the simulator clock (real DANA: wait). */
export interface ClockStep {
  readonly advanceClock: string;
}

/** Pay a VA by number through the portal's sandbox tools, as DANA's UAT does. */
export interface PayVaStep {
  readonly payVa: string;
  /** The money the payment moves, as in a call's expectation (simulator targets only). */
  readonly expect?: Pick<CallExpectation, 'balances'>;
}

/**
 * Pay an order by its partnerReferenceNo as a DANA user, what DANA's UAT does in a browser at the
 * hosted cashier; sent through the target's control API (`dana-sim order pay`), so skipped, with the
 * rest of the case, on DANA's sandbox.
 */
export interface PayOrderStep {
  readonly payOrder: string;
  /** The paying user's phone (62...); default: the control API's default UAT customer. */
  readonly payer?: string;
  readonly expect?: Pick<CallExpectation, 'balances'>;
}

/**
 * Link a DANA user's account to the merchant on the binding page (phone, then PIN), as DANA's UAT does
 * in a browser, and save the authCode it redirects with (scenarios/bind-step.ts). Driven over HTTP on a
 * simulator, whatever the client; skipped, with the rest of the case, on DANA's sandbox.
 */
export interface BindStep {
  readonly bind: { readonly phone: string; readonly pin: string };
  /** The name the authCode is saved under; default `authCode`. */
  readonly as?: string;
}

/** A notification must reach the local receiver (simulator targets only). */
export interface NotifyStep {
  readonly expectNotify: {
    readonly kind: 'finishNotify' | 'transferToBankNotify';
    readonly fields?: Readonly<Record<string, unknown>>;
    /** How many deliveries the receiver must have seen (retries included); default 1. */
    readonly attempts?: number;
  };
}

export type Classify =
  | {
      readonly endpoint: Operation;
      /** The path, where products share the endpoint (Widget's cancel, refund and query); any path when absent. */
      readonly path?: string;
      readonly code: string;
      /** Conditions on the request body. */
      readonly when?: readonly Predicate[];
      /** Conditions on the reply body, where the request alone cannot tell cases apart (an order's status). */
      readonly reply?: readonly Predicate[];
    }
  | {
      readonly notification: 'finishNotify' | 'transferToBankNotify';
      readonly outcome: 'delivered' | 'rejected';
      readonly when?: readonly Predicate[];
    };

export type CaseStatus = 'passed' | 'failed' | 'skipped';

/** Who made a call: the chosen client (`--client`: the user's adapter, dana-node or raw) or dana-sim's built-in signer. */
export type StepClient = 'adapter' | 'built-in';

/** Why the built-in signer made a call: the adapter lacks the operation, or no client could make it. */
export type BuiltInReason = 'not in adapter' | 'tamper' | 'bank call' | 'via raw';

export interface StepResult {
  readonly label: string;
  readonly status: CaseStatus;
  readonly failures: readonly string[];
  readonly skipped?: string;
  /** What was not checked on this target (e.g. balances on DANA's sandbox). */
  readonly note?: string;
  readonly request?: unknown;
  readonly response?: unknown;
  readonly httpStatus?: number;
  /** Call steps: who made the call, and why the built-in signer did. */
  readonly client?: StepClient;
  readonly builtInReason?: BuiltInReason;
  /** Call steps: the request headers as sent, when seen (reports redact signatures and tokens). */
  readonly requestHeaders?: Readonly<Record<string, string>>;
  readonly durationMs: number;
}

export interface CaseResult {
  readonly id: string;
  readonly scenario: string;
  readonly mandatory: boolean;
  readonly product: Product | readonly Product[];
  readonly title: string;
  readonly status: CaseStatus;
  /** Why it failed or was skipped, in one line. */
  readonly reason?: string;
  readonly attempts: number;
  readonly durationMs: number;
  readonly steps: readonly StepResult[];
  /**
   * Passed with the chosen client making its calls: at least one, and none left to the built-in
   * signer for want of the operation (tamper, bank and `via: raw` calls are beyond any merchant client).
   */
  readonly byClient?: boolean;
}

export interface RunResult {
  readonly target: string;
  readonly client: string;
  /** The client's version: dana-node's package version, or what an adapter module exports. */
  readonly clientVersion?: string;
  /** True when the chosen client is the user's own (an adapter module or an SDK), not dana-sim's raw signer. */
  readonly clientIsUsers?: boolean;
  readonly merchantId?: string;
  readonly partnerId?: string;
  /** When the run started, WIB (`2026-12-06T20:08:46.524+07:00`). */
  readonly startedAt: string;
  readonly durationMs: number;
  readonly cases: readonly CaseResult[];
}

/** "Dana Disbursement TopUp (mandatory)": how the Merchant Portal groups cases. */
export function portalGroup(result: Pick<CaseResult, 'scenario' | 'mandatory'>): string {
  return result.mandatory ? `${result.scenario} (mandatory)` : result.scenario;
}

/** The products a case (or its result) counts for. */
export function productsOf(c: Pick<CaseFile, 'product'>): readonly Product[] {
  return typeof c.product === 'string' ? [c.product] : c.product;
}

/** DANA writes payment_gateway; payment-gateway is accepted too. */
export function sameProduct(a: Product, b: Product): boolean {
  return a.replaceAll('-', '_') === b.replaceAll('-', '_');
}
