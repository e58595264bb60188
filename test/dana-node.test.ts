import { ResponseError, type Dana } from 'dana-node';
import { describe, expect, it } from 'vitest';
import { sdkHarness } from './dana-sdk.ts';
import { controlCall, VALID_CUSTOMER } from './helpers.ts';

// The official dana-node SDK from npm (1.5.11, unmodified) against the simulator. Its base URL is
// hard-coded to DANA's sandbox host; msw intercepts that host and hands requests to the simulator.

const FUND_TYPE = 'AGENT_TOPUP_FOR_USER_SETTLE';
const sdk = sdkHarness('sdk');
const start = () => sdk.start();

/** A Payment Gateway order of 11011.00 to be paid through a CIMB VA, valid for ten minutes. */
function createVaOrder(dana: Dana, merchantId: string, partnerReferenceNo: string, order?: Record<string, string>) {
  const validUpTo = new Date(Date.now() + 10 * 60_000 + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';
  return dana.paymentGatewayApi.createOrder({
    partnerReferenceNo,
    merchantId,
    amount: { value: '11011.00', currency: 'IDR' },
    validUpTo,
    urlParams: [
      { url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'Y' },
      { url: 'https://merchant.example/notify', type: 'NOTIFICATION', isDeeplink: 'Y' },
    ],
    payOptionDetails: [
      { payMethod: 'VIRTUAL_ACCOUNT', payOption: 'VIRTUAL_ACCOUNT_CIMB', transAmount: { value: '11011.00', currency: 'IDR' } },
    ],
    additionalInfo: {
      mcc: '5732',
      envInfo: { sourcePlatform: 'IPG', terminalType: 'SYSTEM', orderTerminalType: 'WEB' },
      ...(order ? { order } : {}),
    },
  } as never);
}

/** Pays a VA by number with DANA's sandbox tools, as DANA's UAT does; the HTTP status of the answer. */
async function payWithSandboxTools(virtualAccountNo: string): Promise<number> {
  const reply = await fetch('https://dashboard-sandbox.dana.id/merchant-portal-app/api/sandbox-tools/execute', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ urlEndpoint: '/v1.0/transfer-va/payment.htm', requestBody: { virtualAccountNo } }),
  });
  return reply.status;
}

const depositOf = async (dana: Dana, merchantId: string) => {
  const reply = await dana.merchantManagementApi.queryMerchantResource({
    requestMerchantId: merchantId,
    merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] as never,
  });
  expect(reply.response.body.resultInfo.resultStatus).toBe('S');
  return JSON.parse(reply.response.body.merchantResourceInformations![0].value).amount as string;
};

const topUp = (partnerReferenceNo: string, value = '1.00') => ({
  partnerReferenceNo,
  customerNumber: VALID_CUSTOMER,
  amount: { value, currency: 'IDR' },
  feeAmount: { value: '1.00', currency: 'IDR' },
  additionalInfo: { fundType: FUND_TYPE },
});

