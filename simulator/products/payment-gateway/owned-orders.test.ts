import { afterEach, describe, expect, it } from 'vitest';
import { ORDER_STATUS } from '../../../contracts/payment-gateway/common.ts';
import { createTestSimulator } from '../../../test/helpers.ts';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import { merchantSettlement, userBalance } from '../../ledger/accounts.ts';
import { NOTIFICATIONS } from '../../notifications/outbox.ts';
import { CASHIER_TEST_USER } from '../../parties/users.ts';
import { openOrder, type OpenOrderInput } from './open-order.ts';
import { cancelOpenOrder, closeExpiredOrders, payOrder } from './orders.ts';
import { registerOrderOwner, type OrderOutcome } from './owners.ts';

// Orders another product opens for itself: openOrder writes an INIT order and its timer, the owner is
// told every outcome (paid, closed at validUntil, cancelled) inside the transaction that made it, and
// no Finish Notify goes out for them; an order without an owner still notifies its merchant.

const told: { partnerReferenceNo: string; outcome: OrderOutcome; status: string }[] = [];
registerOrderOwner('test-owner', {
  settled: (tx, order, outcome) => {
    told.push({ partnerReferenceNo: order.partnerReferenceNo, outcome, status: order.status });
    // The owner writes its own state in the same transaction.
    tx.put('testOwnerRows', order.partnerReferenceNo, { outcome });
  },
});
afterEach(() => void (told.length = 0));

async function setUp() {
  const { sim } = await createTestSimulator({ background: false });
  const merchant = sim.parties.defaultMerchant();
  const now = sim.clock.now();
  const input = (partnerReferenceNo: string, owner: string | null = 'test-owner'): OpenOrderInput => ({
    partnerId: merchant.partnerId,
    partnerReferenceNo,
    merchantId: merchant.merchantId,
    amountMinor: 10_000_00,
    title: 'owned',
    validUntil: now + 60_000,
    referenceNo: `ref-${partnerReferenceNo}`,
    now,
    pagesUrl: sim.runtime.pagesUrl(),
    payReturnUrl: 'http://shop.test/return',
    ...(owner === null ? {} : { owner }),
  });
  return { sim, merchant, now, input };
}

describe('orders opened by another product', () => {
  it('are INIT with a cashier URL and a timer, and refuse a taken reference', async () => {
    const { sim, input } = await setUp();
    const opened = sim.runtime.db.transact((tx) => openOrder(tx, input('pi_1')));
    expect(opened.webRedirectUrl).toBe(`${sim.runtime.pagesUrl()}/m/portal/cashier/checkout?bizNo=ref-pi_1`);
    expect(sim.runtime.db.get<TransactionRecord>(TRANSACTIONS, opened.key)).toMatchObject({
      status: ORDER_STATUS.INIT.code,
      referenceNo: 'ref-pi_1',
      details: { owner: 'test-owner', payMethod: 'BALANCE', payReturnUrl: 'http://shop.test/return' },
    });
    expect(() => sim.runtime.db.transact((tx) => openOrder(tx, input('pi_1')))).toThrow(/exists already/);
    await sim.close();
  });

  it('tell their owner when paid, closed or cancelled, and send no Finish Notify', async () => {
    const { sim, merchant, now, input } = await setUp();
    const db = sim.runtime.db;
    const keys = db.transact((tx) => ['pi_paid', 'pi_closed', 'pi_cancelled'].map((ref) => openOrder(tx, input(ref)).key));
    const settlementBefore = db.ledger.balance(merchantSettlement(merchant.merchantId));
    db.transact((tx) => payOrder(tx, keys[0]!, now + 1, { source: userBalance(CASHIER_TEST_USER), payMethod: 'BALANCE' }));
    expect(db.transact((tx) => cancelOpenOrder(tx, keys[2]!, now + 2))?.status).toBe(ORDER_STATUS.CANCELLED.code);
    expect(closeExpiredOrders(db, now + 60_000)).toBe(1);
    expect(told).toEqual([
      { partnerReferenceNo: 'pi_paid', outcome: 'paid', status: ORDER_STATUS.SUCCESS.code },
      { partnerReferenceNo: 'pi_cancelled', outcome: 'cancelled', status: ORDER_STATUS.CANCELLED.code },
      { partnerReferenceNo: 'pi_closed', outcome: 'closed', status: ORDER_STATUS.CANCELLED.code },
    ]);
    expect(db.get('testOwnerRows', 'pi_paid')).toEqual({ outcome: 'paid' });
    expect(db.ledger.balance(merchantSettlement(merchant.merchantId)) - settlementBefore).toBe(10_000_00);
    expect([...db.values(NOTIFICATIONS)]).toEqual([]);
    // Only an unpaid order within its validity cancels.
    expect(db.transact((tx) => cancelOpenOrder(tx, keys[0]!, now + 3))).toBeUndefined();
    expect(db.transact((tx) => cancelOpenOrder(tx, 'nothing', now + 3))).toBeUndefined();
    await sim.close();
  });

  it('without an owner, or with one not served, behave as before', async () => {
    const { sim, now, input } = await setUp();
    const db = sim.runtime.db;
    const [plain, orphan] = db.transact((tx) => [
      openOrder(tx, input('pi_plain', null)).key,
      openOrder(tx, input('pi_orphan', 'gone')).key,
    ]);
    db.transact((tx) => payOrder(tx, plain!, now + 1, { source: userBalance(CASHIER_TEST_USER), payMethod: 'BALANCE' }));
    db.transact((tx) => payOrder(tx, orphan!, now + 1, { source: userBalance(CASHIER_TEST_USER), payMethod: 'BALANCE' }));
    expect([...db.values<{ id: string }>(NOTIFICATIONS)].map((record) => record.id)).toEqual(['finish-notify-ref-pi_plain']);
    expect(told).toEqual([]);
    await sim.close();
  });
});
