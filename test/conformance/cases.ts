import { expect } from 'vitest';
import { queryMerchantResource } from '../../contracts/merchant/index.ts';
import type { RuleSpec } from '../../contracts/common/rule.ts';
import { depositVaNumber } from '../../contracts/merchant/bni-deposit-topup.ts';
import { DEFAULT_PAGES_URL } from '../../simulator/index.ts';
import { merchantDeposit, merchantSettlement, userBalance } from '../../simulator/ledger/accounts.ts';
import { openApiRequest, snapRequest, type SignedRequest } from '../../simulator/signature/client.ts';
import { bniRequest, orderBody, PATHS, topUpBody, VALID_CUSTOMER, type TestSimulator } from '../helpers.ts';
import { cashierPayForm } from '../cashier-login.ts';
import { openApiReplySignatureProblem } from '../oracle/dana-signature.ts';

// Adapter-neutral cases (hono's `src/router/common.case.test.ts`): what a client sends and what it must
// get back, whichever adapter stands between it and the simulator. Hosts are DANA's; an adapter that
// listens on its own port keeps only path and query. State is read from the simulator itself.

export const API_HOST = 'https://api.sandbox.dana.id';
export const CASHIER_HOST = DEFAULT_PAGES_URL;
export const DASHBOARD_HOST = 'https://dashboard-sandbox.dana.id';
export const CONTROL_TOKEN = 'conformance-token';

/**
 * Every adapter runs two simulators: `plain` as `npm start` makes it, `guarded` with a control token and
 * the X-Sim-Fault header allowed (the options whose absence other cases rely on).
 */
export type SimulatorKind = 'plain' | 'guarded';
export const SIMULATOR_OPTIONS: Record<SimulatorKind, { controlToken?: string; allowFaultHeader?: boolean }> = {
  plain: {},
  guarded: { controlToken: CONTROL_TOKEN, allowFaultHeader: true },
};

export interface CaseRequest {
  readonly method: string;
  /** DANA's host the path lives on (default the API host). */
  readonly host?: string;
  /** Path and query. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  /** Bytes are sent as they are (a BOM must survive every adapter). */
  readonly body?: string | Uint8Array<ArrayBuffer>;
  /** Sent from a peer that is not on loopback (set from the case's `remote`). */
  readonly remote?: boolean;
}

/** What the client saw: a reply, or a failed fetch. */
export type Outcome = { readonly status: number; readonly headers: Record<string, string>; readonly body: string } | 'network-error';

export interface CaseContext {
  readonly t: TestSimulator;
  /** Sends through the adapter under test, to the case's simulator (setup steps such as creating an order). */
  send(request: CaseRequest): Promise<Outcome>;
}

export type Expected =
  | 'network-error'
  | {
      readonly status: number;
      /** Matched as a subset of the parsed JSON body. */
      readonly json?: Record<string, unknown>;
      readonly headers?: Record<string, string | RegExp>;
      /** For bodies that are not JSON (hosted pages). */
      readonly text?: RegExp;
      /** Checks beyond fields, such as DANA's signature over the exact reply text. */
      readonly check?: (body: string, t: TestSimulator) => void;
    };

export interface ConformanceCase {
  readonly name: string;
  readonly on?: SimulatorKind;
  /** The request comes from a peer that is not on loopback: only adapters owning a connection can express it. */
  readonly remote?: boolean;
  /** Builds the request; may first prepare state through the same adapter. */
  request(context: CaseContext): Promise<CaseRequest> | CaseRequest;
  readonly expect: Expected;
  /** A ledger account read before the case (setup included) and after: how far it must move. */
  readonly moves?: { readonly account: (t: TestSimulator) => string; readonly byMinor: number };
}

const JSON_TYPE = { 'content-type': 'application/json' };
const user = () => userBalance(VALID_CUSTOMER);
const asRequest = (signed: SignedRequest, extra: Record<string, string> = {}): CaseRequest => ({
  method: signed.method,
  path: signed.path,
  headers: { ...signed.headers, ...extra },
  body: signed.body,
});
const signedTopUp = (t: TestSimulator, body = topUpBody()) => snapRequest({ path: PATHS.topUp, body, credentials: t.credentials });
const reply = (outcome: Outcome) => {
  if (outcome === 'network-error') throw new Error('setup step got a network error');
  return JSON.parse(outcome.body);
};

