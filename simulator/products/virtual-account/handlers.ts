import { VA_INQUIRY_WINDOW_MS, VA_REASONS } from '../../../contracts/virtual-account/common.ts';
import { saveTransaction } from '../../core/idempotency.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { HandlerContext, Reply } from '../../core/route.ts';
import { minorOf, money, type Money } from '../../ledger/money.ts';
import { resolveVa, type ResolvedVa } from './bills.ts';
import { VA_INQUIRIES, VA_TIMERS, creditVaPayment, exceedsCap, sessionKey, type InquirySession } from './sessions.ts';

// The bank's side of DANA VA top-ups: Inquiry (svc 24) opens a 5-minute window, Payment (svc 25)
// within it credits the DANA user. Codes per virtual-account.md section 9 (BI SNAP where DANA's
// table was unreachable; contracts/README.md).

interface VaIdentity {
  readonly partnerServiceId: string;
  readonly customerNo: string;
  readonly virtualAccountNo: string;
}

export interface InquiryInput extends VaIdentity {
  readonly amount: Money;
  readonly inquiryRequestId: string;
}

export interface PaymentInput extends VaIdentity {
  readonly virtualAccountName: string;
  readonly paymentRequestId: string;
  readonly trxId?: string;
  readonly paidAmount: Money;
}

/** The VA the request names, if the three VA fields agree and the bank issues it. */
function vaOf(input: VaIdentity, context: HandlerContext): Result<ResolvedVa> {
  if (input.virtualAccountNo !== input.partnerServiceId + input.customerNo) return fail('INVALID_FIELD_FORMAT', { detail: 'virtualAccountNo' });
  const va = resolveVa(context.services.db, context.services.seed, context.client.partnerId, input.partnerServiceId, input.customerNo);
  return va ? ok(va) : fail('INVALID_BILL');
}

/** A dynamic bill can be paid once and only before it expires. */
function billProblem(va: ResolvedVa, now: number): Result<void> | undefined {
  if (!va.bill) return undefined;
  if (va.bill.status === 'PAID') return fail('PAID_BILL');
  if (va.bill.status === 'EXPIRED' || (va.bill.expiresAt !== undefined && va.bill.expiresAt <= now)) return fail('EXPIRED_BILL');
  return undefined;
}

export function vaInquiry(input: InquiryInput, context: HandlerContext): Result<Reply> {
  const va = vaOf(input, context);
  if (!va.ok) return va;
  const problem = billProblem(va.value, context.now);
  if (problem && !problem.ok) return problem;
  const amountMinor = minorOf(input.amount.value);
  const fixed = va.value.bill?.amountMinor;
  if (fixed !== undefined && fixed !== amountMinor) return fail('INVALID_AMOUNT');
  return context.services.db.transact((tx) => {
    if (exceedsCap(tx, va.value.customerNumber, amountMinor)) return fail('EXCEEDS_AMOUNT_LIMIT');
    const session: InquirySession = {
      key: sessionKey(context.client.partnerId, input.inquiryRequestId),
      partnerId: context.client.partnerId,
      inquiryRequestId: input.inquiryRequestId,
      partnerServiceId: input.partnerServiceId,
      customerNo: input.customerNo,
      virtualAccountNo: input.virtualAccountNo,
      customerNumber: va.value.customerNumber,
      name: va.value.name,
      amountMinor,
      trxType: fixed === undefined ? 'O' : 'C',
      startedAt: context.now,
      deadline: context.now + (context.services.settings.vaWindowMs ?? VA_INQUIRY_WINDOW_MS),
      status: 'open',
    };
    tx.put(VA_INQUIRIES, session.key, session);
    tx.put(VA_TIMERS, session.key, { key: session.key, deadline: session.deadline });
    const reply: Reply = {
      key: 'SUCCESS',
      fields: {
        virtualAccountData: {
          inquiryStatus: '00',
          inquiryReason: VA_REASONS.success,
          partnerServiceId: input.partnerServiceId,
          customerNo: input.customerNo,
          virtualAccountNo: input.virtualAccountNo,
          virtualAccountName: va.value.name,
          inquiryRequestId: input.inquiryRequestId,
          totalAmount: money(amountMinor),
          feeAmount: money(0),
          virtualAccountTrxType: session.trxType,
          ...(va.value.bill ? { additionalInfo: { trxId: va.value.bill.trxId } } : {}),
        },
        additionalInfo: {},
      },
    };
    saveTransaction(tx, 'vaInquiry', context, { status: '00', amount: input.amount, reply: { ok: true, reply }, details: { virtualAccountNo: input.virtualAccountNo } });
    return ok(reply);
  });
}

/**
 * Payment must follow an inquiry with the same request id within its window, unless it carries the
 * trxId of a dynamic VA (the Create VA flow, where the bank knows the bill without asking).
 */
export function vaPayment(input: PaymentInput, context: HandlerContext): Result<Reply> {
  const va = vaOf(input, context);
  if (!va.ok) return va;
  const { db, ids } = context.services;
  const session = db.get<InquirySession>(VA_INQUIRIES, sessionKey(context.client.partnerId, input.paymentRequestId));
  if (session) {
    if (session.virtualAccountNo !== input.virtualAccountNo) return fail('INVALID_BILL');
    if (session.status === 'paid') return fail('PAID_BILL');
    if (session.status !== 'open' || context.now > session.deadline) return fail('EXPIRED_BILL');
  } else if (!va.value.bill || !input.trxId || input.trxId !== va.value.bill.trxId) {
    return fail('INVALID_BILL');
  }
  const problem = billProblem(va.value, context.now);
  if (problem && !problem.ok) return problem;
  const amountMinor = minorOf(input.paidAmount.value);
  const expected = va.value.bill?.amountMinor ?? session?.amountMinor;
  if (expected !== undefined && expected !== amountMinor) return fail('INVALID_AMOUNT');
  return db.transact((tx) => {
    if (exceedsCap(tx, va.value.customerNumber, amountMinor)) return fail('EXCEEDS_AMOUNT_LIMIT');
    return ok(
      creditVaPayment(tx, {
        partnerId: context.client.partnerId,
        paymentRequestId: input.paymentRequestId,
        virtualAccountNo: input.virtualAccountNo,
        partnerServiceId: input.partnerServiceId,
        customerNo: input.customerNo,
        customerNumber: va.value.customerNumber,
        name: va.value.name,
        amountMinor,
        trxId: input.trxId ?? va.value.bill?.trxId,
        referenceNo: ids.referenceNo(),
        externalId: context.externalId,
        fingerprint: context.idempotency!.fingerprint,
        now: context.now,
        session,
        bill: va.value.bill,
      }, context.services.payee),
    );
  });
}
