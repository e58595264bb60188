import { addMerchant } from '../simulator/control/merchants.ts';
import {
  FEE_INCOME_ACCOUNT,
  merchantDeposit,
  merchantDepositReserved,
  merchantSettlement,
  userBalance,
} from '../simulator/ledger/accounts.ts';
import { BANK_PAYOUTS_ACCOUNT } from '../simulator/products/disbursement/bank-transfers.ts';
import { snapRequest } from '../simulator/signature/client.ts';
import { testKeys, topUpDeposit, type Reply, type TestSimulator } from './helpers.ts';

// Fixtures for the money boundary tests: a merchant whose deposit is a known round figure (the
// provisioned one starts at 100,000,000.00, beyond the top-up and cap limits), and every balance a
// disbursement can touch, in minor units so comparisons are exact to the cent.

/** Registers a merchant whose deposit is exactly `depositValue`; it signs with the test merchant key. */
export function merchantWithDeposit(t: TestSimulator, depositValue: string, partnerId = 'boundary-partner') {
  const merchant = addMerchant(t.sim.runtime.db, { partnerId, publicKeyPem: testKeys().merchant.publicKeyPem }, t.sim.runtime.clock.now());
  topUpDeposit(t.sim, depositValue, partnerId);
  const credentials = { partnerId, privateKey: testKeys().merchant.privateKeyPem, clientSecret: merchant.clientSecret };
  return {
    merchantId: merchant.merchantId,
    snap: async (path: string, body: unknown): Promise<Reply> => {
      const reply = await t.sim.handle(snapRequest({ path, body, credentials }));
      return { status: reply.status, body: JSON.parse(reply.body) };
    },
  };
}

/** Every balance a merchant's disbursements and payments move, in minor units. */
export function moneyOf(t: TestSimulator, merchantId: string, customerNumber: string) {
  const balance = (account: string) => t.sim.runtime.db.ledger.balance(account);
  return {
    deposit: balance(merchantDeposit(merchantId)),
    reserved: balance(merchantDepositReserved(merchantId)),
    settlement: balance(merchantSettlement(merchantId)),
    user: balance(userBalance(customerNumber)),
    fees: balance(FEE_INCOME_ACCOUNT),
    payouts: balance(BANK_PAYOUTS_ACCOUNT),
  };
}
