import { describe, expect, it } from 'vitest';
import { queryMerchantResource as contract } from '../../../contracts/merchant/index.ts';
import type { RequestContext } from '../../core/route.ts';
import { merchantDeposit, merchantDepositReserved, merchantSettlement } from '../../ledger/accounts.ts';
import { createTestSimulator, handle, handlerContext, setBalance as setLedgerBalance } from '../../../test/helpers.ts';
import { merchantBalances, queryMerchantResource } from './handlers.ts';

async function setup() {
  const t = await createTestSimulator({ background: false });
  const context = (partnerId = t.credentials.partnerId): RequestContext => handlerContext(t, { partnerId });
  const setBalance = (account: string, minor: number) => setLedgerBalance(t.sim, account, minor);
  return { t, context, setBalance };
}

describe('Check Disbursement Account', () => {
  it('reports deposit, available (deposit + settlement) and total (+ held for pending transfers) to the cent', async () => {
    const { t, setBalance } = await setup();
    setBalance(merchantDeposit(t.merchantId), 100_001);
    setBalance(merchantSettlement(t.merchantId), 2_002);
    setBalance(merchantDepositReserved(t.merchantId), 30);
    expect(merchantBalances(t.sim.runtime.db, t.merchantId)).toEqual({
      MERCHANT_DEPOSIT_BALANCE: 100_001,
      MERCHANT_AVAILABLE_BALANCE: 102_003,
      MERCHANT_TOTAL_BALANCE: 102_033,
    });
  });

  it('answers each asked resource once, in the order asked, as a JSON string amount', async () => {
    const { t, context, setBalance } = await setup();
    setBalance(merchantDeposit(t.merchantId), 100_001);
    setBalance(merchantSettlement(t.merchantId), 2_002);
    expect(
      handle(
        contract,
        queryMerchantResource,
        {
          requestMerchantId: t.merchantId,
          merchantResourceInfoList: ['MERCHANT_TOTAL_BALANCE', 'MERCHANT_DEPOSIT_BALANCE', 'MERCHANT_TOTAL_BALANCE'],
        },
        context(),
      ),
    ).toEqual({
      ok: true,
      value: {
        key: 'SUCCESS',
        fields: {
          merchantResourceInformations: [
            { resourceType: 'MERCHANT_TOTAL_BALANCE', value: '{"amount":"1020.03","currency":"IDR"}' },
            { resourceType: 'MERCHANT_DEPOSIT_BALANCE', value: '{"amount":"1000.01","currency":"IDR"}' },
          ],
        },
      },
    });
  });

  it("knows only the caller's own merchant", async () => {
    const { t, context } = await setup();
    const list = ['MERCHANT_DEPOSIT_BALANCE'] as const;
    expect(
      handle(contract, queryMerchantResource, { requestMerchantId: '216600000000000000000', merchantResourceInfoList: list }, context()),
    ).toEqual({ ok: false, failure: { key: 'MERCHANT_NOT_EXIST' } });
    expect(
      handle(
        contract,
        queryMerchantResource,
        { requestMerchantId: t.merchantId, merchantResourceInfoList: list },
        context('unknown-partner'),
      ),
    ).toEqual({ ok: false, failure: { key: 'MERCHANT_NOT_EXIST' } });
  });
});
