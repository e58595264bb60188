import type { InputOf } from '../../../contracts/common/endpoint.ts';
import { TRANSACTION_STATUS } from '../../../contracts/common/transaction-status.ts';
import { DISBURSEMENT_LIMITS, accountInquiry, topUp, topUpStatus } from '../../../contracts/disbursement/index.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { merchantIdOf, replyOnly, type Handled, type HandlerContext, type Reply } from '../../core/route.ts';
import { FEE_INCOME_ACCOUNT, merchantDeposit, userBalance } from '../../ledger/accounts.ts';
import { minorOf, money } from '../../ledger/money.ts';
import { statusReply } from './status-reply.ts';
import { customerName } from '../../parties/users.ts';

// Disbursement to DANA balance: account inquiry (svc 37), top up (38), top-up status (39).
// Fee model: the merchant's deposit pays amount + feeAmount as stated in the request; the user
// receives amount; the fee goes to DANA's fee income. Checks in DANA's order: deposit first, then
// the user's balance cap (sandbox-magic-values.md section 3).

/** The top-up records, which top-up status reads. */
const FAMILY = topUp.idempotency.family;

/** Customer tokens come from DANA's account-binding (widget) flow, which the simulator does not issue. */
function customerOf(input: { customerNumber?: string }): Result<string> {
  return input.customerNumber ? ok(input.customerNumber) : fail('INVALID_CUSTOMER_TOKEN');
}

export function danaAccountInquiry(input: InputOf<typeof accountInquiry>, context: HandlerContext): Result<Handled> {
  const customer = customerOf(input);
  if (!customer.ok) return customer;
  const { ids, seed } = context.services;
  return ok({
    reply: {
      key: 'SUCCESS',
      fields: {
        referenceNo: ids.referenceNo(),
        ...(input.partnerReferenceNo ? { partnerReferenceNo: input.partnerReferenceNo } : {}),
        customerNumber: customer.value,
        customerName: customerName(seed, customer.value),
        minAmount: { value: DISBURSEMENT_LIMITS.minTopUpAmount, currency: 'IDR' },
        maxAmount: { value: DISBURSEMENT_LIMITS.maxTopUpAmount, currency: 'IDR' },
        amount: input.amount,
        feeAmount: money(0),
        feeType: 'NONE',
        additionalInfo: {},
      },
    },
  });
}

export function transferToDana(input: InputOf<typeof topUp>, context: HandlerContext): Result<Handled> {
  const customer = customerOf(input);
  if (!customer.ok) return customer;
  const { ids, seed } = context.services;
  const { tx } = context;
  const merchantId = merchantIdOf(context);
  const amount = input.amountMinor;
  const fee = input.feeAmountMinor;
  if (tx.balance(merchantDeposit(merchantId)) < amount + fee) return fail('INSUFFICIENT_FUNDS');
  if (tx.balance(userBalance(customer.value)) + amount > minorOf(DISBURSEMENT_LIMITS.userBalanceCap)) return fail('EXCEEDS_AMOUNT_LIMIT');
  const referenceNo = ids.referenceNo();
  tx.post({
    id: `topUp:${referenceNo}`,
    at: context.now,
    ref: context.idempotency!.recordKey,
    memo: `top up ${customer.value}`,
    entries: [
      { account: merchantDeposit(merchantId), amountMinor: -(amount + fee) },
      { account: userBalance(customer.value), amountMinor: amount },
      ...(fee > 0 ? [{ account: FEE_INCOME_ACCOUNT, amountMinor: fee }] : []),
    ],
  });
  const reply: Reply = {
    key: 'SUCCESS',
    fields: {
      referenceNo,
      partnerReferenceNo: input.partnerReferenceNo,
      ...(input.sessionId ? { sessionId: input.sessionId } : {}),
      customerNumber: customer.value,
      customerName: customerName(seed, customer.value),
      amount: input.amount,
      additionalInfo: {},
    },
  };
  return ok({
    reply,
    record: {
      status: TRANSACTION_STATUS.SUCCESS.code,
      referenceNo,
      amount: input.amount,
      details: { customerNumber: customer.value, feeAmount: input.feeAmount },
    },
  });
}

export function transferToDanaInquiryStatus(input: InputOf<typeof topUpStatus>, context: HandlerContext): Result<Handled> {
  return replyOnly(statusReply(context, FAMILY, '38', input));
}
