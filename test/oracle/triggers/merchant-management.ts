import { openApiRequest, type SignedRequest } from '../../../simulator/signature/client.ts';
import type { Reply, TestSimulator } from '../../helpers.ts';
import { createDivisionBody, createShopBody, uniqueSuffix, updateDivisionBody, updateShopBody } from '../../merchant-management-bodies.ts';
import { byRule, real, send, type Provocations } from '../provoke.ts';

// How each result of the eight Merchant Management calls (Open API envelope, payment-gateway.md
// section 12) is provoked. DANA documents no failure codes for them, so the known Open API set is
// provoked: business codes by real requests (a bad value, another merchant's id),
// envelope codes by breaking the envelope, server codes by a one-shot rule.

/** A 21-digit merchant id that is not the caller's. */
const OTHER_MERCHANT_ID = '216600000000000000001';
/** A 21-digit DANA id no shop or division has. */
const UNKNOWN_INNER_ID = '216600000000000000009';
/** A well-formed RSA-2048 signature (256 bytes) that no key made over this request. */
const forgedSignature = Buffer.alloc(256, 7).toString('base64');

type Body = Record<string, unknown>;

/** One endpoint as the triggers call it; `valid` may first create the shop or division it names. */
interface Target {
  readonly endpoint: string;
  readonly path: string;
  readonly function: string;
  readonly valid: (t: TestSimulator) => Promise<Body>;
}

interface Envelope {
  readonly function?: string;
  readonly partnerId?: string;
  readonly clientSecret?: string;
}

function request(t: TestSimulator, target: Target, body: Body, envelope: Envelope = {}): SignedRequest {
  return openApiRequest({
    path: target.path,
    function: envelope.function ?? target.function,
    credentials: {
      ...t.credentials,
      partnerId: envelope.partnerId ?? t.credentials.partnerId,
      clientSecret: envelope.clientSecret ?? t.credentials.clientSecret,
    },
    body,
  });
}

/** The target's valid body, changed: members set to a value, or removed when set to undefined. */
const changed =
  (target: Target, changes: Body) =>
  async (t: TestSimulator, envelope: Envelope = {}) => {
    const body: Body = { ...(await target.valid(t)), ...changes };
    for (const [name, value] of Object.entries(changes)) if (value === undefined) delete body[name];
    return send(t, request(t, target, body, envelope));
  };

/** What each endpoint needs beyond the common provocations: its own bad value and foreign merchant. */
interface Specifics {
  readonly success: string;
  readonly illegal: { readonly how: string; readonly changes: Body };
  /** The member naming the merchant whose data is asked for. */
  readonly merchantField: string;
}

