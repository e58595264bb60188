import { expect } from 'vitest';
import { cancelOrder, refundOrder } from '../contracts/payment-gateway/index.ts';
import { SimulatorClock } from '../simulator/clock/clock.ts';
import { TRANSACTIONS, type TransactionRecord } from '../simulator/core/idempotency.ts';
import { merchantSettlement, userBalance } from '../simulator/ledger/accounts.ts';
import { orderKey } from '../simulator/products/payment-gateway/orders.ts';
import { payOrderNow } from '../simulator/products/payment-gateway/payments.ts';
import { createTestSimulator, idr, orderBody, PATHS, VALID_CUSTOMER, type TestSimulator } from './helpers.ts';

// A Payment Gateway world for cancel and refund tests: a frozen clock at a whole second, orders created
// (BALANCE, or VA) and paid from the UAT customer, the calls, and the two balances money moves between.

export const NOW = Date.UTC(2030, 4, 1, 3, 0, 0);
const CANCEL = cancelOrder.paths[0];
const REFUND = refundOrder.paths[0];

export async function pgMoneySetup() {
  const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(NOW) });
  const db = t.sim.runtime.db;
  const balances = () => ({
    merchant: db.ledger.balance(merchantSettlement(t.merchantId)),
    user: db.ledger.balance(userBalance(VALID_CUSTOMER)),
  });
  /** A BALANCE order (or a VA order with `va`), INIT. */
  const create = async (amount = '22200.00', va = false) => {
    const body = orderBody(
      t.merchantId,
      {
        amount: idr(amount),
        payOptionDetails: va ? [{ payMethod: 'VIRTUAL_ACCOUNT', payOption: 'VIRTUAL_ACCOUNT_CIMB', transAmount: idr(amount) }] : undefined,
      },
      10 * 60_000,
      NOW,
    );
    expect((await t.snap(PATHS.createOrder, body)).body.responseCode).toBe('2005400');
    return body.partnerReferenceNo;
  };
  const pay = (ref: string) => payOrderNow(t.sim.runtime, t.credentials.partnerId, ref, VALID_CUSTOMER);
  const cancel = (ref: string, extra: Record<string, unknown> = {}) =>
    t.snap(CANCEL, { originalPartnerReferenceNo: ref, merchantId: t.merchantId, reason: 'Network timeout', ...extra });
  const refund = (ref: string, value: string, partnerRefundNo = `${ref}-r1`) =>
    t.snap(REFUND, {
      originalPartnerReferenceNo: ref,
      merchantId: t.merchantId,
      partnerRefundNo,
      refundAmount: idr(value),
      reason: 'Customer complain',
    });
  const query = async (ref: string) =>
    (await t.snap(PATHS.queryPayment, { originalPartnerReferenceNo: ref, serviceCode: '54', merchantId: t.merchantId })).body;
  const order = (ref: string) => db.get<TransactionRecord>(TRANSACTIONS, orderKey(t.credentials.partnerId, ref))!;
  return { t, db, balances, create, pay, cancel, refund, query, order };
}

export const advance = (t: TestSimulator, ms: number) => t.sim.clock.advance(ms);
