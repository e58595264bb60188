import type { InputOf } from '../../../contracts/common/endpoint.ts';
import type { balanceInquiry as balanceInquiryContract } from '../../../contracts/widget/balance-inquiry.ts';
import { customerName } from '../../parties/users.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Handled, HandlerContext } from '../../core/route.ts';
import { userBalance } from '../../ledger/accounts.ts';
import { money } from '../../ledger/money.ts';
import { customerOf } from './tokens.ts';

// Balance Inquiry (svc 11): the bound user's DANA balance as the ledger has it. A DANA account has
// one balance and no holds, so amount, available and ledger balance are the same; status `1` is an
// active account (DANA's status table). DANA's sandbox users with fixed answers are default rules
// matched on the customer (contracts/sandbox-rules.ts), which fire before this handler.

export function balanceInquiry(input: InputOf<typeof balanceInquiryContract>, context: HandlerContext): Result<Handled> {
  const customer = customerOf(context, input.additionalInfo.accessToken);
  if (!customer.ok) return customer;
  const { customerNumber } = customer.value;
  const balance = money(context.tx.balance(userBalance(customerNumber)));
  return ok({
    reply: {
      key: 'SUCCESS',
      fields: {
        referenceNo: context.services.ids.referenceNo(),
        ...(input.partnerReferenceNo ? { partnerReferenceNo: input.partnerReferenceNo } : {}),
        name: customerName(context.services.seed, customerNumber),
        accountInfos: [
          {
            balanceType: 'BALANCE',
            amount: balance,
            availableBalance: balance,
            ledgerBalance: balance,
            holdAmount: money(0),
            status: '1',
          },
        ],
        additionalInfo: {},
      },
    },
  });
}