describe('official dana-node 1.5.11 against the simulator (msw)', () => {
  it('runs balance check, account inquiry, top up and status; replays and rejects a changed retry; survives a restart', async () => {
    const dataDir = await sdk.dataDir();
    const first = await sdk.start(dataDir);
    const merchantId = first.sim.env.MERCHANT_ID;

    await controlCall(first.sim.simulator, 'POST', '/__sim/balance/topup', JSON.stringify({ amount: '1000000.00' }));
    const deposit = await depositOf(first.dana, merchantId);
    expect(deposit).toBe('101000000.00');

    const inquiry = await first.dana.disbursementApi.danaAccountInquiry({
      customerNumber: VALID_CUSTOMER,
      amount: { value: '1.00', currency: 'IDR' },
      additionalInfo: { fundType: FUND_TYPE },
    });
    expect(inquiry.responseCode).toBe('2003700');
    expect(inquiry.customerName.length).toBeGreaterThan(0);

    const userBefore = first.sim.simulator.runtime.db.ledger.balance(`user:${VALID_CUSTOMER}`);
    const reply = await first.dana.disbursementApi.transferToDana(topUp('sdk-ref-1'));
    expect(reply).toMatchObject({ responseCode: '2003800', partnerReferenceNo: 'sdk-ref-1' });
    expect(await depositOf(first.dana, merchantId)).toBe('100999998.00');
    expect(first.sim.simulator.runtime.db.ledger.balance(`user:${VALID_CUSTOMER}`) - userBefore).toBe(100);

    const status = await first.dana.disbursementApi.transferToDanaInquiryStatus({
      originalPartnerReferenceNo: 'sdk-ref-1',
      serviceCode: '38',
    });
    expect(status).toMatchObject({ responseCode: '2003900', latestTransactionStatus: '00', originalReferenceNo: reply.referenceNo });

    await first.sim.close();
    const second = await sdk.start(dataDir);
    expect(await depositOf(second.dana, merchantId)).toBe('100999998.00');
    const after = await second.dana.disbursementApi.transferToDanaInquiryStatus({
      originalPartnerReferenceNo: 'sdk-ref-1',
      serviceCode: '38',
    });
    expect(after.latestTransactionStatus).toBe('00');

    const replay = await second.dana.disbursementApi.transferToDana(topUp('sdk-ref-1'));
    expect(replay.referenceNo).toBe(reply.referenceNo);
    expect(await depositOf(second.dana, merchantId)).toBe('100999998.00');

    const changed = await second.dana.disbursementApi.transferToDana(topUp('sdk-ref-1', '4.00')).catch((error: unknown) => error);
    expect(changed).toBeInstanceOf(ResponseError);
    expect((changed as ResponseError).status).toBe(404);
    expect((changed as ResponseError).rawResponse).toMatchObject({ responseCode: '4043818', responseMessage: 'Inconsistent Request' });
  });

  it('surfaces sandbox magic failures to the SDK as errors with the DANA body and HTTP status', async () => {
    const { dana } = await start();
    const failure = await dana.disbursementApi
      .transferToDana({ ...topUp('sdk-frozen'), customerNumber: '628996647679' })
      .catch((error: unknown) => error);
    expect((failure as ResponseError).status).toBe(403);
    expect((failure as ResponseError).rawResponse).toMatchObject({ responseCode: '4033805', responseMessage: 'Do Not Honor' });
  });

  it('runs bank account inquiry, an asynchronous transfer to bank and its status through the SDK', async () => {
    const { sim, dana } = await start();
    const inquiry = await dana.disbursementApi.bankAccountInquiry({
      customerNumber: VALID_CUSTOMER,
      beneficiaryAccountNumber: '2460888509',
      amount: { value: '50000.00', currency: 'IDR' },
      additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', beneficiaryBankCode: '014' },
    });
    expect(inquiry).toMatchObject({
      responseCode: '2004200',
      beneficiaryAccountNumber: '2460888509',
      amount: { value: '50000.00', currency: 'IDR' },
    });
    expect(inquiry.beneficiaryAccountName.length).toBeGreaterThan(0);

    const transfer = await dana.disbursementApi.transferToBank({
      partnerReferenceNo: 'sdk-bank-1',
      customerNumber: VALID_CUSTOMER,
      beneficiaryAccountNumber: '2460888509',
      beneficiaryBankCode: '014',
      amount: { value: '50000.00', currency: 'IDR' },
      additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', needNotify: true },
    });
    expect(transfer).toMatchObject({ responseCode: '2024300', responseMessage: 'Request In Progress', partnerReferenceNo: 'sdk-bank-1' });
    const pending = await dana.disbursementApi.transferToBankInquiryStatus({ originalPartnerReferenceNo: 'sdk-bank-1', serviceCode: '00' });
    expect(pending).toMatchObject({ responseCode: '2000000', latestTransactionStatus: '03' });

    await controlCall(sim.simulator, 'POST', '/__sim/clock/advance', JSON.stringify({ duration: '3s' }));
    const done = await dana.disbursementApi.transferToBankInquiryStatus({ originalPartnerReferenceNo: 'sdk-bank-1', serviceCode: '00' });
    expect(done).toMatchObject({ latestTransactionStatus: '00', originalReferenceNo: transfer.referenceNo });
  });

  it('creates a VA order with paymentGatewayApi.createOrder; the sandbox tools pay its paymentCode; queryPayment says 00', async () => {
    const { dana, sim } = await start();
    const env = sim.env;
    const order = await createVaOrder(dana, env.MERCHANT_ID, 'sdk-order-1', { orderTitle: 'Payment Gateway Order', scenario: 'API' });
    expect(order).toMatchObject({ responseCode: '2005400', partnerReferenceNo: 'sdk-order-1' });
    expect(await payWithSandboxTools(order.additionalInfo!.paymentCode!)).toBe(200);
    const query = await dana.paymentGatewayApi.queryPayment({
      originalPartnerReferenceNo: 'sdk-order-1',
      serviceCode: '54',
      merchantId: env.MERCHANT_ID,
    });
    expect(query).toMatchObject({ responseCode: '2005500', latestTransactionStatus: '00' });
  });

  it('refunds part of a paid order, cancels the rest and consults pay methods with paymentGatewayApi', async () => {
    const { dana, sim } = await start();
    const env = sim.env;
    const order = await createVaOrder(dana, env.MERCHANT_ID, 'sdk-order-2');
    expect(await payWithSandboxTools(order.additionalInfo!.paymentCode!)).toBe(200);
    const refund = await dana.paymentGatewayApi.refundOrder({
      originalPartnerReferenceNo: 'sdk-order-2',
      merchantId: env.MERCHANT_ID,
      partnerRefundNo: 'sdk-refund-1',
      refundAmount: { value: '1011.00', currency: 'IDR' },
      reason: 'Customer complain',
    } as never);
    expect(refund).toMatchObject({ responseCode: '2005800', partnerRefundNo: 'sdk-refund-1', refundAmount: { value: '1011.00' } });
    const cancel = await dana.paymentGatewayApi.cancelOrder({
      originalPartnerReferenceNo: 'sdk-order-2',
      merchantId: env.MERCHANT_ID,
      reason: 'Network timeout',
    } as never);
    expect(cancel).toMatchObject({ responseCode: '2005700', responseMessage: 'Success', originalPartnerReferenceNo: 'sdk-order-2' });
    const query = await dana.paymentGatewayApi.queryPayment({
      originalPartnerReferenceNo: 'sdk-order-2',
      serviceCode: '54',
      merchantId: env.MERCHANT_ID,
    });
    expect(query).toMatchObject({
      latestTransactionStatus: '05',
      additionalInfo: { amountDetail: { refundAmount: { value: '11011.00' } } },
    });
    const consult = await dana.paymentGatewayApi.consultPay({
      merchantId: env.MERCHANT_ID,
      amount: { value: '100000.00', currency: 'IDR' },
      additionalInfo: { envInfo: { sourcePlatform: 'IPG', terminalType: 'SYSTEM', orderTerminalType: 'WEB' } },
    } as never);
    expect(consult).toMatchObject({ responseCode: '2005700', responseMessage: 'Successful' });
  });

  it("reaches Payment Gateway's refund through the SDK's Widget refund path (/v1.0/debit/refund.htm)", async () => {
    const { dana, sim } = await start();
    const failure = await dana.widgetApi
      .refundOrder({
        originalPartnerReferenceNo: 'x',
        partnerRefundNo: 'x-refund',
        merchantId: sim.env.MERCHANT_ID,
        refundAmount: { value: '1.00', currency: 'IDR' },
      } as never)
      .catch((error: unknown) => error);
    expect((failure as ResponseError).status).toBe(404);
    // Widget's wording of an unknown order (Widget.json RefundFailOrderNotExist), not Payment Gateway's 4045801.
    expect((failure as ResponseError).rawResponse).toMatchObject({ responseCode: '4045812', responseMessage: 'Invalid Bill' });
  });
});
