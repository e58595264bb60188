import { USER_BALANCE_CAP } from '../../../contracts/common/user-limits.ts';
import { TRANSACTION_STATUS } from '../../../contracts/common/transaction-status.ts';
import { TRANSACTIONS, recordKey, type TransactionRecord } from '../../core/idempotency.ts';
import type { Handled, NewTransaction, Reply } from '../../core/route.ts';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { userBalance } from '../../ledger/accounts.ts';
import type { Transaction } from '../../ledger/database.ts';
import { minorOf, money } from '../../ledger/money.ts';
import { VA_REASONS } from '../../../contracts/virtual-account/common.ts';
import { vaPayment } from '../../../contracts/virtual-account/payment.ts';
import { VA_BILLS, type VaBill } from './bills.ts';
import type { Payee } from '../../core/product.ts';

// Inquiry sessions (the 5-minute timer) and the one way a VA payment credits a user, used by
// Payment VA and by a "paid" answer to DANA's Inquiry Status call.

export const VA_INQUIRIES = 'vaInquiries';
/** Open sessions by deadline: what the timer looks at. */
export const VA_TIMERS = 'vaTimers';
/** Payment records: Payment VA's idempotency family, also used by payments DANA learns of otherwise. */
const PAYMENT_FAMILY = vaPayment.idempotency.family;

export type SessionStatus = 'open' | 'paid' | 'checking' | 'expired';

export interface InquirySession {
  readonly key: string;
  readonly partnerId: string;
  readonly inquiryRequestId: string;
  readonly partnerServiceId: string;
  readonly customerNo: string;
  readonly virtualAccountNo: string;
  /** The user a top-up VA credits; undefined for an order VA. */
  readonly customerNumber?: string;
  readonly name: string;
  readonly amountMinor: number;
  readonly trxType: 'C' | 'O';
  readonly startedAt: number;
  readonly deadline: number;
  readonly status: SessionStatus;
}

export const sessionKey = (partnerId: string, inquiryRequestId: string) => `${partnerId}:${inquiryRequestId}`;

/** The bank's settlement account at DANA: money it collected from payers, outside the simulated world. */
export const bankSettlement = (partnerId: string) => `external:bank:${partnerId}`;

/** Only a user's balance has a cap; an order VA pays a merchant. */
export function exceedsCap(tx: Transaction, customerNumber: string | undefined, amountMinor: number): boolean {
  return customerNumber !== undefined && tx.balance(userBalance(customerNumber)) + amountMinor > minorOf(USER_BALANCE_CAP);
}

export function setSessionStatus(tx: Transaction, session: InquirySession, status: SessionStatus): void {
  tx.put(VA_INQUIRIES, session.key, { ...session, status });
  if (status !== 'open') tx.delete(VA_TIMERS, session.key);
}

export interface Credit {
  readonly partnerId: string;
  readonly paymentRequestId: string;
  readonly virtualAccountNo: string;
  readonly partnerServiceId: string;
  readonly customerNo: string;
  readonly customerNumber?: string;
  readonly name: string;
  readonly amountMinor: number;
  readonly trxId?: string;
  readonly referenceNo: string;
  readonly now: number;
  readonly session?: InquirySession;
  readonly bill?: VaBill;
}

/** A payment that did not come through Payment VA, so no pipeline keeps its transaction record. */
export interface OutsideCredit extends Credit {
  readonly externalId?: string;
  readonly fingerprint: string;
}

/** The payee kind of an order VA: Payment Gateway settles the order it pays. */
export const ORDER_PAYEE = 'order';

/**
 * Moves the payment from the bank's settlement account to the user (a top-up VA) or to the merchant
 * of the order (an order VA), and marks bill and session paid. Returns the reply and the payment's
 * transaction, which Payment VA's pipeline keeps (core/process.ts); creditVaPayment keeps it otherwise.
 */
export function payVa(tx: Transaction, credit: Credit, payee: (kind: string) => Payee | undefined): Required<Handled> {
  const key = recordKey(PAYMENT_FAMILY, credit.partnerId, credit.paymentRequestId);
  if (credit.bill?.orderKey) {
    const payOrder = payee(ORDER_PAYEE);
    if (!payOrder?.(tx, credit.bill.orderKey, credit.now, { source: bankSettlement(credit.partnerId), payMethod: 'VIRTUAL_ACCOUNT' }))
      throw new Error(`order ${credit.bill.orderKey} of VA ${credit.virtualAccountNo} is not payable`);
  } else {
    tx.post({
      id: `va:${credit.referenceNo}`,
      at: credit.now,
      ref: key,
      memo: `VA payment to ${credit.customerNumber}`,
      entries: [
        { account: bankSettlement(credit.partnerId), amountMinor: -credit.amountMinor },
        { account: userBalance(credit.customerNumber!), amountMinor: credit.amountMinor },
      ],
    });
  }
  if (credit.bill) tx.put(VA_BILLS, credit.bill.virtualAccountNo, { ...credit.bill, status: 'PAID' } satisfies VaBill);
  if (credit.session) setSessionStatus(tx, credit.session, 'paid');
  const reply: Reply = {
    key: 'SUCCESS',
    fields: {
      virtualAccountData: {
        paymentFlagStatus: '00',
        paymentFlagReason: VA_REASONS.success,
        partnerServiceId: credit.partnerServiceId,
        customerNo: credit.customerNo,
        virtualAccountNo: credit.virtualAccountNo,
        virtualAccountName: credit.name,
        paymentRequestId: credit.paymentRequestId,
        ...(credit.trxId ? { trxId: credit.trxId } : {}),
        referenceNo: credit.referenceNo,
        paidAmount: money(credit.amountMinor),
        totalAmount: money(credit.amountMinor),
        trxDateTime: jakartaTimestamp(credit.now),
      },
      additionalInfo: {},
    },
  };
  const record: NewTransaction = {
    status: TRANSACTION_STATUS.SUCCESS.code,
    referenceNo: credit.referenceNo,
    amount: money(credit.amountMinor),
    details: {
      virtualAccountNo: credit.virtualAccountNo,
      ...(credit.customerNumber ? { customerNumber: credit.customerNumber } : { orderKey: credit.bill?.orderKey }),
    },
  };
  return { reply, record };
}

/** A VA payment DANA learns of outside Payment VA (the bank's Inquiry Status answer, sandbox tools): pays and keeps its transaction. */
export function creditVaPayment(tx: Transaction, credit: OutsideCredit, payee: (kind: string) => Payee | undefined): Reply {
  const { reply, record } = payVa(tx, credit, payee);
  tx.put(TRANSACTIONS, recordKey(PAYMENT_FAMILY, credit.partnerId, credit.paymentRequestId), {
    family: PAYMENT_FAMILY,
    partnerId: credit.partnerId,
    partnerReferenceNo: credit.paymentRequestId,
    externalId: credit.externalId,
    fingerprint: credit.fingerprint,
    reply: { ok: true, reply },
    createdAt: credit.now,
    updatedAt: credit.now,
    ...record,
  } satisfies TransactionRecord);
  return reply;
}
