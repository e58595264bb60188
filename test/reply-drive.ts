import type { OpenApiEndpoint } from '../contracts/common/endpoint.ts';
import { depositVaNumber } from '../contracts/merchant/bni-deposit-topup.ts';
import { queryUserProfile } from '../contracts/widget/query-user-profile.ts';
import {
  createDivision,
  createShop,
  queryAssetCardList,
  queryDivision,
  queryMerchantInfo,
  queryShop,
  updateDivision,
  updateShop,
} from '../contracts/merchant-management/index.ts';
import { ENDPOINTS } from '../simulator/products/index.ts';
import { openApiRequest, tokenRequest } from '../simulator/signature/client.ts';
import { bniRequest, idr, orderBody, PATHS, type Reply, type TestSimulator } from './helpers.ts';
import { WIDGET_PATHS, widgetPaymentBody } from './widget-bodies.ts';
import { createDivisionBody, createShopBody, updateDivisionBody, updateShopBody } from './merchant-management-bodies.ts';
import { applyToken, authCodeFor, customerCall } from './widget-binding.ts';

// Calls for the endpoints DANA's UAT cases (scenarios/cases) do not reach, or reach without their
// error replies: a success and representative errors each, sent through the core like any client.
// The reply-schema test records every reply the simulator gives, whoever asked.

/** An X-EXTERNAL-ID as dana-python sends it: `sdk` + 33 characters, 36 in all. */
const SDK_EXTERNAL_ID = `sdk${'0123456789abcdef0123456789abcdef0'}`;

const served = (key: string) => ENDPOINTS.some((endpoint) => endpoint.key === key);

async function openApi(t: TestSimulator, contract: OpenApiEndpoint, body: unknown): Promise<Reply> {
  const reply = await t.sim.handle(
    openApiRequest({ path: contract.paths[0]!, function: contract.function, credentials: t.credentials, body }),
  );
  return { status: reply.status, body: JSON.parse(reply.body).response.body };
}

export async function driveAuth(t: TestSimulator): Promise<void> {
  const request = tokenRequest(t.credentials);
  await t.sim.handle(request);
  await t.sim.handle({ ...request, headers: { ...request.headers, 'x-signature': 'AAAA' } });
}

export async function driveMerchant(t: TestSimulator): Promise<void> {
  const inner = {
    trx_amount: '1000',
    trx_id: `reply-schema-${Date.now()}`,
    virtual_account: depositVaNumber(t.merchantId),
    customer_name: 'rudy',
    payment_amount: '1000000',
    cumulative_payment_amount: '1000',
    payment_ntb: '233171',
    datetime_payment: '2026-11-21 10:00:00',
    datetime_payment_iso8601: '2026-11-21T10:00:00+07:00',
  };
  await t.sim.handle(bniRequest(t.sim, inner));
  await t.sim.handle(bniRequest(t.sim, { ...inner, trx_id: 'unknown-va', virtual_account: '9880000000000000' }));
  await t.balanceCheck();
  await t.balanceCheck({ requestMerchantId: 'someone-else', merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] });
}

export async function driveMerchantManagement(t: TestSimulator): Promise<void> {
  const shop = await openApi(t, createShop, createShopBody(t.merchantId));
  await openApi(t, createShop, createShopBody(t.merchantId, { sizeType: 'HUGE' }));
  await openApi(t, queryShop, { shopId: shop.body.shopId, shopIdType: 'INNER_ID' });
  await openApi(t, queryShop, { shopId: '000000000000000000000', shopIdType: 'INNER_ID' });
  await openApi(t, updateShop, updateShopBody(t.merchantId, shop.body.shopId));
  const division = await openApi(t, createDivision, createDivisionBody(t.merchantId));
  await openApi(t, queryDivision, { divisionId: division.body.divisionId, divisionIdType: 'INNER_ID' });
  await openApi(t, updateDivision, updateDivisionBody(t.merchantId, division.body.divisionId, `division-${Date.now()}`));
  await openApi(t, queryMerchantInfo, { roleId: t.merchantId, loginType: 'ROLE', isQueryAccount: true });
  await openApi(t, queryMerchantInfo, { roleId: 'nobody', loginType: 'ROLE' });
  await openApi(t, queryAssetCardList, { memberId: t.merchantId, enableOnly: 'true', assetTypeList: ['VA_ACCOUNT'] });
}

