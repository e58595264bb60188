import type { InputOf } from '../../../contracts/common/endpoint.ts';
import type { MerchantResourceType, queryMerchantResource as contract } from '../../../contracts/merchant/index.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Handled, HandlerContext } from '../../core/route.ts';
import { merchantDeposit, merchantDepositReserved, merchantSettlement } from '../../ledger/accounts.ts';
import type { Database } from '../../ledger/database.ts';
import { toValue } from '../../ledger/money.ts';
import { MERCHANTS, type MerchantRecord } from '../../parties/merchants.ts';

// Check Disbursement Account (merchant.md section 2). Balances come from the ledger:
//   MERCHANT_DEPOSIT_BALANCE   deposit the merchant can disburse from now
//   MERCHANT_AVAILABLE_BALANCE deposit + settlement, without money held for pending transfers
//   MERCHANT_TOTAL_BALANCE     available + money held for pending transfers
// The split of available versus total is our reading of DANA's one-line descriptions
// (contracts/README.md).

export function merchantBalances(db: Database, merchantId: string): Record<MerchantResourceType, number> {
  const deposit = db.ledger.balance(merchantDeposit(merchantId));
  const settlement = db.ledger.balance(merchantSettlement(merchantId));
  const reserved = db.ledger.balance(merchantDepositReserved(merchantId));
  return {
    MERCHANT_DEPOSIT_BALANCE: deposit,
    MERCHANT_AVAILABLE_BALANCE: deposit + settlement,
    MERCHANT_TOTAL_BALANCE: deposit + settlement + reserved,
  };
}

export function queryMerchantResource(input: InputOf<typeof contract>, context: HandlerContext): Result<Handled> {
  const { db } = context.services;
  // A partner sees only its own merchant; another partner's merchant id is as unknown as a made-up one.
  const merchant = db.get<MerchantRecord>(MERCHANTS, context.client.partnerId);
  if (!merchant || merchant.merchantId !== input.requestMerchantId) return fail('MERCHANT_NOT_EXIST');
  const balances = merchantBalances(db, merchant.merchantId);
  const merchantResourceInformations = [...new Set(input.merchantResourceInfoList)].map((resourceType) => ({
    resourceType,
    // DANA sends the amount as a JSON document inside a string.
    value: JSON.stringify({ amount: toValue(balances[resourceType]), currency: 'IDR' }),
  }));
  return ok({ reply: { key: 'SUCCESS', fields: { merchantResourceInformations } } });
}
