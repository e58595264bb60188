import { describe, expect, it } from 'vitest';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import { merchantSettlement, userBalance } from '../../ledger/accounts.ts';
import { Database, POSTINGS } from '../../ledger/database.ts';
import { MemoryStore } from '../../ledger/store.ts';
import { NOTIFICATIONS, type NotificationRecord } from '../../notifications/outbox.ts';
import { ORDER_TIMERS, closeExpiredOrders, closeOrder, detailsOf, orderKey, payOrder, type OrderDetails } from './orders.ts';

const MERCHANT = '216600000000000000001';
const KEY = orderKey('partner-1', 'order-1');
const idr = (value: string) => ({ value, currency: 'IDR' });

async function setup(details: Partial<OrderDetails> = {}, record: Partial<TransactionRecord> = {}) {
  const db = await Database.open(new MemoryStore());
  const order: TransactionRecord = {
    family: 'pgOrder',
    partnerId: 'partner-1',
    partnerReferenceNo: 'order-1',
    referenceNo: 'REF-1',
    fingerprint: 'f',
    status: '01',
    amount: idr('222.00'),
    reply: { ok: true, reply: { key: 'SUCCESS', fields: {} } },
    createdAt: 1_000,
    updatedAt: 1_000,
    details: {
      merchantId: MERCHANT,
      amountMinor: 22_200,
      title: 'Tickets',
      validUntil: 600_000,
      notificationUrl: 'http://merchant.example/notify',
      payMethod: 'VIRTUAL_ACCOUNT',
      payOption: 'VIRTUAL_ACCOUNT_CIMB',
      paymentCode: '1234590000',
      ...details,
    },
    ...record,
  };
  db.transact((tx) => {
    tx.put(TRANSACTIONS, KEY, order);
    tx.put(ORDER_TIMERS, KEY, { key: KEY, expiresAt: 600_000 });
  });
  const notifies = () => [...db.values<NotificationRecord>(NOTIFICATIONS)];
  const order_ = () => db.get<TransactionRecord>(TRANSACTIONS, KEY)!;
  return { db, notifies, order: order_ };
}

describe('orderKey', () => {
  it('keys orders by family, partner and reference', () => {
    expect(orderKey('p', 'r')).toBe('pgOrder:p:r');
  });
});

