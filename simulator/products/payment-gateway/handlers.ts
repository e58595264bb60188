import type { InputOf } from '../../../contracts/common/endpoint.ts';
import { MAX_ORDER_VALIDITY_MS, ORDER_STATUS } from '../../../contracts/payment-gateway/common.ts';
import type { createOrder as createOrderContract, queryPayment as queryPaymentContract } from '../../../contracts/payment-gateway/index.ts';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { merchantIdOf, type Handled, type HandlerContext, type Reply, type RequestContext } from '../../core/route.ts';
import { money } from '../../ledger/money.ts';
import { findTransaction } from '../disbursement/status-reply.ts';
import { putDynamicVa } from '../virtual-account/bills.ts';
import { PARTNERS, type PartnerRecord } from '../../parties/banks.ts';
import { externalIdWithin } from './order-lookup.ts';
import { cashierUrl, startOrderTimer } from './open-order.ts';
import { ORDER_FAMILY, detailsOf, type OrderDetails } from './orders.ts';
import { storesKnown } from './stores.ts';

// Payment Gateway: Create Order (svc 54) and Query Payment (svc 55). Cancel, refund and consult pay
// have their own modules.

/** Order VAs are issued by the first bank partner (the provisioned test bank), whatever bank the pay option names. */
function issuingBank(context: RequestContext): PartnerRecord | undefined {
  return [...context.services.db.values<PartnerRecord>(PARTNERS)].sort((a, b) => a.createdAt - b.createdAt)[0];
}

export function createOrder(input: InputOf<typeof createOrderContract>, context: HandlerContext): Result<Handled> {
  if (input.merchantId !== merchantIdOf(context)) return fail('INVALID_MERCHANT');
  // DANA's python SDK attaches its "make sure externalStoreId / subMerchant exists" hint to exactly this code.
  if (!storesKnown(context.tx, input.merchantId, input)) return fail('INVALID_MERCHANT');
  const validUntil = input.validUpTo ? Date.parse(input.validUpTo) : context.now + MAX_ORDER_VALIDITY_MS;
  if (validUntil <= context.now || validUntil > context.now + MAX_ORDER_VALIDITY_MS)
    return fail('INVALID_FIELD_FORMAT', { detail: 'validUpTo' });
  const option = input.payOptionDetails?.[0];
  const payMethod = option?.payMethod ?? 'BALANCE';
  const bank = payMethod === 'VIRTUAL_ACCOUNT' ? issuingBank(context) : undefined;
  if (payMethod === 'VIRTUAL_ACCOUNT' && !bank)
    return fail('TRANSACTION_NOT_PERMITTED', { detail: 'no bank partner issues virtual accounts' });
  const { db, ids, seed } = context.services;
  const { tx } = context;
  const referenceNo = ids.referenceNo();
  const key = context.idempotency!.recordKey;
  const title = input.additionalInfo?.order?.orderTitle ?? 'Payment Gateway Order';
  const bill = bank
    ? putDynamicVa(tx, db, seed, {
        partner: bank,
        orderKey: key,
        name: title,
        amountMinor: input.amountMinor,
        expiresAt: validUntil,
        trxId: referenceNo,
        now: context.now,
      })
    : undefined;
  const paymentCode = bill?.virtualAccountNo.replace(/ /g, '');
  const details: OrderDetails = {
    merchantId: input.merchantId,
    amountMinor: input.amountMinor,
    title,
    validUntil,
    notificationUrl: input.urlParams.find((param) => param.type === 'NOTIFICATION')?.url,
    payReturnUrl: input.urlParams.find((param) => param.type === 'PAY_RETURN')?.url,
    payMethod,
    ...(option?.payOption ? { payOption: option.payOption } : {}),
    ...(paymentCode ? { paymentCode } : {}),
  };
  startOrderTimer(tx, key, validUntil);
  const reply: Reply = {
    key: 'SUCCESS',
    fields: {
      referenceNo,
      partnerReferenceNo: input.partnerReferenceNo,
      ...(paymentCode ? {} : { webRedirectUrl: cashierUrl(context.services.pagesUrl(), referenceNo) }),
      ...(paymentCode ? { additionalInfo: { paymentCode } } : {}),
    },
  };
  // A completion rule (the sandbox's 205502.00) leaves the payment in progress: 02 PAYING until validUpTo closes it.
  const status = context.settle ? ORDER_STATUS.PAYING.code : ORDER_STATUS.INIT.code;
  return ok({ reply, record: { status, referenceNo, amount: input.amount, details: { ...details } } });
}

export function queryPayment(input: InputOf<typeof queryPaymentContract>, context: HandlerContext): Result<Handled> {
  if (input.merchantId !== merchantIdOf(context)) return fail('INVALID_MERCHANT');
  const record = findTransaction(context, ORDER_FAMILY, input);
  if (!record || (input.originalReferenceNo && record.referenceNo !== input.originalReferenceNo)) return fail('TRANSACTION_NOT_FOUND');
  const details = detailsOf(record);
  const status = Object.values(ORDER_STATUS).find((entry) => entry.code === record.status) ?? ORDER_STATUS.INIT;
  const amount = money(details.amountMinor);
  return ok({
    reply: {
      key: 'SUCCESS',
      fields: {
        originalPartnerReferenceNo: record.partnerReferenceNo,
        originalReferenceNo: record.referenceNo,
        // The python and PHP reply models allow 32 characters; SDKs send 36-character X-EXTERNAL-IDs.
        ...externalIdWithin(record, 32),
        serviceCode: '54',
        latestTransactionStatus: status.code,
        transactionStatusDesc: status.description,
        transAmount: amount,
        amount,
        ...(details.paidAt ? { paidTime: jakartaTimestamp(details.paidAt) } : {}),
        title: details.title,
        additionalInfo: {
          amountDetail: {
            orderAmount: amount,
            ...(details.paidAt ? { payAmount: amount } : {}),
            ...(details.refundedMinor ? { refundAmount: money(details.refundedMinor) } : {}),
          },
          timeDetail: {
            createdTime: jakartaTimestamp(record.createdAt),
            expiryTime: jakartaTimestamp(details.validUntil),
            ...(details.paidAt ? { paidTimes: [jakartaTimestamp(details.paidAt)] } : {}),
            ...(details.cancelledAt ? { cancelledTime: jakartaTimestamp(details.cancelledAt) } : {}),
          },
          statusDetail: {
            // The SDK's enum has CLOSED for an order that expired unpaid, CANCELLED for one the merchant cancelled.
            acquirementStatus: details.closedAt && !details.cancelledAt ? 'CLOSED' : status.description,
            ...(details.cancelledAt ? { cancelled: 'true' } : {}),
          },
          ...(details.closedAt && !details.cancelledAt ? { closeReason: 'ORDER_EXPIRED' } : {}),
          ...(details.paymentCode ? { paymentCode: details.paymentCode } : {}),
        },
      },
    },
  });
}
