import { ControlError, type Runtime } from '../../core/product.ts';
import { toValue } from '../../ledger/money.ts';
import { VA_BILLS, billByPaymentCode, expireBill, type VaBill } from './bills.ts';
import { creditVaPayment, exceedsCap } from './sessions.ts';

// Paying or expiring a VA from outside the API, as its issuing bank or DANA would: what DANA's sandbox
// tools, `dana-sim order pay` and the control API do. A payment ends in the same postings as a Payment VA call.

/** The bill a VA number names (with or without the service id's padding), if it can still be paid. */
function openBill(sim: Runtime, virtualAccountNo: string): VaBill {
  const bill = billByPaymentCode(sim.db, virtualAccountNo);
  if (!bill) throw new ControlError(`no VA ${virtualAccountNo}`);
  if (bill.status === 'PAID') throw new ControlError(`VA ${virtualAccountNo} is already paid`);
  if (bill.status === 'EXPIRED' || (bill.expiresAt !== undefined && bill.expiresAt <= sim.clock.now()))
    throw new ControlError(`VA ${virtualAccountNo} has expired`);
  return bill;
}

/**
 * An order VA pays the order; a top-up VA credits its user. A fixed-amount VA is paid its amount (a
 * different `amountMinor` is refused); an open-amount VA needs one. A VA that cannot be paid is the caller's mistake.
 */
export async function payVaByNumber(sim: Runtime, virtualAccountNo: string, amountMinor?: number): Promise<VaBill> {
  const bill = openBill(sim, virtualAccountNo);
  if (bill.amountMinor === undefined && amountMinor === undefined)
    throw new ControlError(`VA ${virtualAccountNo} is open-amount; give the amount to pay`);
  if (bill.amountMinor !== undefined && amountMinor !== undefined && amountMinor !== bill.amountMinor)
    throw new ControlError(`VA ${virtualAccountNo} is for exactly ${toValue(bill.amountMinor)}, not ${toValue(amountMinor)}`);
  const paid = bill.amountMinor ?? amountMinor!;
  const now = sim.clock.now();
  sim.db.transact((tx) => {
    if (exceedsCap(tx, bill.customerNumber, paid))
      throw new ControlError(`paying ${toValue(paid)} would take ${bill.customerNumber} over DANA's balance cap`);
    creditVaPayment(
      tx,
      {
        partnerId: bill.partnerId,
        paymentRequestId: `sandbox-tools-${bill.trxId}`,
        virtualAccountNo: bill.virtualAccountNo,
        partnerServiceId: bill.partnerServiceId,
        customerNo: bill.customerNo,
        customerNumber: bill.customerNumber,
        name: bill.name,
        amountMinor: paid,
        trxId: bill.trxId,
        referenceNo: sim.ids.referenceNo(),
        fingerprint: '[]',
        now,
        bill,
      },
      sim.payee,
    );
  });
  await sim.settle();
  return sim.db.get<VaBill>(VA_BILLS, bill.virtualAccountNo)!;
}

/** Expires an open VA now: an inquiry or payment from the bank then finds it expired (its order, if any, stays open). */
export async function expireVaByNumber(sim: Runtime, virtualAccountNo: string): Promise<VaBill> {
  const bill = openBill(sim, virtualAccountNo);
  const expired = sim.db.transact((tx) => expireBill(tx, sim.db, bill.virtualAccountNo, sim.clock.now()))!;
  await sim.settle();
  return expired;
}
