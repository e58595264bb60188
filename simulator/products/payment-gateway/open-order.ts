import { ORDER_STATUS } from '../../../contracts/payment-gateway/common.ts';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import type { Transaction } from '../../ledger/database.ts';
import { money } from '../../ledger/money.ts';
import { ORDER_FAMILY, ORDER_TIMERS, orderKey, type OrderDetails } from './orders.ts';

// Opening an order: what Create Order does once its request is accepted, and what another product
// (an aggregator paying through DANA's cashier) does for itself. The order is INIT, its timer closes it
// at validUntil, and the cashier page behind webRedirectUrl pays it.

export interface OpenOrderInput {
  readonly partnerId: string;
  readonly partnerReferenceNo: string;
  readonly merchantId: string;
  readonly amountMinor: number;
  readonly title: string;
  readonly validUntil: number;
  /** DANA's reference for it (`ids.referenceNo()`): the cashier's bizNo. */
  readonly referenceNo: string;
  readonly now: number;
  /** Where hosted pages are served (`runtime.pagesUrl()`). */
  readonly pagesUrl: string;
  readonly payReturnUrl?: string;
  readonly notificationUrl?: string;
  /** The product that owns it (owners.ts): told the outcome, and no Finish Notify is sent. */
  readonly owner?: string;
}

export interface OpenedOrder {
  readonly key: string;
  readonly referenceNo: string;
  readonly webRedirectUrl: string;
  readonly record: TransactionRecord;
}

/** The cashier page that pays an order. */
export function cashierUrl(pagesUrl: string, referenceNo: string): string {
  return `${pagesUrl}/m/portal/cashier/checkout?bizNo=${referenceNo}`;
}

/** Starts an order's clock: it closes unpaid at `expiresAt`. */
export function startOrderTimer(tx: Transaction, key: string, expiresAt: number): void {
  tx.put(ORDER_TIMERS, key, { key, expiresAt });
}

/** Writes an INIT order paid on DANA's cashier (balance), with its timer. Throws if the reference is taken. */
export function openOrder(tx: Transaction, input: OpenOrderInput): OpenedOrder {
  const key = orderKey(input.partnerId, input.partnerReferenceNo);
  if (tx.get(TRANSACTIONS, key)) throw new Error(`an order ${input.partnerReferenceNo} of ${input.partnerId} exists already`);
  const details: OrderDetails = {
    merchantId: input.merchantId,
    amountMinor: input.amountMinor,
    title: input.title,
    validUntil: input.validUntil,
    payMethod: 'BALANCE',
    ...(input.notificationUrl === undefined ? {} : { notificationUrl: input.notificationUrl }),
    ...(input.payReturnUrl === undefined ? {} : { payReturnUrl: input.payReturnUrl }),
    ...(input.owner === undefined ? {} : { owner: input.owner }),
  };
  const webRedirectUrl = cashierUrl(input.pagesUrl, input.referenceNo);
  const record: TransactionRecord = {
    family: ORDER_FAMILY,
    partnerId: input.partnerId,
    partnerReferenceNo: input.partnerReferenceNo,
    referenceNo: input.referenceNo,
    // Not opened by a request: no retry can replay it, so no request is fingerprinted.
    fingerprint: '',
    status: ORDER_STATUS.INIT.code,
    amount: money(input.amountMinor),
    reply: {
      ok: true,
      reply: { key: 'SUCCESS', fields: { referenceNo: input.referenceNo, partnerReferenceNo: input.partnerReferenceNo, webRedirectUrl } },
    },
    createdAt: input.now,
    updatedAt: input.now,
    details: { ...details },
  };
  tx.put(TRANSACTIONS, key, record);
  startOrderTimer(tx, key, input.validUntil);
  return { key, referenceNo: input.referenceNo, webRedirectUrl, record };
}