describe('paying an order', () => {
  it('moves the amount from the source to the merchant settlement, marks it 00 and sends Finish Notify 00', async () => {
    const { db, notifies, order } = await setup();
    db.transact((tx) =>
      tx.post({
        id: 'fund',
        at: 0,
        ref: 'test',
        memo: 'test',
        entries: [
          { account: 'external:funding', amountMinor: -30_000 },
          { account: userBalance('62811742234'), amountMinor: 30_000 },
        ],
      }),
    );
    const paid = db.transact((tx) => payOrder(tx, KEY, 5_000, { source: userBalance('62811742234'), payMethod: 'BALANCE' }));
    expect(paid).toEqual(order());
    expect(db.ledger.balance(merchantSettlement(MERCHANT))).toBe(22_200);
    expect(db.ledger.balance(userBalance('62811742234'))).toBe(7_800);
    expect(order()).toMatchObject({
      status: '00',
      updatedAt: 5_000,
      details: { paidAt: 5_000, payMethod: 'BALANCE', payOption: 'VIRTUAL_ACCOUNT_CIMB' },
    });
    expect(db.get(ORDER_TIMERS, KEY)).toBeUndefined();
    expect(db.get(POSTINGS, 'order:REF-1:paid')).toMatchObject({ at: 5_000, ref: KEY, memo: 'payment of order order-1' });
    expect(notifies()).toEqual([
      expect.objectContaining({
        id: 'finish-notify-REF-1',
        kind: 'finishNotify',
        partnerId: 'partner-1',
        subject: KEY,
        url: 'http://merchant.example/notify',
        body: {
          originalPartnerReferenceNo: 'order-1',
          originalReferenceNo: 'REF-1',
          merchantId: MERCHANT,
          amount: idr('222.00'),
          latestTransactionStatus: '00',
          transactionStatusDesc: 'SUCCESS',
          createdTime: jakartaTimestamp(1_000),
          finishedTime: jakartaTimestamp(5_000),
          additionalInfo: {
            paymentInfo: {
              paidTime: jakartaTimestamp(5_000),
              payOptionInfos: [
                {
                  payMethod: 'BALANCE',
                  payOption: 'VIRTUAL_ACCOUNT_CIMB',
                  payAmount: idr('222.00'),
                  transAmount: idr('222.00'),
                  chargeAmount: idr('0.00'),
                  paymentCode: '1234590000',
                },
              ],
            },
          },
        },
      }),
    ]);
  });

  it('takes the pay option of the payment when it has one, and echoes the external id', async () => {
    const { db, notifies, order } = await setup({ payOption: undefined, paymentCode: undefined }, { externalId: 'EXT-1' });
    db.transact((tx) =>
      payOrder(tx, KEY, 5_000, { source: 'external:bank:b', payMethod: 'VIRTUAL_ACCOUNT', payOption: 'VIRTUAL_ACCOUNT_BCA' }),
    );
    expect(detailsOf(order()).payOption).toBe('VIRTUAL_ACCOUNT_BCA');
    expect(notifies()[0].body).toMatchObject({ originalExternalId: 'EXT-1' });
  });

  it('leaves payOption and paymentCode out of Finish Notify when the order has none', async () => {
    const { db, notifies } = await setup({ payOption: undefined, paymentCode: undefined });
    db.transact((tx) => payOrder(tx, KEY, 5_000, { source: 'external:bank:b', payMethod: 'BALANCE' }));
    const body = notifies()[0].body as { additionalInfo: { paymentInfo: { payOptionInfos: Record<string, unknown>[] } } };
    expect(body).not.toHaveProperty('originalExternalId');
    expect(body.additionalInfo.paymentInfo.payOptionInfos[0]).toEqual({
      payMethod: 'BALANCE',
      payAmount: idr('222.00'),
      transAmount: idr('222.00'),
      chargeAmount: idr('0.00'),
    });
  });

  it('refuses an order that is not INIT or does not exist, moving nothing', async () => {
    const { db, notifies } = await setup({}, { status: '05' });
    expect(db.transact((tx) => payOrder(tx, KEY, 5_000, { source: 'external:x', payMethod: 'BALANCE' }))).toBeUndefined();
    expect(
      db.transact((tx) => payOrder(tx, orderKey('partner-1', 'none'), 5_000, { source: 'external:x', payMethod: 'BALANCE' })),
    ).toBeUndefined();
    expect(db.ledger.balance(merchantSettlement(MERCHANT))).toBe(0);
    expect(notifies()).toEqual([]);
  });
});

describe('closing an order', () => {
  it('marks an INIT order 05 and sends Finish Notify 05 with the expiry reason, no money moved', async () => {
    const { db, notifies, order } = await setup();
    const closed = db.transact((tx) => closeOrder(tx, KEY, 700_000));
    expect(closed).toEqual(order());
    expect(order()).toMatchObject({ status: '05', updatedAt: 700_000, details: { closedAt: 700_000 } });
    expect(db.get(ORDER_TIMERS, KEY)).toBeUndefined();
    expect(db.ledger.balance(merchantSettlement(MERCHANT))).toBe(0);
    expect(notifies()[0].body).toMatchObject({
      latestTransactionStatus: '05',
      transactionStatusDesc: 'CANCELLED',
      finishedTime: jakartaTimestamp(700_000),
      additionalInfo: { extendInfo: '{"closedReason":"ORDER_EXPIRED"}', extendInfoClosedReason: 'ORDER_EXPIRED' },
    });
  });

  it('drops the timer but changes nothing for a paid order', async () => {
    const { db, notifies, order } = await setup({}, { status: '00' });
    expect(db.transact((tx) => closeOrder(tx, KEY, 700_000))).toBeUndefined();
    expect(order().status).toBe('00');
    expect(db.get(ORDER_TIMERS, KEY)).toBeUndefined();
    expect(notifies()).toEqual([]);
  });

  it('closes orders only once validUpTo has been reached, and counts only those it closed', async () => {
    const { db, order } = await setup();
    expect(closeExpiredOrders(db, 599_999)).toBe(0);
    expect(order().status).toBe('01');
    expect(closeExpiredOrders(db, 600_000)).toBe(1);
    expect(order().status).toBe('05');
    expect(closeExpiredOrders(db, 600_001)).toBe(0);
  });

  it('does not count a timer whose order was already paid', async () => {
    const { db } = await setup({}, { status: '00' });
    expect(closeExpiredOrders(db, 600_000)).toBe(0);
    expect(db.get(ORDER_TIMERS, KEY)).toBeUndefined();
  });
});
