import type { InputOf } from '../../../contracts/common/endpoint.ts';
import { TRANSACTION_STATUS } from '../../../contracts/common/transaction-status.ts';
import {
  DISBURSEMENT_LIMITS,
  bankAccountInquiry as inquiryContract,
  transferToBank as transferContract,
  transferToBankStatus,
} from '../../../contracts/disbursement/index.ts';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { merchantIdOf, replyOnly, type Handled, type HandlerContext, type Reply, type RequestContext } from '../../core/route.ts';
import { merchantDeposit } from '../../ledger/accounts.ts';
import { minorOf, money } from '../../ledger/money.ts';
import { STATUS_FAILURE, resolveBankAccount, type ResolvedAccount } from './bank-accounts.ts';
import { FAMILY, reserve, schedule, settle, type TransferDetails } from './bank-transfers.ts';
import { transferCompletionMs } from './settings.ts';
import { statusReply } from './status-reply.ts';

// Disbursement to bank accounts: account inquiry (svc 42), transfer (43), transfer status (00).
// Fee model: DANA's bank transfer fee (contracts DISBURSEMENT_LIMITS.bankTransferFee) is charged to
// the deposit on top of the amount; inquiry reports it, and both check the deposit against amount + fee.

const FEE = () => minorOf(DISBURSEMENT_LIMITS.bankTransferFee);

function payableAccount(context: RequestContext, bankCode: string, accountNumber: string): Result<ResolvedAccount> {
  const account = resolveBankAccount(context.services.db, context.services.seed, bankCode, accountNumber);
  if (!account) return fail('INVALID_ACCOUNT');
  if (account.status !== 'ACTIVE') return fail(STATUS_FAILURE[account.status]);
  return ok(account);
}

export function bankAccountInquiry(input: InputOf<typeof inquiryContract>, context: HandlerContext): Result<Handled> {
  const account = payableAccount(context, input.additionalInfo.beneficiaryBankCode, input.beneficiaryAccountNumber);
  if (!account.ok) return account;
  const deposit = context.services.db.ledger.balance(merchantDeposit(merchantIdOf(context)));
  if (deposit < input.amountMinor + FEE()) return fail('INSUFFICIENT_FUNDS');
  return replyOnly(
    ok({
      key: 'SUCCESS',
      fields: {
        referenceNo: context.services.ids.referenceNo(),
        ...(input.partnerReferenceNo ? { partnerReferenceNo: input.partnerReferenceNo } : {}),
        ...(input.additionalInfo.accountType ? { accountType: input.additionalInfo.accountType } : {}),
        beneficiaryAccountNumber: input.beneficiaryAccountNumber,
        beneficiaryAccountName: account.value.holderName,
        beneficiaryBankCode: account.value.bank.code,
        beneficiaryBankShortName: account.value.bank.shortName,
        beneficiaryBankName: account.value.bank.name,
        amount: input.amount,
        additionalInfo: { feeAmount: money(FEE()) },
      },
    }),
  );
}

/**
 * `needNotify: true` (or a requested settlement, `context.settle`) makes the transfer asynchronous: reserved now, answered
 * 2024300, completed later on the simulator clock. Otherwise it settles at once and answers 2004300.
 */
export function transferToBank(input: InputOf<typeof transferContract>, context: HandlerContext): Result<Handled> {
  const account = payableAccount(context, input.beneficiaryBankCode, input.beneficiaryAccountNumber);
  if (!account.ok) return account;
  const { ids, settings } = context.services;
  const { tx } = context;
  const asynchronous = input.additionalInfo.needNotify === true || context.settle !== undefined;
  const details: TransferDetails = {
    merchantId: merchantIdOf(context),
    customerNumber: input.customerNumber,
    beneficiaryAccountNumber: input.beneficiaryAccountNumber,
    beneficiaryBankCode: input.beneficiaryBankCode,
    amountMinor: input.amountMinor,
    feeMinor: FEE(),
    needNotify: input.additionalInfo.needNotify === true,
    ...(asynchronous
      ? {
          completeAt: context.now + (context.settle?.delayMs ?? transferCompletionMs(settings)),
          plannedOutcome: context.settle?.outcome ?? 'success',
        }
      : {}),
  };
  if (tx.balance(merchantDeposit(details.merchantId)) < details.amountMinor + details.feeMinor) return fail('INSUFFICIENT_FUNDS');
  const referenceNo = ids.referenceNo();
  const key = context.idempotency!.recordKey;
  reserve(tx, details, referenceNo, key, context.now);
  if (asynchronous) schedule(tx, key, details.completeAt!);
  else settle(tx, details, referenceNo, key, context.now, 'success');
  const reply: Reply = {
    key: asynchronous ? 'IN_PROGRESS' : 'SUCCESS',
    fields: {
      referenceNo,
      partnerReferenceNo: input.partnerReferenceNo,
      transactionDate: jakartaTimestamp(context.now),
      referenceNumber: referenceNo,
      additionalInfo: {},
    },
  };
  return ok({
    reply,
    record: {
      status: (asynchronous ? TRANSACTION_STATUS.PENDING : TRANSACTION_STATUS.SUCCESS).code,
      referenceNo,
      amount: input.amount,
      details: { ...details },
    },
  });
}

export function transferToBankInquiryStatus(input: InputOf<typeof transferToBankStatus>, context: HandlerContext): Result<Handled> {
  return replyOnly(statusReply(context, FAMILY, '00', input));
}
