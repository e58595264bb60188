import type { EndpointContract } from '../../contracts/common/endpoint.ts';
import type { Effect, Wait } from '../../contracts/common/rule.ts';
import { isBniKey, isOpenApiKey, isSnapKey } from '../../contracts/response-codes.ts';
import { parseEffect, type Parsed } from './parse.ts';

// What an endpoint allows of an effect, and how long an effect waits. parse.ts reads effects in every
// written form; plan.ts turns them into what the pipeline does.

/** Reads an effect in any written form and checks it against the endpoint it is for (`undefined`: every endpoint). */
export function effectFor(
  input: unknown,
  endpoint: EndpointContract | undefined,
  allEndpoints: readonly EndpointContract[],
): Parsed<Effect> {
  const parsed = parseEffect(input);
  if (!parsed.ok) return parsed;
  const problem = effectProblem(parsed.value, endpoint, allEndpoints);
  return problem === undefined ? parsed : { ok: false, problem };
}

/** A problem with a read effect for this endpoint, or undefined when the endpoint allows it. */
function effectProblem(
  effect: Effect,
  endpoint: EndpointContract | undefined,
  allEndpoints: readonly EndpointContract[],
): string | undefined {
  if (effect.kind === 'result') {
    const key = effect.result;
    const allowed = endpoint
      ? (endpoint.resultKeys as readonly string[]).includes(key)
      : isSnapKey(key) || isOpenApiKey(key) || isBniKey(key);
    if (!allowed || key === 'SUCCESS' || key === 'IN_PROGRESS') {
      const keys = endpoint ? endpoint.resultKeys.filter((k) => k !== 'SUCCESS' && k !== 'IN_PROGRESS').join(', ') : 'any catalogue key';
      return `result "${key}" is not a failure of ${endpoint?.key ?? '*'}; one of: ${keys}`;
    }
  }
  if (effect.kind === 'completion' && !finishesLater(endpoint)) {
    return `completion applies to endpoints that finish later: ${allEndpoints
      .filter(finishesLater)
      .map((e) => e.key)
      .join(', ')}`;
  }
  return undefined;
}

/** Endpoints that accept work and complete it later: the only ones a completion effect can steer. */
function finishesLater(endpoint: EndpointContract | undefined): boolean {
  return endpoint?.envelope === 'snap' && endpoint.asynchronous === true;
}

/** Resolves a wait: `client-timeout` is the client's timeout plus a clear margin, so it has certainly given up. */
export function waitMs(wait: Wait | undefined, clientTimeoutMs: number): number {
  if (wait === undefined || wait === 'client-timeout') return clientTimeoutMs + Math.min(1000, clientTimeoutMs);
  return wait;
}

export function latencyMs(effect: Pick<Effect, 'delayMs' | 'maxDelayMs'>, clientTimeoutMs: number, random: () => number): number {
  if (effect.delayMs === undefined) return 0;
  const base = waitMs(effect.delayMs, clientTimeoutMs);
  const max = effect.maxDelayMs;
  return typeof effect.delayMs === 'number' && max !== undefined && max > base ? base + Math.floor(random() * (max - base + 1)) : base;
}
