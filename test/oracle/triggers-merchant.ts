import { openApiRequest, type SignedRequest } from '../../simulator/signature/client.ts';
import { bniRequest, PATHS, type TestSimulator } from '../helpers.ts';
import { byRule, real, send, type Provocations } from './provoke.ts';

// How each result of Check Disbursement Account (Open API envelope, merchant.md section 2) and of
// the sandbox's BNI deposit top-up (section 5) is provoked.

const FUNCTION = 'dana.merchant.queryMerchantResource';
const OTHER_MERCHANT_ID = '216600000000000000001';

interface Envelope {
  readonly function?: string;
  readonly partnerId?: string;
  readonly clientSecret?: string;
  readonly body?: Record<string, unknown>;
}

function balanceRequest(t: TestSimulator, envelope: Envelope = {}): SignedRequest {
  return openApiRequest({
    path: PATHS.merchantResource,
    function: envelope.function ?? FUNCTION,
    credentials: {
      ...t.credentials,
      partnerId: envelope.partnerId ?? t.credentials.partnerId,
      clientSecret: envelope.clientSecret ?? t.credentials.clientSecret,
    },
    body: envelope.body ?? { requestMerchantId: t.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
  });
}

const ask =
  (envelope: Envelope = {}) =>
  (t: TestSimulator) =>
    send(t, balanceRequest(t, envelope));
const openApiRule = (key: string) => byRule('queryMerchantResource', key, ask());

/** A well-formed RSA-2048 signature (256 bytes) that no key made over this request. */
const forgedSignature = Buffer.alloc(256, 7).toString('base64');

export const QUERY_MERCHANT_RESOURCE_TRIGGERS: Provocations = {
  SUCCESS: real("the merchant's own deposit balance", ask()),
  PARAM_ILLEGAL: real(
    'a requestMerchantId of 4 digits instead of 21',
    ask({ body: { requestMerchantId: '2166', merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] } }),
  ),
  PARAM_MISSING: openApiRule('PARAM_MISSING'),
  MERCHANT_NOT_EXIST: real(
    "a 21-digit merchant id that is not the caller's",
    ask({ body: { requestMerchantId: OTHER_MERCHANT_ID, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] } }),
  ),
  SYSTEM_ERROR: openApiRule('SYSTEM_ERROR'),
  INVALID_SIGNATURE: real('a signature no key made over this request', (t) => {
    const request = balanceRequest(t);
    return send(t, { ...request, body: request.body.replace(/"signature":"[^"]*"/, `"signature":"${forgedSignature}"`) });
  }),
  UNKNOWN_CLIENT: real('a clientId nobody registered', ask({ partnerId: 'nobody-registered' })),
  VERIFY_CLIENT_SECRET_FAIL: real('a wrong clientSecret', ask({ clientSecret: 'not-the-secret' })),
  FUNCTION_MISMATCH: real('the function of another API on this path', ask({ function: 'dana.member.asset.queryAssetCardList' })),
  MSG_PARSE_ERROR: real('a body that is not JSON', (t) => send(t, { ...balanceRequest(t), body: 'not json' })),
  TOO_MANY_REQUESTS: openApiRule('TOO_MANY_REQUESTS'),
};

function topUpData(t: TestSimulator, overrides: Record<string, unknown> = {}) {
  return {
    trx_amount: '1000',
    trx_id: `bni-${Math.random().toString(36).slice(2)}`,
    virtual_account: `988${t.merchantId.slice(-13)}`,
    customer_name: 'rudy',
    payment_amount: '1000000',
    ...overrides,
  };
}

const bniSend =
  (overrides: Record<string, unknown> = {}) =>
  (t: TestSimulator) =>
    send(t, bniRequest(t.sim, topUpData(t, overrides)));

export const BNI_DEPOSIT_TOP_UP_TRIGGERS: Provocations = {
  SUCCESS: real("a payment to the merchant's BNI deposit VA", bniSend()),
  BNI_INVALID_PARAMETER: real('payment_amount 0', bniSend({ payment_amount: '0' })),
  BNI_INVALID_CLIENT: real("a client_id other than the simulator's", (t) =>
    send(t, bniRequest(t.sim, topUpData(t), { ...t.sim.bni(), clientId: '911' })),
  ),
  BNI_INVALID_VA: real('a deposit VA number no merchant has', bniSend({ virtual_account: '9880000000000000' })),
  BNI_TECHNICAL_FAILURE: byRule('bniDepositTopUp', 'BNI_TECHNICAL_FAILURE', bniSend()),
};
