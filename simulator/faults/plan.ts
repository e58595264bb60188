import type { Effect, EffectKind } from '../../contracts/common/rule.ts';
import type { ResultKey } from '../../contracts/response-codes.ts';
import { latencyMs, waitMs } from './effects.ts';
import type { RuleTable } from './rules.ts';

// A fired rule becomes a plan: the steps the pipeline executes around the handler, in this order.
//   1. delayMs   wait (latency); a replay committed meanwhile by an identical request wins
//   2. before    stop before the handler: a rejection, a gateway page or a dropped connection
//   3. settle    how accepted asynchronous work should finish, handed to the handler as is
//   4. after     once the handler committed: lose the reply or cut its body
// Every wait is resolved here (seeded random, client timeout), so the pipeline never reads an effect.

/** What the connection carries instead of the rendered reply; core/transport.ts applies it. */
export type Transport =
  | { readonly kind: 'drop'; readonly mode: 'reset' | 'close'; readonly holdMs: number }
  | { readonly kind: 'gateway'; readonly status: 502 | 503 | 504 }
  | { readonly kind: 'malformed' };

/** A failure from the catalogue, answered and recorded like a handler's; nothing is committed. */
export interface Rejection {
  readonly kind: 'reject';
  readonly failure: { readonly key: ResultKey; readonly message?: string; readonly fields?: Readonly<Record<string, unknown>> };
}

export interface FaultPlan {
  /** The rule that made the plan (`X-Sim-Fault header` for the header) and its kind, for the request log. */
  readonly rule: string;
  readonly effect: EffectKind;
  /** Latency before anything else; 0 for none. */
  readonly delayMs: number;
  readonly before?: Rejection | Extract<Transport, { kind: 'drop' | 'gateway' }>;
  /** How accepted asynchronous work should finish; `delayMs` undefined keeps the simulator's default. */
  readonly settle?: { readonly outcome: 'success' | 'failed'; readonly delayMs?: number };
  readonly after?: Extract<Transport, { kind: 'drop' | 'malformed' }>;
}

export interface Timing {
  /** The client's timeout that `client-timeout` waits exceed. */
  readonly clientTimeoutMs: number;
  /** The seeded random source for latency ranges. */
  readonly random: () => number;
}

/** Per-request fault header, honoured only when allowed at start (never in a shared deployment by accident). */
export const FAULT_HEADER = 'X-Sim-Fault';
/** The rule name the log shows for the per-request header. */
export const HEADER_RULE = `${FAULT_HEADER} header`;

export interface Call {
  readonly endpoint: string;
  readonly partnerId: string | undefined;
  readonly body: unknown;
  /** The DANA user the request's customer token names, for endpoints whose route resolves one. */
  readonly customer?: string;
  /** The request's own `X-Sim-Fault` effect, already read and checked. */
  readonly header?: Effect;
}

/** The plan for one call, or undefined when no fault applies. */
export function planCall(rules: RuleTable, call: Call, timing: Timing): FaultPlan | undefined {
  // A header fault applies to this request alone and comes before every rule.
  if (call.header) return planFor(call.header, HEADER_RULE, timing);
  const firing = rules.fire(call.endpoint, call.partnerId, call.body, call.customer);
  return firing && planFor(firing.effect, firing.rule.id, timing);
}

export function planFor(effect: Effect, rule: string, timing: Timing): FaultPlan {
  const label = { rule, effect: effect.kind };
  // The gateway answers at once: its page comes before any latency, and nothing is drawn for one.
  if (effect.kind === 'gateway') return { ...label, delayMs: 0, before: { kind: 'gateway', status: effect.gateway } };
  const { clientTimeoutMs, random } = timing;
  const plan = { ...label, delayMs: latencyMs(effect, clientTimeoutMs, random) };
  switch (effect.kind) {
    case 'result':
      return {
        ...plan,
        before: { kind: 'reject', failure: { key: effect.result as ResultKey, message: effect.message, fields: effect.fields } },
      };
    case 'timeout':
      return { ...plan, before: { kind: 'drop', mode: 'close', holdMs: waitMs(effect.holdMs, clientTimeoutMs) } };
    case 'network':
      if (effect.network === 'malformed-json') return { ...plan, after: { kind: 'malformed' } };
      return { ...plan, before: { kind: 'drop', mode: effect.network === 'reset' ? 'reset' : 'close', holdMs: 0 } };
    case 'lost-response':
      return effect.lostResponse === 'drop'
        ? { ...plan, after: { kind: 'drop', mode: 'reset', holdMs: 0 } }
        : { ...plan, after: { kind: 'drop', mode: 'close', holdMs: waitMs(effect.holdMs, clientTimeoutMs) } };
    case 'completion':
      return { ...plan, settle: { outcome: effect.completion, delayMs: effect.completionDelayMs } };
    case 'latency':
      return plan;
  }
}
