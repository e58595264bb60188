import type { InputOf } from '../../../contracts/common/endpoint.ts';
import { depositVaNumber, type bniDepositTopUp as contract } from '../../../contracts/merchant/bni-deposit-topup.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Handled, HandlerContext, RequestContext } from '../../core/route.ts';
import { merchantDeposit } from '../../ledger/accounts.ts';
import { money, toMinor } from '../../ledger/money.ts';
import { MERCHANTS, type MerchantRecord } from '../../parties/merchants.ts';

// The sandbox's BNI VA merchant deposit top-up (merchant.md section 5): the payment to a merchant's
// BNI deposit VA credits its disbursement deposit, funded from outside the simulated world (BNI).

export const BNI_FUNDING_ACCOUNT = 'external:bank:bni';

export function merchantByDepositVa(context: RequestContext, virtualAccount: string): MerchantRecord | undefined {
  for (const merchant of context.services.db.values<MerchantRecord>(MERCHANTS))
    if (depositVaNumber(merchant.merchantId) === virtualAccount) return merchant;
  return undefined;
}

export function bniDepositTopUp(input: InputOf<typeof contract>, context: HandlerContext): Result<Handled> {
  const merchant = merchantByDepositVa(context, input.virtual_account);
  if (!merchant) return fail('BNI_INVALID_VA');
  // BNI amounts are whole rupiah in a digits-only string, not DANA Money, so the pipeline leaves them as sent.
  const amountMinor = toMinor(`${input.payment_amount}.00`);
  if (amountMinor === undefined || amountMinor <= 0) return fail('BNI_INVALID_PARAMETER', { detail: 'payment_amount' });
  context.tx.post({
    id: `bni:${context.client.partnerId}:${input.trx_id}`,
    at: context.now,
    ref: context.idempotency!.recordKey,
    memo: `BNI VA deposit top-up ${input.virtual_account}`,
    entries: [
      { account: BNI_FUNDING_ACCOUNT, amountMinor: -amountMinor },
      { account: merchantDeposit(merchant.merchantId), amountMinor },
    ],
  });
  return ok({
    reply: { key: 'SUCCESS', fields: {} },
    record: { status: '00', amount: money(amountMinor), details: { merchantId: merchant.merchantId } },
  });
}
