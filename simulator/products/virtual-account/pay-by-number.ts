import { ControlError, type Runtime } from '../../core/product.ts';
import { VA_BILLS, billByPaymentCode, type VaBill } from './bills.ts';
import { creditVaPayment } from './sessions.ts';

// Paying a VA from outside the API, as its issuing bank would: what DANA's sandbox tools and
// `dana-sim order pay` do. It ends in the same postings as a Payment VA call.

/** An order VA pays the order; a top-up VA credits its user. A VA that cannot be paid is the caller's mistake. */
export async function payVaByNumber(sim: Runtime, virtualAccountNo: string): Promise<VaBill> {
  const bill = billByPaymentCode(sim.db, virtualAccountNo);
  if (!bill) throw new ControlError(`no VA ${virtualAccountNo}`);
  const now = sim.clock.now();
  if (bill.status === 'PAID') throw new ControlError(`VA ${virtualAccountNo} is already paid`);
  if (bill.status === 'EXPIRED' || (bill.expiresAt !== undefined && bill.expiresAt <= now))
    throw new ControlError(`VA ${virtualAccountNo} has expired`);
  if (bill.amountMinor === undefined)
    throw new ControlError(`VA ${virtualAccountNo} is open-amount; pay it through Payment VA with an amount`);
  sim.db.transact((tx) =>
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
        amountMinor: bill.amountMinor!,
        trxId: bill.trxId,
        referenceNo: sim.ids.referenceNo(),
        fingerprint: '[]',
        now,
        bill,
      },
      sim.payee,
    ),
  );
  await sim.settle();
  return sim.db.get<VaBill>(VA_BILLS, bill.virtualAccountNo)!;
}
