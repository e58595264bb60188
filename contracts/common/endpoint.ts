import type { Fields, FieldsInput } from './fields.ts';
import type { BniKey, OpenApiKey, SnapKey } from '../response-codes.ts';

// What every endpoint contract declares. Routes, validation, rendering, idempotency and the
// allowed result keys of the fault mechanism are all derived from this record.

interface EndpointBase {
  /** Stable name used by rules, logs and the CLI: the official SDK's method name. */
  readonly key: string;
  /** DANA's name for the API. */
  readonly title: string;
  /** Every path an SDK version calls; all reach one handler and share state (disbursement.md section 2). */
  readonly paths: readonly string[];
  /** DANA's documented expected timeout; the default client timeout for timeout rules. */
  readonly timeoutMs: number;
  readonly request: Fields;
  /** Who may call it: merchants (default), banks (virtual account), or any known partner. */
  readonly audience?: 'merchant' | 'bank' | 'any';
}

/**
 * How DANA words a SNAP endpoint's cases. A contract's own `messages` apply on every path; a path's
 * wording (`pathWording`) wins on that path, where another product serves the same API.
 */
export interface SnapWording {
  /** Where DANA words a case differently. */
  readonly messages?: Partial<Record<SnapKey, string>>;
  /** Where DANA answers a case with another catalogue entry (Widget's refund of an unknown order: INVALID_BILL). */
  readonly keys?: Partial<Record<SnapKey, SnapKey>>;
}

export interface SnapEndpoint extends EndpointBase {
  readonly envelope: 'snap';
  readonly serviceCode: string;
  /** Where DANA answers success with another service's code in responseCode (Consult Pay: 57). */
  readonly successServiceCode?: string;
  /** `signature` (default): SNAP headers, asymmetric or symmetric; `token-request`: `clientId|timestamp` (auth.md section 4). */
  readonly auth?: 'signature' | 'token-request';
  /** Keys this endpoint can answer with (DANA's table plus the SNAP generic ones it may emit). */
  readonly resultKeys: readonly SnapKey[];
  /** Where DANA words a case differently on this service. */
  readonly messages?: Partial<Record<SnapKey, string>>;
  /** Per path: where another product's paths of this endpoint word (or code) cases their own way. */
  readonly pathWording?: Readonly<Record<string, SnapWording>>;
  /** Request fields copied into every error reply (DANA echoes them, e.g. partnerReferenceNo). */
  readonly echoOnError?: readonly string[];
  readonly idempotency?: Idempotency;
  /** Accepts work that completes later; rules may steer its completion. */
  readonly asynchronous?: boolean;
}

export interface OpenApiEndpoint extends EndpointBase {
  readonly envelope: 'open-api';
  /** `request.head.function` this path expects. */
  readonly function: string;
  readonly resultKeys: readonly OpenApiKey[];
}

/** The sandbox's BNI e-collection callback: `{client_id, data}` with encrypted JSON, `{status}` replies. */
export interface BniEndpoint extends EndpointBase {
  readonly envelope: 'bni';
  readonly resultKeys: readonly BniKey[];
  readonly idempotency?: Idempotency;
}

export type EndpointContract = SnapEndpoint | OpenApiEndpoint | BniEndpoint;

/** The input a contract's handler receives: its request fields as validated and converted by the pipeline. */
export type InputOf<C extends { readonly request: Fields }> = FieldsInput<C['request']>;

/**
 * One transaction per (partner, key field). An identical retry replays the first reply; a retry whose
 * compared fields differ gets INCONSISTENT_REQUEST (disbursement.md section 10).
 */
export interface Idempotency {
  /** Record family shared by every path of the endpoint, e.g. `topUp`. */
  readonly family: string;
  readonly keyField: string;
  /** Fields that make two requests "the same payment": DANA names amount and payee. */
  readonly compare: readonly string[];
  /** The request's Money field kept on the transaction (default `amount`). */
  readonly amountField?: string;
  /**
   * Whether a business rejection (403/404) is remembered under the key, so status inquiry can report it
   * (default true). VA calls say false: the bill and inquiry state already tell the story, and a
   * bank's retry after fixing its mistake must be processed afresh.
   */
  readonly recordFailures?: boolean;
  /** What an identical retry of a remembered failure gets: the same reply (default), or General Error. */
  readonly failedReplay?: 'original' | 'general-error';
}
