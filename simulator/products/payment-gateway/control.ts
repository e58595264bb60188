import { wibIso } from '../../clock/clock.ts';
import { UAT_CUSTOMERS } from '../../../contracts/sandbox-identities.ts';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import { toValue } from '../../ledger/money.ts';
import { optionalText, text } from '../../core/control-input.ts';
import type { ControlRoutes } from '../../core/product.ts';
import { findMerchant } from '../../parties/find.ts';
import { expireOrderNow, payOrderNow } from './payments.ts';
import { ORDER_FAMILY, detailsOf } from './orders.ts';

// Control routes for Payment Gateway orders: list them, pay one (`dana-sim order pay`), expire an open one.

function orderView(record: TransactionRecord) {
  const details = detailsOf(record);
  return {
    partnerReferenceNo: record.partnerReferenceNo,
    referenceNo: record.referenceNo,
    status: record.status,
    amount: toValue(details.amountMinor),
    refunded: toValue(details.refundedMinor ?? 0),
    payMethod: details.payMethod,
    payOption: details.payOption,
    paymentCode: details.paymentCode,
    validUntil: wibIso(details.validUntil),
    notificationUrl: details.notificationUrl,
  };
}

export const PAYMENT_GATEWAY_CONTROL: ControlRoutes = {
  'GET /orders': (sim) =>
    [...sim.db.values<TransactionRecord>(TRANSACTIONS)]
      .filter((record) => record.family === ORDER_FAMILY)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(orderView),
  'POST /orders/pay': async (sim, request) => {
    const merchant = findMerchant(sim.db, optionalText(request.body.merchant));
    return orderView(
      await payOrderNow(
        sim,
        merchant.partnerId,
        text(request.body.partnerReferenceNo, 'partnerReferenceNo'),
        optionalText(request.body.customer) ?? UAT_CUSTOMERS[0],
      ),
    );
  },
  'POST /orders/expire': async (sim, request) => {
    const merchant = findMerchant(sim.db, optionalText(request.body.merchant));
    return orderView(await expireOrderNow(sim, merchant.partnerId, text(request.body.partnerReferenceNo, 'partnerReferenceNo')));
  },
};
