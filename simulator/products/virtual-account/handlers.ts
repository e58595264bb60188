import type { InputOf } from '../../../contracts/common/endpoint.ts';
import { VA_INQUIRY_WINDOW_MS, VA_REASONS } from '../../../contracts/virtual-account/common.ts';
import type { vaInquiry as inquiryContract, vaPayment as paymentContract } from '../../../contracts/virtual-account/index.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Handled, HandlerContext, Reply, RequestContext } from '../../core/route.ts';
import { money } from '../../ledger/money.ts';
import { resolveVa, type ResolvedVa } from './bills.ts';
import { VA_INQUIRIES, VA_TIMERS, exceedsCap, payVa, sessionKey, type InquirySession } from './sessions.ts';

// The bank's side of DANA VA top-ups: Inquiry (svc 24) opens a 5-minute window, Payment (svc 25)
// within it credits the DANA user. Codes per virtual-account.md section 9 (BI SNAP where DANA's
// table was unreachable; contracts/README.md).

/** The three fields both calls name the VA with. */
type VaIdentity = Pick<InputOf<typeof inquiryContract>, 'partnerServiceId' | 'customerNo' | 'virtualAccountNo'>;

/** The VA the request names, if the three VA fields agree and the bank issues it. */
function vaOf(input: VaIdentity, context: RequestContext): Result<ResolvedVa> {
  if (input.virtualAccountNo !== input.partnerServiceId + input.customerNo)
    return fail('INVALID_FIELD_FORMAT', { detail: 'virtualAccountNo' });
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

export function vaInquiry(input: InputOf<typeof inquiryContract>, context: HandlerContext): Result<Handled> {
  const va = vaOf(input, context);
  if (!va.ok) return va;
  const problem = billProblem(va.value, context.now);
  if (problem && !problem.ok) return problem;
  const { amountMinor } = input;
  const fixed = va.value.bill?.amountMinor;
  if (fixed !== undefined && fixed !== amountMinor) return fail('INVALID_AMOUNT');
  const { tx } = context;
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
  return ok({ reply, record: { status: '00', amount: input.amount, details: { virtualAccountNo: input.virtualAccountNo } } });
}

/**
 * Payment must follow an inquiry with the same request id within its window, unless it carries the
 * trxId of a dynamic VA (the Create VA flow, where the bank knows the bill without asking).
 */
export function vaPayment(input: InputOf<typeof paymentContract>, context: HandlerContext): Result<Handled> {
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
  const amountMinor = input.paidAmountMinor;
  const expected = va.value.bill?.amountMinor ?? session?.amountMinor;
  if (expected !== undefined && expected !== amountMinor) return fail('INVALID_AMOUNT');
  if (exceedsCap(context.tx, va.value.customerNumber, amountMinor)) return fail('EXCEEDS_AMOUNT_LIMIT');
  return ok(
    payVa(
      context.tx,
      {
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
        now: context.now,
        session,
        bill: va.value.bill,
      },
      context.services.payee,
    ),
  );
}