/** A signed top up that a one-shot rule, matching its partnerReferenceNo alone, gives this effect. */
function topUpUnder(t: TestSimulator, effect: RuleSpec['effect']): CaseRequest {
  const body = topUpBody();
  t.sim.rules.add({
    endpoint: 'transferToDana',
    when: [{ field: 'partnerReferenceNo', op: 'eq', value: body.partnerReferenceNo }],
    times: 1,
    effect,
  });
  return asRequest(signedTopUp(t, body));
}

/** A Payment Gateway order created through the adapter; no NOTIFICATION url, so nothing is sent anywhere. */
async function createOrder(context: CaseContext, payMethod: 'VIRTUAL_ACCOUNT' | 'BALANCE') {
  const payOptionDetails = [
    { payMethod, payOption: payMethod === 'BALANCE' ? '' : 'VIRTUAL_ACCOUNT_CIMB', transAmount: { value: '22200.00', currency: 'IDR' } },
  ];
  const body = orderBody(context.t.merchantId, {
    urlParams: [{ url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'Y' }],
    payOptionDetails,
  });
  const created = reply(await context.send(asRequest(snapRequest({ path: PATHS.createOrder, body, credentials: context.t.credentials }))));
  expect(created.responseCode).toBe('2005400');
  return created as { referenceNo: string; webRedirectUrl: string; additionalInfo: { paymentCode: string } };
}

/** The retry (new X-EXTERNAL-ID, same body) must get the first reply itself: same referenceNo, same fields. */
function replayedTopUp(): ConformanceCase {
  let first: unknown;
  return {
    name: 'an identical top up retry replays the first reply and moves the money once',
    request: async (context) => {
      const signed = signedTopUp(context.t);
      first = reply(await context.send(asRequest(signed)));
      expect(first).toMatchObject({ responseCode: '2003800', referenceNo: expect.any(String) });
      return asRequest(signedTopUp(context.t, JSON.parse(signed.body)));
    },
    expect: { status: 200, headers: JSON_TYPE, check: (body) => expect(JSON.parse(body)).toEqual(first) },
    moves: { account: user, byMinor: 100 },
  };
}