/** Payment Gateway: orders created and queried (with an SDK-length X-EXTERNAL-ID), and their errors. */
export async function drivePaymentGateway(t: TestSimulator): Promise<void> {
  const order = orderBody(t.merchantId);
  const created = await t.snap(PATHS.createOrder, order, (request) => ({
    ...request,
    headers: { ...request.headers, 'x-external-id': SDK_EXTERNAL_ID },
  }));
  await t.snap(PATHS.createOrder, { ...order, amount: idr('1.00') });
  await t.snap(PATHS.createOrder, orderBody(t.merchantId, { amount: idr('10000') }));
  await t.snap(PATHS.createOrder, orderBody(t.merchantId, { merchantId: undefined }));
  await t.snap(PATHS.createOrder, orderBody(t.merchantId, { payOptionDetails: undefined }));
  const query = { originalPartnerReferenceNo: order.partnerReferenceNo, serviceCode: '54', merchantId: t.merchantId };
  await t.snap(PATHS.queryPayment, query);
  await t.snap(PATHS.queryPayment, { ...query, originalReferenceNo: created.body.referenceNo });
  await t.snap(PATHS.queryPayment, { ...query, originalPartnerReferenceNo: 'no-such-order' });
  await t.snap(PATHS.queryPayment, { ...query, serviceCode: 'AZ' });
  await t.snap(PATHS.queryPayment, { ...query, merchantId: undefined });
  await drivePaymentGatewayAfterCare(t);
}

/**
 * Cancel Order, Refund Order and Consult Pay, once their contracts are served (another branch adds
 * them): paths and bodies as DANA's UAT sends them (issue-16 facts sections 1-3).
 */
async function drivePaymentGatewayAfterCare(t: TestSimulator): Promise<void> {
  const paid = orderBody(t.merchantId, {
    amount: idr('1.00'),
    payOptionDetails: [{ payMethod: 'VIRTUAL_ACCOUNT', payOption: 'VIRTUAL_ACCOUNT_CIMB', transAmount: idr('1.00') }],
  });
  const created = await t.snap(PATHS.createOrder, paid);
  if (served('consultPay')) {
    const envInfo = { sourcePlatform: 'IPG', terminalType: 'SYSTEM', orderTerminalType: 'WEB' };
    const consult = { merchantId: t.merchantId, amount: idr('100000.00'), additionalInfo: { buyer: {}, envInfo } };
    await t.snap('/v1.0/payment-gateway/consult-pay.htm', consult);
    await t.snap('/v1.0/payment-gateway/consult-pay.htm', { ...consult, merchantId: '' });
  }
  if (served('refundOrder')) {
    await t.sim.fetch(
      new Request('https://dashboard-sandbox.dana.id/merchant-portal-app/api/sandbox-tools/execute', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          urlEndpoint: '/v1.0/transfer-va/payment.htm',
          requestBody: { virtualAccountNo: created.body.additionalInfo?.paymentCode },
        }),
      }),
    );
    const refund = {
      merchantId: t.merchantId,
      originalPartnerReferenceNo: paid.partnerReferenceNo,
      partnerRefundNo: `refund-${paid.partnerReferenceNo}`,
      refundAmount: idr('1.00'),
      reason: 'Customer complain',
    };
    const path = '/payment-gateway/v1.0/debit/refund.htm';
    await t.snap(path, refund);
    await t.snap(path, { ...refund, refundAmount: idr('225800.00') });
    await t.snap(path, { ...refund, refundAmount: idr('10000') });
    await t.snap(path, { ...refund, originalPartnerReferenceNo: 'f77466d6-1825-4091' });
  }
  if (served('cancelOrder')) {
    const open = orderBody(t.merchantId);
    await t.snap(PATHS.createOrder, open);
    const cancel = {
      originalPartnerReferenceNo: open.partnerReferenceNo,
      merchantId: t.merchantId,
      reason: 'Network timeout',
      additionalInfo: {},
    };
    const path = '/payment-gateway/v1.0/debit/cancel.htm';
    await t.snap(path, cancel, (request) => ({
      ...request,
      headers: { ...request.headers, 'x-external-id': SDK_EXTERNAL_ID.replace('sdk', 'sdc') },
    }));
    await t.snap(path, { ...cancel, originalPartnerReferenceNo: '2025700' });
    await t.snap(path, { ...cancel, originalPartnerReferenceNo: '4045708' });
    await t.snap(path, { ...cancel, originalPartnerReferenceNo: 'no-such-order' });
  }
}

