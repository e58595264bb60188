import { depositVaNumber } from '../../../contracts/merchant/bni-deposit-topup.ts';
import { optionalText, text } from '../../core/control-input.ts';
import { ControlError, type ControlRoutes, type Runtime } from '../../core/product.ts';
import { merchantDeposit } from '../../ledger/accounts.ts';
import { fund } from '../../ledger/funding.ts';
import { toMinor, toValue } from '../../ledger/money.ts';
import { findMerchant } from '../../parties/find.ts';
import type { MerchantRecord } from '../../parties/merchants.ts';
import { merchantBalances } from './handlers.ts';

// Control routes for a merchant's balances: what `dana-sim balance` shows, and the deposit top-up
// that replaces "ask the DANA team to top up the sandbox deposit".

function balanceView(sim: Runtime, merchant: MerchantRecord) {
  const balances = merchantBalances(sim.db, merchant.merchantId);
  return {
    merchantId: merchant.merchantId,
    deposit: toValue(balances.MERCHANT_DEPOSIT_BALANCE),
    available: toValue(balances.MERCHANT_AVAILABLE_BALANCE),
    total: toValue(balances.MERCHANT_TOTAL_BALANCE),
    currency: 'IDR',
    depositVaNumber: depositVaNumber(merchant.merchantId),
  };
}

export const MERCHANT_CONTROL: ControlRoutes = {
  'GET /balance': (sim, request) => balanceView(sim, findMerchant(sim.db, request.query.get('merchant') ?? undefined)),
  'POST /balance/topup': async (sim, request) => {
    const amountValue = text(request.body.amount, 'amount');
    const amount = toMinor(amountValue);
    if (amount === undefined || amount <= 0) throw new ControlError(`amount must look like 1000000.00, got "${amountValue}"`);
    const merchant = findMerchant(sim.db, optionalText(request.body.merchant));
    sim.db.transact((tx) => fund(tx, merchantDeposit(merchant.merchantId), amount, sim.clock.now(), 'deposit top up (control)'));
    await sim.settle();
    return balanceView(sim, merchant);
  },
};
