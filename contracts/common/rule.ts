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

export type Effect =
  /** Answer with a catalogue key of the endpoint, rendered by the one renderer. */
  | {
      readonly result: string;
      readonly message?: string;
      /** Extra reply members by dotted path, e.g. {"additionalInfo.resultMsg": "PAYEE_USER_NOT_EXIST"}. */
      readonly fields?: Readonly<Record<string, unknown>>;
      readonly delayMs?: number;
    }
  /** Slow the reply, then process the request normally. `delayMs: "client-timeout"` waits past the endpoint's documented timeout. */
  | { readonly delayMs: number | 'client-timeout'; readonly jitterMs?: number }
  /**
   * For endpoints that accept work and finish it later (Transfer to Bank): accept the request as in
   * progress, then complete it with this outcome after `completionDelayMs` on the simulator clock.
   */
  | { readonly completion: 'success' | 'failed'; readonly completionDelayMs?: number; readonly delayMs?: number };

export interface RuleSpec {
  readonly id?: string;
  readonly description?: string;
  /** Endpoint key (the SDK method name, e.g. `transferToDana`) or `*` for every endpoint. */
  readonly endpoint: string;
  /** Only requests from this partner (X-PARTNER-ID / head.clientId). */
  readonly partnerId?: string;
  readonly when?: readonly Predicate[];
  /** Fire only on the n-th matching call (1-based), counted from when the rule was added. */
  readonly nth?: number;
  /** Fire with this probability (0-1), drawn from the simulator's seeded random source. */
  readonly probability?: number;
  /** Fire at most this many times, then retire. Unlimited when absent. */
  readonly times?: number;
  readonly effect: Effect;
}
