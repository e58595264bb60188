import { ORDER_STATUS } from '../../../contracts/payment-gateway/common.ts';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import { userBalance } from '../../ledger/accounts.ts';
import type { Simulator } from '../../index.ts';
import { ORDER_FAMILY, detailsOf, orderKey, payOrder } from './orders.ts';
import { VA_BILLS, billByPaymentCode, type VaBill } from '../virtual-account/bills.ts';
import { creditVaPayment } from '../virtual-account/sessions.ts';

// Paying orders from outside the API: what DANA's sandbox tools, the cashier page and
// `dana-sim order pay` do. Every path ends in the same ledger postings as an API payment.

export class PaymentProblem extends Error {
  override name = 'PaymentProblem';
}

export function orderByReference(sim: Simulator, referenceNo: string): TransactionRecord | undefined {
  for (const record of sim.db.values<TransactionRecord>(TRANSACTIONS)) if (record.family === ORDER_FAMILY && record.referenceNo === referenceNo) return record;
  return undefined;
}

/** Pays a VA by its number, as the issuing bank would: an order VA pays the order, a top-up VA credits its user. */
export async function payVaByNumber(sim: Simulator, virtualAccountNo: string): Promise<VaBill> {
  const bill = billByPaymentCode(sim.db, virtualAccountNo);
  if (!bill) throw new PaymentProblem(`no VA ${virtualAccountNo}`);
  const now = sim.clock.now();
  if (bill.status === 'PAID') throw new PaymentProblem(`VA ${virtualAccountNo} is already paid`);
  if (bill.status === 'EXPIRED' || (bill.expiresAt !== undefined && bill.expiresAt <= now)) throw new PaymentProblem(`VA ${virtualAccountNo} has expired`);
  if (bill.amountMinor === undefined) throw new PaymentProblem(`VA ${virtualAccountNo} is open-amount; pay it through Payment VA with an amount`);
  sim.db.transact((tx) =>
    creditVaPayment(tx, {
      partnerId: bill.partnerId,
      paymentRequestId: `sandbox-tools-${bill.trxId}`,
      virtualAccountNo: bill.virtualAccountNo,
      partnerServiceId: bill.partnerServiceId,
      customerNo: bill.customerNo,
      customerNumber: bill.customerNumber,
      name: bill.name,
      amountMinor: bill.amountMinor!,
      trxId: bill.trxId,
      referenceNo: sim.services.ids.referenceNo(),
      fingerprint: '[]',
      now,
      bill,
    }),
  );
  await sim.db.sync();
  await sim.runDueWork();
  return sim.db.get<VaBill>(VA_BILLS, bill.virtualAccountNo)!;
}

/** Pays an order from a DANA user's balance (the cashier's "Pay with DANA"). */
export async function payOrderFromBalance(sim: Simulator, record: TransactionRecord, customerNumber: string): Promise<TransactionRecord> {
  if (record.status !== ORDER_STATUS.INIT.code) throw new PaymentProblem(`order ${record.partnerReferenceNo} is not open (status ${record.status})`);
  const details = detailsOf(record);
  if (sim.clock.now() >= details.validUntil) throw new PaymentProblem(`order ${record.partnerReferenceNo} has expired`);
  const paid = sim.db.transact((tx) => {
    if (tx.balance(userBalance(customerNumber)) < details.amountMinor) throw new PaymentProblem(`the DANA balance of ${customerNumber} is too low for this order`);
    return payOrder(tx, orderKey(record.partnerId, record.partnerReferenceNo), sim.clock.now(), { source: userBalance(customerNumber), payMethod: 'BALANCE' });
  });
  await sim.db.sync();
  await sim.runDueWork();
  return paid!;
}

/** `dana-sim order pay`: an order VA is paid through its VA, any other order from a user's balance. */
export async function payOrderNow(sim: Simulator, partnerId: string, partnerReferenceNo: string, customerNumber: string): Promise<TransactionRecord> {
  const key = orderKey(partnerId, partnerReferenceNo);
  const record = sim.db.get<TransactionRecord>(TRANSACTIONS, key);
  if (!record) throw new PaymentProblem(`no order ${partnerReferenceNo}`);
  const paymentCode = detailsOf(record).paymentCode;
  if (paymentCode) await payVaByNumber(sim, paymentCode);
  else await payOrderFromBalance(sim, record, customerNumber);
  return sim.db.get<TransactionRecord>(TRANSACTIONS, key)!;
}
