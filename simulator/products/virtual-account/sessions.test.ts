import { describe, expect, it } from 'vitest';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { FUNDING_ACCOUNT, merchantSettlement, userBalance } from '../../ledger/accounts.ts';
import { Database, POSTINGS } from '../../ledger/database.ts';
import { MemoryStore } from '../../ledger/store.ts';
import { orderKey, ORDER_TIMERS } from '../payment-gateway/orders.ts';
import { VA_BILLS, type VaBill } from './bills.ts';
import { payOrder } from '../payment-gateway/orders.ts';
import type { Transaction } from '../../ledger/database.ts';
import {
  ORDER_PAYEE,
  VA_INQUIRIES,
  VA_TIMERS,
  bankSettlement,
  creditVaPayment,
  exceedsCap,
  sessionKey,
  setSessionStatus,
  type InquirySession,
  type OutsideCredit,
} from './sessions.ts';

const CAP = 2_100_000_000;
const credit = (overrides: Partial<OutsideCredit> = {}): OutsideCredit => ({
  partnerId: 'bank-1',
  paymentRequestId: 'pay-1',
  virtualAccountNo: '   1234562811742234',
  partnerServiceId: '   12345',
  customerNo: '62811742234',
  customerNumber: '62811742234',
  name: 'Budi',
  amountMinor: 12_345,
  referenceNo: 'REF-1',
  fingerprint: 'fp',
  now: 9_000,
  ...overrides,
});

describe('balance cap', () => {
  it("applies to a user's balance: reaching the cap is fine, a cent over is not; an order VA has no cap", async () => {
    const db = await Database.open(new MemoryStore());
    db.transact((tx) =>
      tx.post({
        id: 'fill',
        at: 0,
        ref: 't',
        memo: 't',
        entries: [
          { account: FUNDING_ACCOUNT, amountMinor: -(CAP - 100) },
          { account: userBalance('62811742234'), amountMinor: CAP - 100 },
        ],
      }),
    );
    db.transact((tx) => {
      expect(exceedsCap(tx, '62811742234', 100)).toBe(false);
      expect(exceedsCap(tx, '62811742234', 101)).toBe(true);
      expect(exceedsCap(tx, undefined, CAP * 10)).toBe(false);
    });
  });
});

describe('sessions', () => {
  it('are keyed by bank and request id, and leave the timer once no longer open', async () => {
    expect(sessionKey('bank-1', 'inq-1')).toBe('bank-1:inq-1');
    const db = await Database.open(new MemoryStore());
    const session = { key: 'bank-1:inq-1', status: 'open' } as InquirySession;
    db.transact((tx) => tx.put(VA_TIMERS, session.key, { key: session.key, deadline: 1 }));
    db.transact((tx) => setSessionStatus(tx, session, 'open'));
    expect(db.get(VA_TIMERS, session.key)).toBeDefined();
    db.transact((tx) => setSessionStatus(tx, session, 'checking'));
    expect(db.get<InquirySession>(VA_INQUIRIES, session.key)?.status).toBe('checking');
    expect(db.get(VA_TIMERS, session.key)).toBeUndefined();
  });
});

const noPayee = () => undefined;
const payOrders = (kind: string) =>
  kind === ORDER_PAYEE
    ? (tx: Transaction, key: string, now: number, payment: { source: string; payMethod: string }) =>
        payOrder(tx, key, now, payment as Parameters<typeof payOrder>[3]) !== undefined
    : undefined;

