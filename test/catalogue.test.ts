import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../contracts/index.ts';
import { BNI_RESULTS, OPEN_API_RESULTS, SNAP_CASES, snapResponseCode, type BniKey, type OpenApiKey, type SnapKey } from '../contracts/response-codes.ts';
import { depositVaNumber } from '../contracts/merchant/bni-deposit-topup.ts';
import type { EndpointContract } from '../contracts/common/endpoint.ts';
import { tokenRequest } from '../simulator/signature/client.ts';
import { bankInquiryBody, bniRequest, createTestSimulator, orderBody, inquiryBody, PATHS, topUpBody, transferBody, VALID_CUSTOMER, vaInquiryBody, vaPaymentBody, type TestSimulator } from './helpers.ts';

// Every code of every endpoint's table renders as DANA sends it: the 7-character SNAP code with
// the HTTP status of its first three digits and the catalogue message, or the Open API resultInfo.
// Codes are provoked through the one rule mechanism, which is how a team forces them in practice.

const bodies: Record<string, () => Record<string, unknown>> = {
  danaAccountInquiry: () => inquiryBody(),
  transferToDana: () => topUpBody(),
  transferToDanaInquiryStatus: () => ({ originalPartnerReferenceNo: 'any', serviceCode: '38' }),
  bankAccountInquiry: () => bankInquiryBody(),
  transferToBank: () => transferBody(),
  transferToBankInquiryStatus: () => ({ originalPartnerReferenceNo: 'any', serviceCode: '00' }),
};

/** Sends a valid request for the endpoint as its proper caller (merchant, bank, or a token request). */
async function sendValid(t: TestSimulator, endpoint: EndpointContract) {
  if (endpoint.key === 'accessTokenB2b') {
    const reply = await t.sim.handle(tokenRequest(t.bank.credentials));
    return { status: reply.status, body: JSON.parse(reply.body) };
  }
  if (endpoint.key === 'vaInquiry') return t.bank.snap(endpoint.paths[0], vaInquiryBody(t.bank.partnerServiceId, VALID_CUSTOMER));
  if (endpoint.key === 'vaPayment') return t.bank.snap(endpoint.paths[0], vaPaymentBody(t.bank.partnerServiceId, VALID_CUSTOMER, 'p-1'));
  if (endpoint.key === 'createOrder') return t.snap(endpoint.paths[0], orderBody(t.merchantId));
  if (endpoint.key === 'queryPayment') return t.snap(endpoint.paths[0], { originalPartnerReferenceNo: 'x', serviceCode: '54', merchantId: t.merchantId });
  return t.snap(endpoint.paths[0], bodies[endpoint.key]());
}

const cases = ENDPOINTS.flatMap((endpoint) =>
  endpoint.resultKeys.filter((key) => key !== 'SUCCESS' && key !== 'IN_PROGRESS').map((key) => ({ endpoint, key })),
);

describe('response-code catalogue', () => {
  it.each(cases.map((c) => [c.endpoint.key, c.key, c]))('%s can answer %s', async (_endpointKey, _key, { endpoint, key }) => {
    const t = await createTestSimulator();
    t.sim.rules.add({ endpoint: endpoint.key, effect: { result: key }, times: 1 });
    if (endpoint.envelope === 'bni') {
      const inner = { trx_id: 't1', virtual_account: depositVaNumber(t.merchantId), payment_amount: '1000' };
      const reply = await t.sim.handle(bniRequest(t.sim, inner));
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ status: BNI_RESULTS[key as BniKey].status });
      return;
    }
    if (endpoint.envelope === 'open-api') {
      const reply = await t.balanceCheck();
      expect(reply.status).toBe(200);
      expect(reply.body.response.body.resultInfo).toEqual(OPEN_API_RESULTS[key as OpenApiKey]);
      return;
    }
    const reply = await sendValid(t, endpoint);
    const entry = SNAP_CASES[key as SnapKey];
    expect(reply.body.responseCode).toBe(snapResponseCode(key as SnapKey, endpoint.serviceCode));
    expect(reply.status).toBe(entry.httpStatus);
    expect(reply.body.responseMessage).toBe(endpoint.messages?.[key as SnapKey] ?? entry.message);
  });

  it('keeps every SNAP code seven digits with a three-digit HTTP status', () => {
    for (const endpoint of ENDPOINTS) {
      if (endpoint.envelope !== 'snap') continue;
      for (const key of endpoint.resultKeys) expect(snapResponseCode(key, endpoint.serviceCode)).toMatch(/^[245]\d{6}$/);
    }
  });

  it('records rule-made business failures (403/404) as failed transactions, but not server errors', async () => {
    const t = await createTestSimulator();
    const server = topUpBody();
    const business = topUpBody();
    t.sim.rules.add({ endpoint: 'transferToDana', when: [{ field: 'partnerReferenceNo', op: 'eq', value: business.partnerReferenceNo }], effect: { result: 'DO_NOT_HONOR' }, times: 1 });
    t.sim.rules.add({ endpoint: 'transferToDana', when: [{ field: 'partnerReferenceNo', op: 'eq', value: server.partnerReferenceNo }], effect: { result: 'INTERNAL_SERVER_ERROR' }, times: 1 });
    expect((await t.snap(PATHS.topUp, server)).body.responseCode).toBe('5003801');
    expect((await t.snap(PATHS.topUp, business)).body.responseCode).toBe('4033805');
    const statusOf = async (ref: string) => (await t.snap(PATHS.topUpStatus, { originalPartnerReferenceNo: ref, serviceCode: '38' })).body;
    expect((await statusOf(business.partnerReferenceNo)).latestTransactionStatus).toBe('06');
    expect((await statusOf(server.partnerReferenceNo)).responseCode).toBe('4043901');
    // The server error left no trace, so a retry is processed afresh and succeeds.
    expect((await t.snap(PATHS.topUp, server)).body.responseCode).toBe('2003800');
  });
});
