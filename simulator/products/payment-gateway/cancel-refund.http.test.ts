import { describe, expect, it } from 'vitest';
import { cancelOrder, consultPay, refundOrder } from '../../../contracts/payment-gateway/index.ts';
import { createTestSimulator, http, idr, orderBody, PATHS, sendHttp, VALID_CUSTOMER, type TestSimulator } from '../../../test/helpers.ts';
import { merchantSettlement, userBalance } from '../../ledger/accounts.ts';
import { snapRequest, type SignedRequest } from '../../signature/client.ts';
import { payOrderNow } from './payments.ts';

// Cancel Order, Refund Order and Consult Pay over HTTP (express adapter): DANA's UAT header cases,
// the 202 magic values, and the ledger before and after, including after a replayed refund.

const send = (t: TestSimulator, path: string, body: unknown, tweak: (request: SignedRequest) => SignedRequest = (r) => r) =>
  sendHttp(http(t.sim), tweak(snapRequest({ path, body, credentials: t.credentials })));
const without = (name: string) => (request: SignedRequest) => ({ ...request, headers: { ...request.headers, [name]: '' } });
const junkSignature = (request: SignedRequest) => ({ ...request, headers: { ...request.headers, 'x-signature': 'bm90IGEgc2lnbmF0dXJl' } });

async function paidOrder(t: TestSimulator, value: string) {
  const body = orderBody(t.merchantId, { amount: idr(value), payOptionDetails: undefined });
  expect((await send(t, PATHS.createOrder, body)).body.responseCode).toBe('2005400');
  await payOrderNow(t.sim.runtime, t.credentials.partnerId, body.partnerReferenceNo, VALID_CUSTOMER);
  return body.partnerReferenceNo;
}

const balances = (t: TestSimulator) => ({
  merchant: t.sim.runtime.db.ledger.balance(merchantSettlement(t.merchantId)),
  user: t.sim.runtime.db.ledger.balance(userBalance(VALID_CUSTOMER)),
});

describe('Refund Order over HTTP', () => {
  it('refunds once however often the same request comes, then the cancel answers 4045700', async () => {
    const t = await createTestSimulator({ background: false });
    const before = balances(t);
    const ref = await paidOrder(t, '1.00');
    const body = { originalPartnerReferenceNo: ref, merchantId: t.merchantId, partnerRefundNo: ref, refundAmount: idr('1.00') };
    const first = await send(t, refundOrder.paths[0], body);
    expect(first).toMatchObject({ status: 200, body: { responseCode: '2005800', responseMessage: 'Successful', partnerRefundNo: ref } });
    expect(balances(t)).toEqual(before);
    expect(await send(t, refundOrder.paths[0], body)).toEqual(first);
    expect(balances(t)).toEqual(before);
    const cancel = await send(t, cancelOrder.paths[0], { originalPartnerReferenceNo: ref, merchantId: t.merchantId });
    expect(cancel).toMatchObject({ status: 404, body: { responseCode: '4045700', responseMessage: 'Invalid Transaction Status' } });
    const inProgress = await send(t, refundOrder.paths[0], { ...body, refundAmount: idr('225800.00') });
    expect(inProgress).toMatchObject({ status: 202, body: { responseCode: '2025800', refundAmount: idr('225800.00') } });
    expect(balances(t)).toEqual(before);
  });

  it("answers DANA's header cases: 4005802 without X-SIGNATURE, 4015800 for a junk one", async () => {
    const t = await createTestSimulator({ background: false });
    const body = { originalPartnerReferenceNo: 'x', merchantId: t.merchantId, partnerRefundNo: 'x', refundAmount: idr('1.00') };
    expect((await send(t, refundOrder.paths[0], body, without('x-signature'))).body).toMatchObject({
      responseCode: '4005802',
      responseMessage: 'Invalid Mandatory Field X-SIGNATURE',
    });
    expect(await send(t, refundOrder.paths[0], body, junkSignature)).toMatchObject({
      status: 401,
      body: { responseCode: '4015800', responseMessage: 'Unauthorized. Invalid Signature' },
    });
  });
});

describe('Cancel Order and Consult Pay over HTTP', () => {
  it('cancels a paid order back to the payer; the magic 2025700 answers 202', async () => {
    const t = await createTestSimulator({ background: false });
    const before = balances(t);
    const ref = await paidOrder(t, '22200.00');
    const cancel = await send(t, cancelOrder.paths[0], {
      originalPartnerReferenceNo: ref,
      merchantId: t.merchantId,
      reason: 'Network timeout',
    });
    expect(cancel).toMatchObject({
      status: 200,
      body: { responseCode: '2005700', responseMessage: 'Success', originalPartnerReferenceNo: ref },
    });
    expect(balances(t)).toEqual(before);
    expect(await send(t, cancelOrder.paths[0], { originalPartnerReferenceNo: '2025700', merchantId: t.merchantId })).toEqual({
      status: 202,
      body: { responseCode: '2025700', responseMessage: 'Request In Progress', originalPartnerReferenceNo: '2025700' },
    });
  });

  it("answers DANA's header cases: 4005702 and 4000002 without X-TIMESTAMP, 4015700 for a junk signature", async () => {
    const t = await createTestSimulator({ background: false });
    const cancel = { originalPartnerReferenceNo: 'x', merchantId: t.merchantId };
    expect((await send(t, cancelOrder.paths[0], cancel, without('x-timestamp'))).body).toMatchObject({
      responseCode: '4005702',
      responseMessage: 'Invalid Mandatory Field X-TIMESTAMP',
    });
    expect((await send(t, cancelOrder.paths[0], cancel, junkSignature)).body.responseCode).toBe('4015700');
    const consult = {
      merchantId: t.merchantId,
      amount: idr('100000.00'),
      additionalInfo: { envInfo: { terminalType: 'SYSTEM' } },
    };
    expect((await send(t, consultPay.paths[0], consult)).body.responseCode).toBe('2005700');
    expect((await send(t, consultPay.paths[0], consult, without('x-timestamp'))).body).toEqual({
      responseCode: '4000002',
      responseMessage: 'Invalid Mandatory Field X-TIMESTAMP',
    });
  });
});
