// The shape of an injection rule, as users write it in JSON rule files, the control API and the CLI.
// The simulator's fault mechanism (simulator/faults/) evaluates these; DANA's sandbox magic values
// are a default set of them (contracts/sandbox-rules.ts).

export type PredicateOp = 'eq' | 'ne' | 'in' | 'gt' | 'gte' | 'lt' | 'lte' | 'exists' | 'absent' | 'matches';

export interface Predicate {
  /** Dotted path into the request body (SNAP) or `request.body` (Open API), e.g. `amount.value`. */
  readonly field: string;
  readonly op: PredicateOp;
  /** Numbers compare amounts numerically (`"20000000.01" > 20000000`); `in` takes an array. */
  readonly value?: string | number | boolean | readonly (string | number)[];
}

/** Milliseconds, or `client-timeout`: past the endpoint's documented timeout (8 s for most) by a margin. */
export type Wait = number | 'client-timeout';

/**
 * What a rule does, as the simulator holds it once read: one `kind` per effect. Every kind may also
 * carry a latency: `delayMs` (fixed) or `delayMs` + `maxDelayMs` (uniform in between, drawn from the
 * seeded random source). Users may write this shape, the shorthand below, or a spec string.
 */
export type Effect = Latency &
  /** Answer with a catalogue key of the endpoint, rendered by the one renderer; nothing is committed. */
  (
    | {
        readonly kind: 'result';
        readonly result: string;
        readonly message?: string;
        /** Extra reply members by dotted path, e.g. {"additionalInfo.resultMsg": "PAYEE_USER_NOT_EXIST"}. */
        readonly fields?: Readonly<Record<string, unknown>>;
      }
    /** Only the latency: then the request is processed normally. */
    | { readonly kind: 'latency' }
    /**
     * For endpoints that accept work and finish it later (Transfer to Bank): accept the request as in
     * progress, then complete it with this outcome after `completionDelayMs` on the simulator clock.
     */
    | { readonly kind: 'completion'; readonly completion: 'success' | 'failed'; readonly completionDelayMs?: number }
    /** Hold the request past the client's timeout, commit nothing, then close the connection without a reply. */
    | { readonly kind: 'timeout'; readonly holdMs?: Wait }
    /**
     * Commit the request, then lose the reply: `drop` resets the connection at once; `hold` keeps it
     * open past the client's timeout, then closes it. A retry or a status inquiry reveals the commit.
     */
    | { readonly kind: 'lost-response'; readonly lostResponse: 'drop' | 'hold'; readonly holdMs?: Wait }
    /**
     * Transport failures. `reset` and `empty-reply` happen before anything is processed; `malformed-json`
     * processes (and commits) the request, then sends a reply cut in the middle.
     */
    | { readonly kind: 'network'; readonly network: 'reset' | 'empty-reply' | 'malformed-json' }
    /** A raw HTTP error page from the gateway in front of DANA; nothing is processed (and no latency). */
    | { readonly kind: 'gateway'; readonly gateway: 502 | 503 | 504 }
  );

export type EffectKind = Effect['kind'];

/**
 * The shorthand users have always written: no `kind`, the member present names it (`{ result: KEY }`,
 * `{ timeout: 'before-commit' }`, `{ lostResponse: 'drop' }`, ...; only `delayMs` means latency).
 */
export type EffectShorthand = Latency &
  (
    | { readonly result: string; readonly message?: string; readonly fields?: Readonly<Record<string, unknown>> }
    | { readonly latencyOnly?: true }
    | { readonly completion: 'success' | 'failed'; readonly completionDelayMs?: number }
    | { readonly timeout: 'before-commit'; readonly holdMs?: Wait }
    | { readonly lostResponse: 'drop' | 'hold'; readonly holdMs?: Wait }
    | { readonly network: 'reset' | 'empty-reply' | 'malformed-json' }
    | { readonly gateway: 502 | 503 | 504 }
  );

/**
 * An effect as written in a rule file, the control API or a test: the `kind` shape, the shorthand, or a
 * spec string as the `X-Sim-Fault` header takes it (`GENERAL_ERROR`, `timeout hold=500`, `delay=200-800`).
 * simulator/faults/parse.ts reads all three.
 */
export type EffectInput = Effect | EffectShorthand | string;

export interface Latency {
  readonly delayMs?: Wait;
  /** With a numeric delayMs: the upper bound of a uniform random latency. */
  readonly maxDelayMs?: number;
}

export interface RuleSpec {
  readonly id?: string;
  readonly description?: string;
  /** Endpoint key (the SDK method name, e.g. `transferToDana`) or `*` for every endpoint. */
  readonly endpoint: string;
  /** Only requests from this partner (X-PARTNER-ID / head.clientId). */
  readonly partnerId?: string;
  /**
   * Only requests made for this DANA user: the customerNumber (`62…`) their customer token names
   * (Widget's customer calls). A request whose token names nobody matches no such rule.
   */
  readonly customer?: string;
  readonly when?: readonly Predicate[];
  /** Fire only on the n-th matching call (1-based), counted from when the rule was added. */
  readonly nth?: number;
  /** Fire with this probability (0-1), drawn from the simulator's seeded random source. */
  readonly probability?: number;
  /** Fire at most this many times, then retire. Unlimited when absent. */
  readonly times?: number;
  readonly effect: EffectInput;
}
