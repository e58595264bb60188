import type { KeyObject } from 'node:crypto';
import type { BniEndpoint, OpenApiEndpoint, SnapEndpoint } from '../../contracts/common/endpoint.ts';
import {
  BNI_EQUIVALENT,
  BNI_RESULTS,
  isBniKey,
  OPEN_API_EQUIVALENT,
  OPEN_API_RESULTS,
  SNAP_CASES,
  isOpenApiKey,
  isSnapKey,
  snapResponseCode,
  type OpenApiKey,
  type ResultKey,
  type SnapKey,
} from '../../contracts/response-codes.ts';
import { signedEnvelopeText } from '../signature/open-api.ts';
import { jakartaTimestamp } from '../clock/clock.ts';
import { getPath, isPresent, setPath } from '../../contracts/common/paths.ts';
import type { Failure } from './result.ts';
import type { Reply } from './route.ts';

// The one renderer: a catalogue key becomes DANA's body and HTTP status. No handler builds an
// error body itself.

export interface SimResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Set by transport faults: the adapter breaks the connection (reset) or closes it without a reply. */
  readonly drop?: 'reset' | 'close';
}

export type Outcome = { readonly ok: true; readonly reply: Reply } | { readonly ok: false; readonly failure: Failure };

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/**
 * Every SNAP reply, success or error, carries Content-Type and X-TIMESTAMP, the reply time in Jakarta
 * on the simulator clock (BI SNAP "Transaction Response" headers; DANA's pages list request headers only).
 */
function snapReplyHeaders(now: number): Readonly<Record<string, string>> {
  return { ...JSON_HEADERS, 'x-timestamp': jakartaTimestamp(now) };
}

function snapKeyOf(key: ResultKey): SnapKey {
  if (isSnapKey(key)) return key;
  // An Open API key can only reach a SNAP endpoint through a bug (rules are checked per endpoint).
  throw new Error(`${key} is not a SNAP result`);
}

function withFields(target: Record<string, unknown>, fields: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  for (const [path, value] of Object.entries(fields ?? {})) setPath(target, path, value);
  return target;
}

/** The catalogue entry DANA answers a case with on this path (a path's wording may name another). */
function snapKeyAt(contract: SnapEndpoint, key: SnapKey, path: string | undefined): SnapKey {
  return (path !== undefined && contract.pathWording?.[path]?.keys?.[key]) || key;
}

/** A case's message on a path: the failure's own, else the path's wording, the contract's, the catalogue's. */
export function snapMessage(contract: SnapEndpoint, failure: { key: SnapKey; detail?: string; message?: string }, path?: string): string {
  const atPath = path === undefined ? undefined : contract.pathWording?.[path]?.messages?.[failure.key];
  const base = failure.message ?? atPath ?? contract.messages?.[failure.key] ?? SNAP_CASES[failure.key].message;
  return failure.detail ? `${base} ${failure.detail}` : base;
}

/** `path` is the one the request came in on: it picks the endpoint's per-path wording (`pathWording`). */
export function renderSnap(contract: SnapEndpoint, outcome: Outcome, request: unknown, now: number, path?: string): SimResponse {
  const headers = snapReplyHeaders(now);
  if (outcome.ok) {
    const key = snapKeyAt(contract, outcome.reply.key, path);
    const body = {
      responseCode: snapResponseCode(key, contract.successServiceCode ?? contract.serviceCode),
      responseMessage: snapMessage(contract, { key }, path),
      ...outcome.reply.fields,
    };
    return { status: SNAP_CASES[key].httpStatus, headers, body: JSON.stringify(body) };
  }
  const key = snapKeyAt(contract, snapKeyOf(outcome.failure.key), path);
  const body: Record<string, unknown> = {
    responseCode: snapResponseCode(key, contract.serviceCode),
    responseMessage: snapMessage(contract, { ...outcome.failure, key }, path),
  };
  for (const path of contract.echoOnError ?? []) {
    const value = getPath(request, path);
    if (isPresent(value) && typeof value !== 'object') setPath(body, path, value);
  }
  withFields(body, outcome.failure.fields);
  return { status: SNAP_CASES[key].httpStatus, headers, body: JSON.stringify(body) };
}

export function openApiKeyOf(key: ResultKey): OpenApiKey {
  if (isOpenApiKey(key)) return key;
  return (isSnapKey(key) && OPEN_API_EQUIVALENT[key]) || 'SYSTEM_ERROR';
}

/** BNI callbacks answer `{"status": "000"}`; failures add a message. HTTP 200 either way, as BNI does. */
export function renderBni(_contract: BniEndpoint, outcome: Outcome): SimResponse {
  if (outcome.ok)
    return { status: 200, headers: JSON_HEADERS, body: JSON.stringify({ status: BNI_RESULTS.SUCCESS.status, ...outcome.reply.fields }) };
  const { key } = outcome.failure;
  const bniKey = isBniKey(key) ? key : (isSnapKey(key) && BNI_EQUIVALENT[key]) || 'BNI_TECHNICAL_FAILURE';
  const result = BNI_RESULTS[bniKey];
  const message = (outcome.failure.message ?? result.message) + (outcome.failure.detail ? ` ${outcome.failure.detail}` : '');
  return { status: 200, headers: JSON_HEADERS, body: JSON.stringify({ status: result.status, message }) };
}

export interface OpenApiHead {
  readonly clientId?: unknown;
  readonly reqMsgId?: unknown;
}

/** Open API replies are HTTP 200 with the outcome in resultInfo, signed with the DANA key. */
export function renderOpenApi(
  contract: OpenApiEndpoint,
  outcome: Outcome,
  head: OpenApiHead,
  now: number,
  danaKey: KeyObject,
): SimResponse {
  const key = outcome.ok ? 'SUCCESS' : openApiKeyOf(outcome.failure.key);
  const result = OPEN_API_RESULTS[key];
  const resultMsg = outcome.ok
    ? result.resultMsg
    : (outcome.failure.message ?? result.resultMsg) + (outcome.failure.detail ? ` ${outcome.failure.detail}` : '');
  const body = withFields({ resultInfo: { ...result, resultMsg } }, outcome.ok ? undefined : outcome.failure.fields);
  if (outcome.ok) Object.assign(body, outcome.reply.fields);
  const response = {
    head: {
      version: '2.0',
      function: contract.function,
      clientId: typeof head.clientId === 'string' ? head.clientId : '',
      respTime: jakartaTimestamp(now),
      reqMsgId: typeof head.reqMsgId === 'string' ? head.reqMsgId : '',
    },
    body,
  };
  return { status: 200, headers: JSON_HEADERS, body: signedEnvelopeText('response', response, danaKey) };
}

/** For paths no endpoint serves: an explicit not-found that names the request, never a 200; SNAP-shaped, so SNAP's headers. */
export function renderUnknownRoute(method: string, path: string, now: number): SimResponse {
  const body = { responseCode: '4040000', responseMessage: `Not Found. dana-sim serves no API at ${method} ${path}` };
  return { status: 404, headers: snapReplyHeaders(now), body: JSON.stringify(body) };
}