export const CASES: readonly ConformanceCase[] = [
  {
    name: 'signed SNAP top up succeeds and moves the money',
    request: ({ t }) => asRequest(signedTopUp(t)),
    expect: { status: 200, json: { responseCode: '2003800', responseMessage: 'Successful' }, headers: JSON_TYPE },
    moves: { account: user, byMinor: 100 },
  },
  replayedTopUp(),
  {
    name: "a bad signature gets the endpoint's 401xx00 and moves nothing",
    request: ({ t }) => asRequest(signedTopUp(t), { 'x-signature': Buffer.from('not a signature').toString('base64') }),
    expect: { status: 401, json: { responseCode: '4013800', responseMessage: 'Unauthorized. Invalid Signature' }, headers: JSON_TYPE },
    moves: { account: user, byMinor: 0 },
  },
  {
    name: "an unknown path gets an explicit 404 in DANA's shape naming the request",
    request: () => ({ method: 'POST', path: '/v1.0/emoney/nothing.htm', headers: JSON_TYPE, body: '{}' }),
    expect: {
      status: 404,
      json: { responseCode: '4040000', responseMessage: 'Not Found. dana-sim serves no API at POST /v1.0/emoney/nothing.htm' },
      headers: JSON_TYPE,
    },
  },
  {
    name: 'a path that looks like an authority stays a path on this machine',
    request: () => ({ method: 'POST', path: '//dana-sim.invalid/v1.0/emoney/nothing.htm', headers: JSON_TYPE, body: '{}' }),
    expect: {
      status: 404,
      json: {
        responseCode: '4040000',
        responseMessage: 'Not Found. dana-sim serves no API at POST //dana-sim.invalid/v1.0/emoney/nothing.htm',
      },
      headers: JSON_TYPE,
    },
  },
  {
    name: 'another method on an API path gets the same explicit 404',
    request: () => ({ method: 'GET', path: `${PATHS.topUp}?customerNumber=${VALID_CUSTOMER}` }),
    expect: {
      status: 404,
      json: { responseCode: '4040000', responseMessage: `Not Found. dana-sim serves no API at GET ${PATHS.topUp}` },
      headers: JSON_TYPE,
    },
  },
  {
    name: "a body starting with a UTF-8 BOM (signed as sent) is DANA's Bad Request, not silently stripped",
    request: ({ t }) => {
      const signed = snapRequest({ path: PATHS.topUp, body: `\ufeff${JSON.stringify(topUpBody())}`, credentials: t.credentials });
      return { ...asRequest(signed), body: new TextEncoder().encode(signed.body) };
    },
    expect: { status: 400, json: { responseCode: '4003800', responseMessage: 'Bad Request' }, headers: JSON_TYPE },
    moves: { account: user, byMinor: 0 },
  },
  {
    name: 'a signed body over 1 MiB is DANA\'s Bad Request "body too large" on every adapter and moves nothing',
    request: ({ t }) =>
      asRequest(
        snapRequest({
          path: PATHS.topUp,
          body: JSON.stringify(topUpBody({ additionalInfo: { padding: 'x'.repeat(1_100_000) } })),
          credentials: t.credentials,
        }),
      ),
    expect: { status: 400, json: { responseCode: '4003800', responseMessage: 'Bad Request body too large' }, headers: JSON_TYPE },
    moves: { account: user, byMinor: 0 },
  },
  {
    name: 'an Open API queryMerchantResource reply is signed by DANA over its exact text',
    request: ({ t }) =>
      asRequest(
        openApiRequest({
          path: PATHS.merchantResource,
          function: queryMerchantResource.function,
          credentials: t.credentials,
          body: { requestMerchantId: t.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
        }),
      ),
    expect: {
      status: 200,
      json: { response: { body: { resultInfo: { resultCode: 'SUCCESS', resultStatus: 'S' } } } },
      headers: JSON_TYPE,
      check: (body, t) => expect(openApiReplySignatureProblem(body, t.sim.danaKeys.publicKeyPem)).toBeUndefined(),
    },
  },
  {
    name: 'a BNI deposit top-up callback credits the merchant deposit',
    request: ({ t }) => {
      const inner = {
        trx_amount: '5000',
        trx_id: `conf${Math.floor(Math.random() * 1e9)}`,
        virtual_account: depositVaNumber(t.merchantId),
        customer_name: 'rudy',
        payment_amount: '5000',
        cumulative_payment_amount: '5000',
        payment_ntb: '233171',
        datetime_payment: '2026-11-21 10:00:00',
        datetime_payment_iso8601: '2026-11-21T10:00:00+07:00',
      };
      return asRequest(bniRequest(t.sim, inner));
    },
    expect: { status: 200, json: { status: '000' }, headers: JSON_TYPE },
    moves: { account: (t) => merchantDeposit(t.merchantId), byMinor: 500_000 },
  },
  {
    name: 'GET /__sim/health answers JSON',
    request: () => ({ method: 'GET', path: '/__sim/health' }),
    expect: { status: 200, json: { ok: true, merchants: 1 }, headers: JSON_TYPE },
  },
  {
    name: 'the control API refuses a call without the bearer token (401) and changes nothing',
    on: 'guarded',
    request: () => ({ method: 'POST', path: '/__sim/balance/topup', headers: JSON_TYPE, body: '{"amount":"1000.00"}' }),
    expect: { status: 401, json: { error: 'control token required' }, headers: JSON_TYPE },
    moves: { account: (t) => merchantDeposit(t.merchantId), byMinor: 0 },
  },
  {
    name: 'the control API serves a call with the bearer token',
    on: 'guarded',
    request: () => ({
      method: 'POST',
      path: '/__sim/balance/topup',
      headers: { ...JSON_TYPE, authorization: `Bearer ${CONTROL_TOKEN}` },
      body: '{"amount":"1000.00"}',
    }),
    expect: { status: 200, headers: JSON_TYPE },
    moves: { account: (t) => merchantDeposit(t.merchantId), byMinor: 100_000 },
  },
  {
    name: 'the control API refuses a caller that is not on loopback (403), whatever its headers claim',
    remote: true,
    request: () => ({
      method: 'POST',
      path: '/__sim/balance/topup',
      headers: { ...JSON_TYPE, 'x-forwarded-for': '127.0.0.1' },
      body: '{"amount":"1000.00"}',
    }),
    expect: { status: 403, json: { error: 'the control API answers loopback callers only' }, headers: JSON_TYPE },
    moves: { account: (t) => merchantDeposit(t.merchantId), byMinor: 0 },
  },
  {
    name: 'the cashier page of a created balance order is HTML',
    request: async (context) => {
      const page = new URL((await createOrder(context, 'BALANCE')).webRedirectUrl);
      expect(page.origin).toBe(CASHIER_HOST);
      return { method: 'GET', host: CASHIER_HOST, path: page.pathname + page.search };
    },
    expect: {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      text: /Payment Gateway Order[\s\S]*Rp22\.200[\s\S]*txt-input-phone-number-field/,
    },
  },
  {
    name: "the cashier, after phone and PIN, pays from the user's balance and sends the browser back to PAY_RETURN",
    request: async (context) => {
      const bizNo = new URL((await createOrder(context, 'BALANCE')).webRedirectUrl).searchParams.get('bizNo')!;
      const post = async (path: string, fields: Record<string, string>) => {
        const headers = { 'content-type': 'application/x-www-form-urlencoded' };
        const outcome = await context.send({
          method: 'POST',
          host: CASHIER_HOST,
          path,
          headers,
          body: new URLSearchParams(fields).toString(),
        });
        if (outcome === 'network-error') throw new Error(`network error on ${path}`);
        return outcome.body;
      };
      const form = new URLSearchParams({ ...(await cashierPayForm(post, bizNo, VALID_CUSTOMER)), action: 'pay' }).toString();
      return {
        method: 'POST',
        host: CASHIER_HOST,
        path: '/m/portal/cashier/pay',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      };
    },
    expect: { status: 200, text: /url=https:\/\/merchant\.example\/return\?bizNo=\d+&#38;status=SUCCESS[\s\S]*Payment Rp22\.200 to/ },
    moves: { account: user, byMinor: -2_220_000 },
  },
  {
    name: "the sandbox tools pay an order's VA and the merchant is credited",
    request: async (context) => {
      const order = await createOrder(context, 'VIRTUAL_ACCOUNT');
      const body = JSON.stringify({
        urlEndpoint: '/v1.0/transfer-va/payment.htm',
        requestBody: { virtualAccountNo: order.additionalInfo.paymentCode },
      });
      return { method: 'POST', host: DASHBOARD_HOST, path: '/merchant-portal-app/api/sandbox-tools/execute', headers: JSON_TYPE, body };
    },
    expect: { status: 200, json: { success: true, result: { status: 'PAID' } }, headers: JSON_TYPE },
    moves: { account: (t) => merchantSettlement(t.merchantId), byMinor: 2_220_000 },
  },
  {
    name: 'a lostResponse drop rule commits the top up, and the client sees a network error',
    request: ({ t }) => topUpUnder(t, { lostResponse: 'drop' }),
    expect: 'network-error',
    moves: { account: user, byMinor: 100 },
  },
  {
    name: 'a lostResponse hold rule commits the top up, then closes the connection without a reply',
    request: ({ t }) => topUpUnder(t, { lostResponse: 'hold', holdMs: 30 }),
    expect: 'network-error',
    moves: { account: user, byMinor: 100 },
  },
  {
    name: 'a before-commit timeout rule commits nothing and closes the connection without a reply',
    request: ({ t }) => topUpUnder(t, { timeout: 'before-commit', holdMs: 30 }),
    expect: 'network-error',
    moves: { account: user, byMinor: 0 },
  },
  {
    name: 'a network reset rule commits nothing and resets the connection',
    request: ({ t }) => topUpUnder(t, { network: 'reset' }),
    expect: 'network-error',
    moves: { account: user, byMinor: 0 },
  },
  {
    name: 'an empty-reply rule commits nothing and closes the connection without a reply',
    request: ({ t }) => topUpUnder(t, { network: 'empty-reply' }),
    expect: 'network-error',
    moves: { account: user, byMinor: 0 },
  },
  {
    name: 'a malformed-json rule commits the top up and sends the reply cut in the middle',
    request: ({ t }) => topUpUnder(t, { network: 'malformed-json' }),
    expect: {
      status: 200,
      headers: JSON_TYPE,
      text: /^\{"responseCode":"2003800"/,
      check: (body) => expect(() => JSON.parse(body)).toThrow(),
    },
    moves: { account: user, byMinor: 100 },
  },
  {
    name: "a gateway rule answers the proxy's HTML page and commits nothing",
    request: ({ t }) => topUpUnder(t, { gateway: 503 }),
    expect: { status: 503, headers: { 'content-type': 'text/html' }, text: /<title>503 Service Temporarily Unavailable<\/title>/ },
    moves: { account: user, byMinor: 0 },
  },
  {
    name: 'X-Sim-Fault is ignored when the simulator does not allow it',
    request: ({ t }) => asRequest(signedTopUp(t), { 'x-sim-fault': 'GENERAL_ERROR' }),
    expect: { status: 200, json: { responseCode: '2003800' }, headers: JSON_TYPE },
    moves: { account: user, byMinor: 100 },
  },
  {
    name: 'X-Sim-Fault applies when the simulator allows it, and nothing is committed',
    on: 'guarded',
    request: ({ t }) => asRequest(signedTopUp(t), { 'x-sim-fault': 'GENERAL_ERROR' }),
    expect: { status: 500, json: { responseCode: '5003800' }, headers: JSON_TYPE },
    moves: { account: user, byMinor: 0 },
  },
];
