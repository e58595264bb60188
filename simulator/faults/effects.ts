import type { EndpointContract } from '../../contracts/common/endpoint.ts';
import type { Effect, Wait } from '../../contracts/common/rule.ts';
import { isBniKey, isOpenApiKey, isSnapKey } from '../../contracts/response-codes.ts';
import type { SimResponse } from '../core/render.ts';

// What each rule effect means, in one place: the pipeline asks these functions, handlers never do.

export type EffectKind = 'result' | 'latency' | 'completion' | 'timeout' | 'lost-response' | 'network' | 'gateway';

export function kindOf(effect: Effect): EffectKind {
  if ('result' in effect) return 'result';
  if ('completion' in effect) return 'completion';
  if ('timeout' in effect) return 'timeout';
  if ('lostResponse' in effect) return 'lost-response';
  if ('network' in effect) return 'network';
  if ('gateway' in effect) return 'gateway';
  return 'latency';
}

/** Resolves a wait: `client-timeout` is the client's timeout plus a clear margin, so it has certainly given up. */
export function waitMs(wait: Wait | undefined, clientTimeoutMs: number): number {
  if (wait === undefined || wait === 'client-timeout') return clientTimeoutMs + Math.min(1000, clientTimeoutMs);
  return wait;
}

export function latencyMs(effect: Effect, clientTimeoutMs: number, random: () => number): number {
  if (effect.delayMs === undefined) return 0;
  const base = waitMs(effect.delayMs, clientTimeoutMs);
  const max = effect.maxDelayMs;
  return typeof effect.delayMs === 'number' && max !== undefined && max > base ? base + Math.floor(random() * (max - base + 1)) : base;
}

const GATEWAY_TEXT: Record<number, string> = { 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

/** What a reverse proxy in front of DANA answers when the service behind it fails: HTML, not JSON. */
export function gatewayPage(status: 502 | 503 | 504): SimResponse {
  const title = `${status} ${GATEWAY_TEXT[status]}`;
  return { status, headers: { 'content-type': 'text/html' }, body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n` };
}

/** The reply cut in the middle, as a connection that died mid-body leaves it. */
export function malformed(reply: SimResponse): SimResponse {
  return { ...reply, body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) };
}

/** A problem with an effect for this endpoint, or undefined when it is valid. */
export function effectProblem(effect: Effect, endpoint: EndpointContract | undefined, allEndpoints: readonly EndpointContract[]): string | undefined {
  if (typeof effect !== 'object' || effect === null) return 'a rule needs an effect';
  const delay = effect.delayMs;
  if (delay !== undefined && delay !== 'client-timeout' && !(typeof delay === 'number' && delay >= 0)) return 'delayMs must be a number of milliseconds or "client-timeout"';
  if (effect.maxDelayMs !== undefined && !(typeof delay === 'number' && effect.maxDelayMs >= delay)) return 'maxDelayMs needs a numeric delayMs no larger than it';
  const kinds = ['result', 'completion', 'timeout', 'lostResponse', 'network', 'gateway'].filter((key) => key in effect);
  if (kinds.length > 1) return `an effect is one of result, completion, timeout, lostResponse, network, gateway; got ${kinds.join(' and ')}`;
  if ('result' in effect) {
    const key = effect.result;
    const allowed = endpoint ? (endpoint.resultKeys as readonly string[]).includes(key) : isSnapKey(key) || isOpenApiKey(key) || isBniKey(key);
    if (!allowed || key === 'SUCCESS' || key === 'IN_PROGRESS') {
      const keys = endpoint ? endpoint.resultKeys.filter((k) => k !== 'SUCCESS' && k !== 'IN_PROGRESS').join(', ') : 'any catalogue key';
      return `result "${key}" is not a failure of ${endpoint?.key ?? '*'}; one of: ${keys}`;
    }
  }
  if ('completion' in effect) {
    if (effect.completion !== 'success' && effect.completion !== 'failed') return 'completion must be "success" or "failed"';
    if (!finishesLater(endpoint)) return `completion applies to endpoints that finish later: ${allEndpoints.filter(finishesLater).map((e) => e.key).join(', ')}`;
  }
  if ('timeout' in effect && effect.timeout !== 'before-commit') return 'timeout must be "before-commit" (for after-commit use lostResponse)';
  if ('lostResponse' in effect && effect.lostResponse !== 'drop' && effect.lostResponse !== 'hold') return 'lostResponse must be "drop" or "hold"';
  if ('network' in effect && !['reset', 'empty-reply', 'malformed-json'].includes(effect.network)) return 'network must be "reset", "empty-reply" or "malformed-json"';
  if ('gateway' in effect && ![502, 503, 504].includes(effect.gateway)) return 'gateway must be 502, 503 or 504';
  if (kinds.length === 0 && delay === undefined) return 'an effect needs a result, completion, timeout, lostResponse, network, gateway or a delayMs';
  return undefined;
}

/** Endpoints that accept work and complete it later: the only ones a completion effect can steer. */
function finishesLater(endpoint: EndpointContract | undefined): boolean {
  return endpoint?.envelope === 'snap' && endpoint.asynchronous === true;
}

/**
 * The per-request fault header (`X-Sim-Fault`, honoured only when the simulator was started with it
 * allowed): a catalogue key, or one of timeout, lost-response, lost-response-hold, reset, empty-reply,
 * malformed-json, gateway-502|503|504, delay=<ms>.
 */
export function effectFromHeader(value: string): Effect | undefined {
  const text = value.trim();
  const named: Record<string, Effect> = {
    timeout: { timeout: 'before-commit' },
    'lost-response': { lostResponse: 'drop' },
    'lost-response-hold': { lostResponse: 'hold' },
    reset: { network: 'reset' },
    'empty-reply': { network: 'empty-reply' },
    'malformed-json': { network: 'malformed-json' },
    'gateway-502': { gateway: 502 },
    'gateway-503': { gateway: 503 },
    'gateway-504': { gateway: 504 },
  };
  if (named[text.toLowerCase()]) return named[text.toLowerCase()];
  const delay = /^delay=(\d+)$/i.exec(text);
  if (delay) return { delayMs: Number(delay[1]) };
  return /^[A-Z_]+$/.test(text) ? { result: text } : undefined;
}
