import { Dana } from 'dana-node';
import type { ClientContext, DanaClient } from './types.ts';

// The official dana-node SDK, unmodified, as an adapter (an operation on another of its paths is `<operation> <path>`). Its hosts are hard-coded to DANA's, so the
// runner intercepts them (msw) when the target is a simulator. It has no bank-side VA operations.

export function danaNodeClient(context: ClientContext): DanaClient {
  const dana = new Dana({
    partnerId: context.merchant.partnerId,
    privateKey: context.merchant.privateKey,
    origin: context.merchant.origin ?? 'http://localhost',
    clientSecret: context.merchant.clientSecret,
    env: 'sandbox',
  });
  const call = (method: (request: never) => Promise<unknown>) => (request: unknown) => method(request as never);
  return {
    queryMerchantResource: call((r) => dana.merchantManagementApi.queryMerchantResource(r)),
    danaAccountInquiry: call((r) => dana.disbursementApi.danaAccountInquiry(r)),
    transferToDana: call((r) => dana.disbursementApi.transferToDana(r)),
    transferToDanaInquiryStatus: call((r) => dana.disbursementApi.transferToDanaInquiryStatus(r)),
    bankAccountInquiry: call((r) => dana.disbursementApi.bankAccountInquiry(r)),
    transferToBank: call((r) => dana.disbursementApi.transferToBank(r)),
    transferToBankInquiryStatus: call((r) => dana.disbursementApi.transferToBankInquiryStatus(r)),
    createOrder: call((r) => dana.paymentGatewayApi.createOrder(r)),
    queryPayment: call((r) => dana.paymentGatewayApi.queryPayment(r)),
    cancelOrder: call((r) => dana.paymentGatewayApi.cancelOrder(r)),
    refundOrder: call((r) => dana.paymentGatewayApi.refundOrder(r)),
    consultPay: call((r) => dana.paymentGatewayApi.consultPay(r)),
    widgetPayment: call((r) => dana.widgetApi.widgetPayment(r)),
    applyToken: call((r) => dana.widgetApi.applyToken(r)),
    applyOTT: call((r) => dana.widgetApi.applyOTT(r)),
    accountUnbinding: call((r) => dana.widgetApi.accountUnbinding(r)),
    balanceInquiry: call((r) => dana.widgetApi.balanceInquiry(r)),
    // Widget's query, cancel and refund: Payment Gateway's operations on the widget paths (case steps' `path`).
    'queryPayment /rest/v1.1/debit/status': call((r) => dana.widgetApi.queryPayment(r)),
    'cancelOrder /v1.0/debit/cancel.htm': call((r) => dana.widgetApi.cancelOrder(r)),
    'refundOrder /v1.0/debit/refund.htm': call((r) => dana.widgetApi.refundOrder(r)),
  };
}
