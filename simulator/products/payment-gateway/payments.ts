import { ORDER_STATUS } from '../../../contracts/payment-gateway/common.ts';
import { BY_REFERENCE_NO, TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import { userBalance } from '../../ledger/accounts.ts';
import { namesOf } from '../../core/control-input.ts';
import { ControlError, type Runtime } from '../../core/product.ts';
import { expireBill } from '../virtual-account/bills.ts';
import { payVaByNumber } from '../virtual-account/pay-by-number.ts';
import { ORDER_FAMILY, closeOrder, detailsOf, orderKey, payOrder } from './orders.ts';

// Paying orders from outside the API: what DANA's sandbox tools, the cashier page and
// `dana-sim order pay` do. Every path ends in the same ledger postings as an API payment.

export function orderByReference(sim: Runtime, referenceNo: string): TransactionRecord | undefined {
  return sim.db.find(BY_REFERENCE_NO, `${ORDER_FAMILY}\u0000${referenceNo}`)[0];
}

/** Pays an order from a DANA user's balance (the cashier's "Pay with DANA"). */
export async function payOrderFromBalance(sim: Runtime, record: TransactionRecord, customerNumber: string): Promise<TransactionRecord> {
  if (record.status !== ORDER_STATUS.INIT.code)
    throw new ControlError(`order ${record.partnerReferenceNo} is not open (status ${record.status})`);
  const details = detailsOf(record);
  if (sim.clock.now() >= details.validUntil) throw new ControlError(`order ${record.partnerReferenceNo} has expired`);
  const paid = sim.db.transact((tx) => {
    if (tx.balance(userBalance(customerNumber)) < details.amountMinor)
      throw new ControlError(`the DANA balance of ${customerNumber} is too low for this order`);
    return payOrder(tx, orderKey(record.partnerId, record.partnerReferenceNo), sim.clock.now(), {
      source: userBalance(customerNumber),
      payMethod: 'BALANCE',
    });
  });
  await sim.settle();
  return paid!;
}

/** The merchant's order a control call names; a name it does not have is the caller's mistake. */
function orderNamed(sim: Runtime, partnerId: string, partnerReferenceNo: string): TransactionRecord {
  const record = sim.db.get<TransactionRecord>(TRANSACTIONS, orderKey(partnerId, partnerReferenceNo));
  if (record) return record;
  const orders = [...sim.db.values<TransactionRecord>(TRANSACTIONS)]
    .filter((r) => r.family === ORDER_FAMILY && r.partnerId === partnerId)
    .map((r) => r.partnerReferenceNo);
  throw new ControlError(`no order "${partnerReferenceNo}"; orders: ${namesOf(orders)}`);
}

/**
 * Closes an open order now, as its validUpTo passing would (status 05, Finish Notify with
 * ORDER_EXPIRED), and its VA stops taking payments as it would have at that time.
 */
export async function expireOrderNow(sim: Runtime, partnerId: string, partnerReferenceNo: string): Promise<TransactionRecord> {
  const record = orderNamed(sim, partnerId, partnerReferenceNo);
  if (record.status !== ORDER_STATUS.INIT.code && record.status !== ORDER_STATUS.PAYING.code)
    throw new ControlError(`order ${partnerReferenceNo} is not open (status ${record.status}); only an INIT or PAYING order expires`);
  const now = sim.clock.now();
  const closed = sim.db.transact((tx) => {
    const paymentCode = detailsOf(record).paymentCode;
    if (paymentCode) expireBill(tx, sim.db, paymentCode, now);
    return closeOrder(tx, orderKey(partnerId, partnerReferenceNo), now)!;
  });
  await sim.settle();
  return closed;
}

/** `dana-sim order pay`: an order VA is paid through its VA, any other order from a user's balance. */
export async function payOrderNow(
  sim: Runtime,
  partnerId: string,
  partnerReferenceNo: string,
  customerNumber: string,
): Promise<TransactionRecord> {
  const record = orderNamed(sim, partnerId, partnerReferenceNo);
  const key = orderKey(partnerId, partnerReferenceNo);
  const paymentCode = detailsOf(record).paymentCode;
  if (paymentCode) await payVaByNumber(sim, paymentCode);
  else await payOrderFromBalance(sim, record, customerNumber);
  return sim.db.get<TransactionRecord>(TRANSACTIONS, key)!;
}
