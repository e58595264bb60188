import { INITIAL_MERCHANT_DEPOSIT } from '../../contracts/sandbox-identities.ts';
import { depositVaNumber } from '../../contracts/merchant/bni-deposit-topup.ts';
import { parseDuration } from '../clock/clock.ts';
import { POSTINGS } from '../ledger/database.ts';
import { minorOf, toValue } from '../ledger/money.ts';
import type { Simulator } from '../index.ts';
import { merchantBalances } from '../products/merchant/handlers.ts';
import { customerName, userStatus } from '../parties/users.ts';
import { userBalance } from '../ledger/accounts.ts';
import type { MerchantRecord } from '../parties/merchants.ts';
import { ControlError, addMerchant, findMerchant, reset, topUpDeposit } from './operations.ts';
import { optionalText, text, type ControlRoutes } from './request.ts';

// Control routes for the simulator itself and its merchants: health, credentials, balances, reset,
// ledger, keys and the clock.

/** A merchant as shown to users: never the private key. */
export function publicMerchant(merchant: MerchantRecord) {
  return {
    merchantId: merchant.merchantId,
    partnerId: merchant.partnerId,
    clientSecret: merchant.clientSecret,
    name: merchant.name,
    origin: merchant.origin,
    notifyUrl: merchant.notifyUrl,
    depositVaNumber: depositVaNumber(merchant.merchantId),
    publicKeyPem: merchant.publicKeyPem,
  };
}

export function balanceView(sim: Simulator, merchant: MerchantRecord) {
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

export const CORE_ROUTES: ControlRoutes = {
  'GET /user': (sim, request) => {
    const customerNumber = text(request.query.get('customer') ?? undefined, 'customer');
    if (!/^\d{5,32}$/.test(customerNumber)) throw new ControlError('customer must be a phone number such as 62811742234');
    return {
      customerNumber,
      name: customerName(sim.db, sim.seed, customerNumber),
      status: userStatus(sim.db, customerNumber),
      balance: toValue(sim.db.ledger.balance(userBalance(customerNumber))),
      currency: 'IDR',
    };
  },
  'GET /health': (sim) => ({ ok: true, merchants: sim.directory.list().length, seed: sim.seed }),
  'GET /merchants': (sim) => sim.directory.list().map(publicMerchant),
  'POST /merchants': async (sim, request) => {
    const merchant = addMerchant(sim.db, {
      partnerId: text(request.body.partnerId, 'partnerId'),
      publicKeyPem: text(request.body.publicKey, 'publicKey'),
      merchantId: optionalText(request.body.merchantId),
      clientSecret: optionalText(request.body.clientSecret),
    }, sim.clock.now());
    await sim.db.sync();
    return publicMerchant(merchant);
  },
  'GET /balance': (sim, request) => balanceView(sim, findMerchant(sim.db, request.query.get('merchant') ?? undefined)),
  'POST /balance/topup': async (sim, request) => {
    const { merchantId } = topUpDeposit(sim.db, text(request.body.amount, 'amount'), sim.clock.now(), optionalText(request.body.merchant));
    await sim.db.sync();
    return balanceView(sim, findMerchant(sim.db, merchantId));
  },
  'POST /reset': async (sim) => {
    reset(sim.db, sim.clock.now(), minorOf(INITIAL_MERCHANT_DEPOSIT));
    await sim.db.sync();
    return { ok: true };
  },
  'GET /ledger': (sim) => ({
    totalMinor: sim.db.ledger.totalMinor(),
    postings: sim.db.size(POSTINGS),
    accounts: Object.fromEntries([...sim.db.ledger.accounts()].map(([account, minor]) => [account, toValue(minor)])),
  }),
  'GET /keys/dana': (sim) => ({ publicKeyPem: sim.danaKeys.publicKeyPem }),
  'GET /clock': (sim) => ({ now: new Date(sim.clock.now()).toISOString() }),
  'POST /clock/advance': async (sim, request) => {
    const duration = parseDuration(text(request.body.duration, 'duration'));
    if (duration === undefined) throw new ControlError('duration must look like 90s, 5m or 1h30m');
    // What became due happens before the call returns, so scripts and tests see its effects.
    await sim.advanceClock(duration);
    return { now: new Date(sim.clock.now()).toISOString() };
  },
};