describe('crediting a VA payment', () => {
  it("to a user: the bank's settlement pays the user, and the transaction records the payment", async () => {
    const db = await Database.open(new MemoryStore());
    const reply = db.transact((tx) => creditVaPayment(tx, credit({ externalId: 'ext-1' }), noPayee));
    expect(reply).toEqual({
      key: 'SUCCESS',
      fields: {
        virtualAccountData: {
          paymentFlagStatus: '00',
          paymentFlagReason: { english: 'Success', indonesia: 'Sukses' },
          partnerServiceId: '   12345',
          customerNo: '62811742234',
          virtualAccountNo: '   1234562811742234',
          virtualAccountName: 'Budi',
          paymentRequestId: 'pay-1',
          referenceNo: 'REF-1',
          paidAmount: { value: '123.45', currency: 'IDR' },
          totalAmount: { value: '123.45', currency: 'IDR' },
          trxDateTime: jakartaTimestamp(9_000),
        },
        additionalInfo: {},
      },
    });
    expect(db.ledger.balance(userBalance('62811742234'))).toBe(12_345);
    expect(db.ledger.balance(bankSettlement('bank-1'))).toBe(-12_345);
    expect(db.get(POSTINGS, 'va:REF-1')).toMatchObject({ at: 9_000, ref: 'vaPayment:bank-1:pay-1', memo: 'VA payment to 62811742234' });
    expect(db.get<TransactionRecord>(TRANSACTIONS, 'vaPayment:bank-1:pay-1')).toEqual({
      family: 'vaPayment',
      partnerId: 'bank-1',
      partnerReferenceNo: 'pay-1',
      referenceNo: 'REF-1',
      externalId: 'ext-1',
      fingerprint: 'fp',
      status: '00',
      amount: { value: '123.45', currency: 'IDR' },
      reply: { ok: true, reply },
      createdAt: 9_000,
      updatedAt: 9_000,
      details: { virtualAccountNo: '   1234562811742234', customerNumber: '62811742234' },
    });
  });

  it('to an order: the merchant is paid, the bill marked PAID, the transaction names the order', async () => {
    const db = await Database.open(new MemoryStore());
    const key = orderKey('merchant-partner', 'order-1');
    db.transact((tx) => {
      tx.put(TRANSACTIONS, key, {
        family: 'pgOrder',
        partnerId: 'merchant-partner',
        partnerReferenceNo: 'order-1',
        referenceNo: 'O-1',
        fingerprint: 'f',
        status: '01',
        reply: { ok: true, reply: { key: 'SUCCESS', fields: {} } },
        createdAt: 0,
        updatedAt: 0,
        details: { merchantId: 'm1', amountMinor: 12_345, title: 't', validUntil: 99_999, payMethod: 'VIRTUAL_ACCOUNT' },
      } satisfies TransactionRecord);
      tx.put(ORDER_TIMERS, key, { key, expiresAt: 99_999 });
    });
    const bill: VaBill = {
      virtualAccountNo: '   12345900000000001',
      partnerServiceId: '   12345',
      customerNo: '900000000001',
      partnerId: 'bank-1',
      orderKey: key,
      name: 'order',
      amountMinor: 12_345,
      trxId: 'O-1',
      status: 'ACTIVE',
      createdAt: 0,
    };
    db.transact((tx) =>
      creditVaPayment(
        tx,
        credit({ customerNumber: undefined, virtualAccountNo: bill.virtualAccountNo, customerNo: bill.customerNo, trxId: 'O-1', bill }),
        payOrders,
      ),
    );
    expect(db.ledger.balance(merchantSettlement('m1'))).toBe(12_345);
    expect(db.ledger.balance(bankSettlement('bank-1'))).toBe(-12_345);
    expect(db.get<TransactionRecord>(TRANSACTIONS, key)?.status).toBe('00');
    expect(db.get<VaBill>(VA_BILLS, bill.virtualAccountNo)?.status).toBe('PAID');
    expect(db.get<TransactionRecord>(TRANSACTIONS, 'vaPayment:bank-1:pay-1')?.details).toEqual({
      virtualAccountNo: bill.virtualAccountNo,
      orderKey: key,
    });
    // A second payment of the same order is a bug upstream, so it is loud and rolls back.
    expect(() =>
      db.transact((tx) =>
        creditVaPayment(
          tx,
          credit({
            paymentRequestId: 'pay-2',
            customerNumber: undefined,
            virtualAccountNo: bill.virtualAccountNo,
            referenceNo: 'REF-2',
            bill,
          }),
          payOrders,
        ),
      ),
    ).toThrow(`order ${key} of VA ${bill.virtualAccountNo} is not payable`);
    expect(db.ledger.balance(merchantSettlement('m1'))).toBe(12_345);
  });
});