/** Widget: a payment, its magic amounts and errors, then query, cancel and refund on the widget paths. */
export async function driveWidget(t: TestSimulator): Promise<void> {
  const order = widgetPaymentBody(t.merchantId);
  await t.snap(WIDGET_PATHS.payment, order);
  for (const value of ['205502.00', '435415.00', '445408.00', '505400.00', '505401.00', '21000000.00', '10000.0000'])
    await t.snap(WIDGET_PATHS.payment, widgetPaymentBody(t.merchantId, { amount: idr(value) }));
  await t.snap(WIDGET_PATHS.payment, { ...order, amount: idr('1.00') });
  await t.snap(WIDGET_PATHS.payment, widgetPaymentBody(t.merchantId, { additionalInfo: {} }));
  const query = { originalPartnerReferenceNo: order.partnerReferenceNo, serviceCode: '54', merchantId: t.merchantId };
  await t.snap(WIDGET_PATHS.query, query);
  await t.snap(WIDGET_PATHS.queryHtm, { ...query, originalPartnerReferenceNo: 'test123' });
  await t.snap(WIDGET_PATHS.cancel, { originalPartnerReferenceNo: order.partnerReferenceNo, merchantId: t.merchantId });
  await t.snap(WIDGET_PATHS.cancel, { originalPartnerReferenceNo: '4035705', merchantId: t.merchantId });
  const refund = { merchantId: t.merchantId, partnerRefundNo: 'widget-refund', refundAmount: idr('505801.00') };
  await t.snap(WIDGET_PATHS.refund, { ...refund, originalPartnerReferenceNo: '${partnerReferenceNo}' });
  await t.snap(WIDGET_PATHS.refund, { ...refund, originalPartnerReferenceNo: '123123123123123', refundAmount: idr('1.00') });
}

/** Every SNAP and Open API endpoint served, called with a broken signature: each gets an error reply. */
export async function driveBrokenSignatures(t: TestSimulator): Promise<void> {
  for (const contract of ENDPOINTS) {
    if (contract.envelope === 'snap')
      await t.snap(contract.paths[0]!, {}, (request) => ({ ...request, headers: { ...request.headers, 'x-signature': 'AAAA' } }));
    if (contract.envelope === 'open-api') {
      const request = openApiRequest({ path: contract.paths[0]!, function: contract.function, credentials: t.credentials, body: {} });
      await t.sim.handle({ ...request, body: JSON.stringify({ ...JSON.parse(request.body), signature: 'AAAA' }) });
    }
  }
}

/** The snap endpoints the scenario cases reach with successes only. */
export async function driveSnapErrors(t: TestSimulator): Promise<void> {
  await t.snap(PATHS.vaInquiry, {});
  await t.bank.snap(PATHS.vaInquiry, { partnerServiceId: t.bank.partnerServiceId });
  await t.bank.snap(PATHS.vaPayment, { partnerServiceId: t.bank.partnerServiceId });
  await t.snap(PATHS.transferStatus, { originalPartnerReferenceNo: 'nope', serviceCode: '43' });
  await t.snap(
    PATHS.inquiry,
    { customerNumber: '62811742234', amount: idr('1.00'), additionalInfo: { fundType: 'AGENT_TOPUP_FOR_USER_SETTLE' } },
    (request) => ({
      ...request,
      headers: { ...request.headers, 'x-timestamp': '' },
    }),
  );
}

/** Widget's account calls: a binding, its tokens, and each call with a good and a refused token. */
export async function driveWidgetAccount(t: TestSimulator): Promise<void> {
  const code = await authCodeFor(t);
  const grant = { grantType: 'AUTHORIZATION_CODE', authCode: code, refreshToken: '', additionalInfo: {} };
  const tokens = (await applyToken(t, grant)).body as { accessToken: string; refreshToken: string };
  await applyToken(t, grant);
  await applyToken(t, { grantType: 'REFRESH_TOKEN', refreshToken: tokens.refreshToken });
  await applyToken(t, { grantType: 'REFRESH_TOKEN', refreshToken: 'nope' });
  await customerCall(t, '/v1.0/balance-inquiry.htm', { partnerReferenceNo: 'balance-1', balanceTypes: ['BALANCE'] }, tokens.accessToken);
  await customerCall(t, '/v1.0/balance-inquiry.htm', { partnerReferenceNo: 'balance-2' }, 'not-a-token');
  await customerCall(t, '/rest/v1.1/qr/apply-ott', { userResources: ['OTT'] }, tokens.accessToken);
  await customerCall(t, '/rest/v1.1/qr/apply-ott', { userResources: ['OTTasd!#$'] }, tokens.accessToken);
  await customerCall(t, '/rest/v1.1/qr/apply-ott', { userResources: ['OTT'] }, 'not-a-token');
  await openApi(t, queryUserProfile, { userResources: ['BALANCE', 'MASK_DANA_ID', 'FULLNAME'], accessToken: tokens.accessToken });
  await openApi(t, queryUserProfile, { userResources: ['BALANCE'], accessToken: 'not-a-token' });
  const unbind = { merchantId: t.merchantId, partnerReferenceNo: 'partnerReferenceNo', linkId: 'linkId', subMerchantId: '210000123' };
  await customerCall(t, '/v1.0/registration-account-unbinding.htm', unbind, tokens.accessToken);
  await customerCall(t, '/v1.0/registration-account-unbinding.htm', unbind, tokens.accessToken);
}
