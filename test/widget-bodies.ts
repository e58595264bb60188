import { idr, jakartaAfter } from './helpers.ts';

// Request bodies of the Widget endpoints as DANA's UAT sends them (Widget.json PaymentSuccess), for
// handler, HTTP, reply-schema and fuzz tests.

export const WIDGET_PATHS = {
  payment: '/rest/redirection/v1.0/debit/payment-host-to-host',
  query: '/rest/v1.1/debit/status',
  queryHtm: '/v1.0/debit/status.htm',
  cancel: '/v1.0/debit/cancel.htm',
  refund: '/v1.0/debit/refund.htm',
} as const;

/** Widget.json PaymentSuccess, without urlParams (as DANA's) unless overridden. */
export function widgetPaymentBody(merchantId: string, overrides: Record<string, unknown> = {}, validForMs = 15 * 60_000, now = Date.now()) {
  const validUpTo = jakartaAfter(validForMs, now);
  return {
    partnerReferenceNo: `widget-${Math.random().toString(36).slice(2)}`,
    merchantId,
    amount: idr('10000.00'),
    validUpTo,
    pointOfInitiation: 'APP',
    additionalInfo: {
      productCode: '51051000100000000001',
      mcc: '5732',
      order: { orderTitle: 'Widget Order', createdTime: validUpTo },
      envInfo: { sourcePlatform: 'IPG', terminalType: 'SYSTEM', orderTerminalType: 'WEB' },
    },
    ...overrides,
  };
}