function openApiTriggers(target: Target, specifics: Specifics): Provocations {
  const ask =
    (envelope: Envelope = {}) =>
    (t: TestSimulator): Promise<Reply> =>
      changed(target, {})(t, envelope);
  const rule = (key: string) => byRule(target.endpoint, key, ask());
  return {
    SUCCESS: real(specifics.success, ask()),
    PARAM_ILLEGAL: real(specifics.illegal.how, (t) => changed(target, specifics.illegal.changes)(t)),
    // The simulator answers a missing field with PARAM_ILLEGAL <field>, as for queryMerchantResource.
    PARAM_MISSING: rule('PARAM_MISSING'),
    MERCHANT_NOT_EXIST: real(`a ${specifics.merchantField} that is not the caller's merchant id`, (t) =>
      changed(target, { [specifics.merchantField]: OTHER_MERCHANT_ID })(t),
    ),
    SYSTEM_ERROR: rule('SYSTEM_ERROR'),
    INVALID_SIGNATURE: real('a signature no key made over this request', async (t) => {
      const signed = request(t, target, await target.valid(t));
      return send(t, { ...signed, body: signed.body.replace(/"signature":"[^"]*"/, `"signature":"${forgedSignature}"`) });
    }),
    UNKNOWN_CLIENT: real('a clientId nobody registered', ask({ partnerId: 'nobody-registered' })),
    VERIFY_CLIENT_SECRET_FAIL: real('a wrong clientSecret', ask({ clientSecret: 'not-the-secret' })),
    FUNCTION_MISMATCH: real('the function of another API on this path', ask({ function: 'dana.merchant.queryMerchantResource' })),
    MSG_PARSE_ERROR: real('a body that is not JSON', async (t) =>
      send(t, { ...request(t, target, await target.valid(t)), body: 'not json' }),
    ),
    TOO_MANY_REQUESTS: rule('TOO_MANY_REQUESTS'),
  };
}

/** Creates a shop or division through the simulator and returns the id DANA's reply names. */
async function created(t: TestSimulator, target: Target, field: 'shopId' | 'divisionId'): Promise<string> {
  const reply = await send(t, request(t, target, await target.valid(t)));
  const id: unknown = reply.body.response?.body?.[field];
  if (typeof id !== 'string') throw new Error(`${target.endpoint} gave no ${field}: ${JSON.stringify(reply.body)}`);
  return id;
}

const CREATE_SHOP: Target = {
  endpoint: 'createShop',
  path: '/dana/merchant/shop/createShop.htm',
  function: 'dana.merchant.shop.createShop',
  valid: async (t) => createShopBody(t.merchantId),
};

const CREATE_DIVISION: Target = {
  endpoint: 'createDivision',
  path: '/dana/merchant/division/createDivision.htm',
  function: 'dana.merchant.division.createDivision',
  valid: async (t) => createDivisionBody(t.merchantId),
};

const UPDATE_SHOP: Target = {
  endpoint: 'updateShop',
  path: '/dana/merchant/shop/updateShop.htm',
  function: 'dana.merchant.shop.updateShop',
  valid: async (t) => updateShopBody(t.merchantId, await created(t, CREATE_SHOP, 'shopId')),
};

const QUERY_SHOP: Target = {
  endpoint: 'queryShop',
  path: '/dana/merchant/shop/queryShop.htm',
  function: 'dana.merchant.shop.queryShop',
  valid: async (t) => ({ merchantId: t.merchantId, shopId: await created(t, CREATE_SHOP, 'shopId'), shopIdType: 'INNER_ID' }),
};

const UPDATE_DIVISION: Target = {
  endpoint: 'updateDivision',
  path: '/dana/merchant/division/updateDivision.htm',
  function: 'dana.merchant.division.updateDivision',
  valid: async (t) => updateDivisionBody(t.merchantId, await created(t, CREATE_DIVISION, 'divisionId'), `division-${uniqueSuffix()}`),
};

const QUERY_DIVISION: Target = {
  endpoint: 'queryDivision',
  path: '/dana/merchant/division/queryDivision.htm',
  function: 'dana.merchant.division.queryDivision',
  valid: async (t) => ({
    merchantId: t.merchantId,
    divisionId: await created(t, CREATE_DIVISION, 'divisionId'),
    divisionIdType: 'INNER_ID',
  }),
};

const QUERY_MERCHANT_INFO: Target = {
  endpoint: 'queryMerchantInfo',
  path: '/dana/member/merchant/queryMerchantInfo.htm',
  function: 'dana.ap.bizprod.biz.service.openapi.merchant.queryMerchantInfo',
  valid: async (t) => ({ roleId: t.merchantId, loginType: 'ROLE', isQueryAccount: true }),
};

const QUERY_ASSET_CARD_LIST: Target = {
  endpoint: 'queryAssetCardList',
  path: '/dana/member/asset/queryAssetCardList.htm',
  function: 'dana.member.asset.queryAssetCardList',
  valid: async (t) => ({ memberId: t.merchantId, enableOnly: 'true', assetTypeList: ['VA_ACCOUNT'] }),
};

const FOUR_DIGIT_MERCHANT_ID = { how: 'a merchantId of 4 digits instead of 21', changes: { merchantId: '2166' } };

export const triggers: Readonly<Record<string, Provocations>> = {
  queryMerchantInfo: openApiTriggers(QUERY_MERCHANT_INFO, {
    success: "the calling merchant's profile with its accounts, as DANA's UAT setup asks",
    illegal: { how: 'a loginType DANA does not list', changes: { loginType: 'EMAIL' } },
    merchantField: 'roleId',
  }),
  queryAssetCardList: openApiTriggers(QUERY_ASSET_CARD_LIST, {
    success: "the merchant's VA asset cards, as DANA's UAT setup asks",
    illegal: { how: 'an enableOnly that is neither "true" nor "false"', changes: { enableOnly: 'yes' } },
    merchantField: 'memberId',
  }),
  createShop: openApiTriggers(CREATE_SHOP, {
    success: "a shop under the merchant, shaped like DANA's UAT fixture",
    illegal: FOUR_DIGIT_MERCHANT_ID,
    merchantField: 'merchantId',
  }),
  updateShop: openApiTriggers(UPDATE_SHOP, {
    success: 'a new name and address for a shop just created',
    illegal: { how: 'a shopId no shop has', changes: { shopId: UNKNOWN_INNER_ID } },
    merchantField: 'merchantId',
  }),
  queryShop: openApiTriggers(QUERY_SHOP, {
    success: 'a shop just created, by its DANA id',
    illegal: { how: 'a shopId no shop has', changes: { shopId: UNKNOWN_INNER_ID } },
    merchantField: 'merchantId',
  }),
  createDivision: openApiTriggers(CREATE_DIVISION, {
    success: "a division under the merchant, shaped like DANA's UAT fixture",
    illegal: FOUR_DIGIT_MERCHANT_ID,
    merchantField: 'merchantId',
  }),
  updateDivision: openApiTriggers(UPDATE_DIVISION, {
    success: 'a new name, type and external id for a division just created',
    illegal: { how: 'a divisionId no division has', changes: { divisionId: UNKNOWN_INNER_ID } },
    merchantField: 'merchantId',
  }),
  queryDivision: openApiTriggers(QUERY_DIVISION, {
    success: 'a division just created, by its DANA id',
    illegal: { how: 'a divisionId no division has', changes: { divisionId: UNKNOWN_INNER_ID } },
    merchantField: 'merchantId',
  }),
};
