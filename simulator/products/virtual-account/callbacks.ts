import { PAYMENT_FLAG, VA_CREATE, VA_INQUIRY_STATUS } from '../../../contracts/virtual-account/outbound.ts';
import { jakartaTimestamp } from '../../clock/clock.ts';
import type { Ids } from '../../clock/ids.ts';
import type { Payee } from '../../core/product.ts';
import type { Database, Transaction } from '../../ledger/database.ts';
import { money } from '../../ledger/money.ts';
import { acknowledges } from '../../notifications/delivery.ts';
import { enqueueNotification, type KindHooks, type NotificationFields, type NotificationRecord } from '../../notifications/outbox.ts';
import { VA_BILLS, type VaBill } from './bills.ts';
import { PARTNERS, type PartnerRecord } from '../../parties/banks.ts';
import { VA_INQUIRIES, VA_TIMERS, creditVaPayment, setSessionStatus, type InquirySession } from './sessions.ts';

// Calls DANA makes to the bank: Create VA (svc 27) when a dynamic VA is created, and Inquiry Status
// (svc 26) when an inquiry's window closes without a payment, or on demand. Both go through the one
// outbox (bounded retries, every attempt recorded); the hooks here apply the bank's answers.

function callbackUrl(partner: PartnerRecord | undefined, path: string): string | undefined {
  if (!partner?.callbackUrl) return undefined;
  const base = new URL(partner.callbackUrl);
  base.pathname = `${base.pathname.replace(/\/$/, '')}${path}`;
  return base.toString();
}

export function enqueueCreateVa(tx: Transaction, partner: PartnerRecord, bill: VaBill, now: number): void {
  enqueueNotification(tx, createVaNotification(partner, bill), now);
}

/** DANA's Create VA call to the bank about a dynamic VA (also what `dana-sim trigger va` sends). */
export function createVaNotification(partner: PartnerRecord | undefined, bill: VaBill): NotificationFields {
  return {
    id: `create-va-${bill.trxId}`,
    kind: VA_CREATE.kind,
    partnerId: bill.partnerId,
    subject: bill.virtualAccountNo,
    url: callbackUrl(partner, VA_CREATE.path),
    body: {
      partnerServiceId: bill.partnerServiceId,
      customerNo: bill.customerNo,
      virtualAccountNo: bill.virtualAccountNo,
      virtualAccountName: bill.name,
      trxId: bill.trxId,
      totalAmount: money(bill.amountMinor ?? 0),
      ...(bill.expiresAt ? { expiredDate: jakartaTimestamp(bill.expiresAt) } : {}),
      virtualAccountTrxType: bill.amountMinor === undefined ? 'O' : 'C',
      additionalInfo: {},
    },
  };
}

/** Asks the bank whether it paid this inquiry; the session waits in `checking` for the answer. */
export function enqueueStatusCheck(tx: Transaction, session: InquirySession, now: number): NotificationRecord {
  const partner = tx.get<PartnerRecord>(PARTNERS, session.partnerId);
  if (session.status === 'open') setSessionStatus(tx, session, 'checking');
  return enqueueNotification(
    tx,
    {
      id: `va-status-${session.partnerId}-${session.inquiryRequestId}-${now}`,
      kind: VA_INQUIRY_STATUS.kind,
      partnerId: session.partnerId,
      subject: session.key,
      url: callbackUrl(partner, VA_INQUIRY_STATUS.path),
      body: {
        partnerServiceId: session.partnerServiceId,
        customerNo: session.customerNo,
        virtualAccountNo: session.virtualAccountNo,
        inquiryRequestId: session.inquiryRequestId,
        paymentRequestId: session.inquiryRequestId,
        additionalInfo: {},
      },
    },
    now,
  );
}

/** Sessions whose 5-minute window has closed without a payment: ask the bank. */
export function checkExpiredInquiries(db: Database, now: number): number {
  let count = 0;
  for (const timer of [...db.values<{ key: string; deadline: number }>(VA_TIMERS)]) {
    // The window includes its last millisecond (a payment at exactly the deadline is accepted), so
    // the bank is asked only once it has passed.
    if (timer.deadline >= now) continue;
    db.transact((tx) => {
      const session = tx.get<InquirySession>(VA_INQUIRIES, timer.key);
      if (session?.status === 'open') enqueueStatusCheck(tx, session, now);
      else tx.delete(VA_TIMERS, timer.key);
    });
    count += 1;
  }
  return count;
}

function expire(tx: Transaction, session: InquirySession): void {
  setSessionStatus(tx, session, 'expired');
  const bill = tx.get<VaBill>(VA_BILLS, session.virtualAccountNo);
  if (bill && bill.status === 'ACTIVE') tx.put(VA_BILLS, bill.virtualAccountNo, { ...bill, status: 'EXPIRED' } satisfies VaBill);
}

const answeredWith = (code: string) => (status: number, text: string) => {
  if (!acknowledges(status, text)) return false;
  try {
    return (JSON.parse(text) as { responseCode?: string }).responseCode === code;
  } catch {
    return false;
  }
};

export function vaCallbackHooks(clock: { now(): number }, ids: Ids, payee: (kind: string) => Payee | undefined): Record<string, KindHooks> {
  return {
    [VA_CREATE.kind]: {
      acknowledges: answeredWith(VA_CREATE.successCode),
      onAnswer: (tx, record) => setCreateVa(tx, record.subject, 'acknowledged'),
      onGiveUp: (tx, record) => setCreateVa(tx, record.subject, 'failed'),
    },
    [VA_INQUIRY_STATUS.kind]: {
      acknowledges: answeredWith(VA_INQUIRY_STATUS.successCode),
      onAnswer(tx, record, body) {
        const session = tx.get<InquirySession>(VA_INQUIRIES, record.subject);
        if (!session || session.status === 'paid' || session.status === 'expired') return;
        const flag = (body as { virtualAccountData?: { paymentFlagStatus?: string } } | undefined)?.virtualAccountData?.paymentFlagStatus;
        if (flag !== PAYMENT_FLAG.PAID) return expire(tx, session);
        const bill = tx.get<VaBill>(VA_BILLS, session.virtualAccountNo);
        creditVaPayment(
          tx,
          {
            partnerId: session.partnerId,
            paymentRequestId: session.inquiryRequestId,
            virtualAccountNo: session.virtualAccountNo,
            partnerServiceId: session.partnerServiceId,
            customerNo: session.customerNo,
            customerNumber: session.customerNumber,
            name: session.name,
            amountMinor: session.amountMinor,
            trxId: bill?.trxId,
            referenceNo: ids.referenceNo(),
            fingerprint: JSON.stringify([session.virtualAccountNo, money(session.amountMinor), bill?.trxId ?? null]),
            now: clock.now(),
            session,
            bill: bill?.status === 'ACTIVE' ? bill : undefined,
          },
          payee,
        );
      },
      onGiveUp(tx, record) {
        const session = tx.get<InquirySession>(VA_INQUIRIES, record.subject);
        if (session && (session.status === 'open' || session.status === 'checking')) expire(tx, session);
      },
    },
  };
}

function setCreateVa(tx: Transaction, virtualAccountNo: string, state: VaBill['createVa']): void {
  const bill = tx.get<VaBill>(VA_BILLS, virtualAccountNo);
  if (bill) tx.put(VA_BILLS, virtualAccountNo, { ...bill, createVa: state } satisfies VaBill);
}
