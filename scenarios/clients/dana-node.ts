import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

/**
 * The installed dana-node's version, for the reports. Its package.json is not in its exports map, so
 * it is found beside the resolved entry (dist/index.js); undefined when it cannot be read.
 */
export function danaNodeVersion(): string | undefined {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve('dana-node'));
    for (let depth = 0; depth < 4; depth++, dir = dirname(dir)) {
      try {
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (manifest.name === 'dana-node') return manifest.version;
      } catch {
        // not this folder: look one up
      }
    }
  } catch {
    // dana-node is not installed: no version to report
  }
  return undefined;
}
