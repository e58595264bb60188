import { randomUUID } from 'node:crypto';
import { snapRequest, type SignedRequest } from '../../simulator/signature/client.ts';
import type { Reply, TestSimulator } from '../helpers.ts';

// How the catalogue test makes an endpoint answer a code. A real trigger breaks or sets up exactly
// what DANA reacts to (a bad signature, a missing field, an empty deposit, a changed retry); DANA's
// sandbox magic values are real triggers too. A one-shot rule is used only for codes nothing in a
// request or in the state can cause (throttling, timeouts, server errors DANA has no magic for).

export type Via = 'real trigger' | 'sandbox magic value' | 'rule';

export interface Provocation {
  readonly via: Via;
  readonly how: string;
  readonly send: (t: TestSimulator) => Promise<Reply>;
}

/** Provocations of one endpoint, by the contract's result key. */
export type Provocations = Readonly<Record<string, Provocation>>;

/** The X-SIGNATURE DANA's UAT sends to get `401xx00` (sandbox-magic-values.md section 1). */
export const UAT_FAKE_SIGNATURE = '85be817c55b2c135157c7e89f52499bf0c25ad6eeebe04a986e8c862561b19a5';

export const real = (how: string, send: Provocation['send']): Provocation => ({ via: 'real trigger', how, send });
export const magic = (how: string, send: Provocation['send']): Provocation => ({ via: 'sandbox magic value', how, send });

/** A valid request that a one-shot rule answers with `key` instead. */
export function byRule(endpoint: string, key: string, sendValid: Provocation['send']): Provocation {
  return {
    via: 'rule',
    how: 'a valid request and a one-shot rule, as nothing else causes this code',
    send: (t) => {
      t.sim.rules.add({ endpoint, effect: { result: key }, times: 1 });
      return sendValid(t);
    },
  };
}

export async function send(t: TestSimulator, request: SignedRequest): Promise<Reply> {
  const reply = await t.sim.handle(request);
  return { status: reply.status, body: JSON.parse(reply.body) };
}

export const withHeaders = (request: SignedRequest, headers: Record<string, string>): SignedRequest => ({
  ...request,
  headers: { ...request.headers, ...headers },
});
export const emptyHeader = (name: string) => (request: SignedRequest) => withHeaders(request, { [name.toLowerCase()]: '' });
/** DANA's UAT variant: a space instead of the `T` of the ISO date-time. */
export const timestampWithSpace = (request: SignedRequest) =>
  withHeaders(request, { 'x-timestamp': request.headers['x-timestamp'].replace('T', ' ') });

/** A SNAP endpoint as the catalogue test calls it: path, proper caller and a valid body. */
export interface SnapTarget {
  readonly endpoint: string;
  readonly path: string;
  readonly caller: 'merchant' | 'bank';
  readonly valid: (t: TestSimulator) => Record<string, unknown>;
}

const credentialsOf = (t: TestSimulator, target: SnapTarget) => (target.caller === 'bank' ? t.bank.credentials : t.credentials);

/** Signs `body` (an object, or raw text) as the target's caller and sends it, after an optional tweak. */
export function call(
  t: TestSimulator,
  target: SnapTarget,
  body: unknown,
  tweak: (request: SignedRequest) => SignedRequest = (r) => r,
): Promise<Reply> {
  return send(t, tweak(snapRequest({ path: target.path, body, credentials: credentialsOf(t, target) })));
}

export const callValid = (target: SnapTarget) => (t: TestSimulator) => call(t, target, target.valid(t));

/**
 * Header, signature and token codes every SNAP endpoint answers the same way, and the server codes
 * no request can cause. Endpoints add their own rows and may replace these.
 */
export function snapCommon(target: SnapTarget): Provocations {
  const rule = (key: string) => byRule(target.endpoint, key, callValid(target));
  return {
    BAD_REQUEST: real('a correctly signed body that is not JSON', (t) => call(t, target, 'not json')),
    INVALID_FIELD_FORMAT: real('X-TIMESTAMP with a space instead of T', (t) => call(t, target, target.valid(t), timestampWithSpace)),
    INVALID_MANDATORY_FIELD: real('an empty X-TIMESTAMP', (t) => call(t, target, target.valid(t), emptyHeader('X-TIMESTAMP'))),
    INVALID_SIGNATURE: real("the UAT's fake X-SIGNATURE", (t) =>
      call(t, target, target.valid(t), (r) => withHeaders(r, { 'x-signature': UAT_FAKE_SIGNATURE })),
    ),
    UNKNOWN_CLIENT: real('an X-PARTNER-ID nobody registered', (t) =>
      send(
        t,
        snapRequest({
          path: target.path,
          body: target.valid(t),
          credentials: { ...credentialsOf(t, target), partnerId: 'nobody-registered' },
        }),
      ),
    ),
    INVALID_TOKEN: real('a bearer token the simulator never issued', (t) =>
      call(t, target, target.valid(t), (r) => withHeaders(r, { authorization: 'Bearer not-a-token' })),
    ),
    TOKEN_NOT_FOUND: real('an Authorization header without a bearer token', (t) =>
      call(t, target, target.valid(t), (r) => withHeaders(r, { authorization: 'Bearer ' })),
    ),
    CONFLICT: real('an X-EXTERNAL-ID already used today', async (t) => {
      const externalId = randomUUID();
      const reuse = (r: SignedRequest) => withHeaders(r, { 'x-external-id': externalId });
      await call(t, target, target.valid(t), reuse);
      return call(t, target, target.valid(t), reuse);
    }),
    TOO_MANY_REQUESTS: rule('TOO_MANY_REQUESTS'),
    GENERAL_ERROR: rule('GENERAL_ERROR'),
    INTERNAL_SERVER_ERROR: rule('INTERNAL_SERVER_ERROR'),
    TIMEOUT: rule('TIMEOUT'),
  };
}
