import { describe, expect, it } from 'vitest';
import * as contracts from '../../../contracts/merchant-management/index.ts';
import { depositVaNumber } from '../../../contracts/merchant/bni-deposit-topup.ts';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { merchantDeposit, merchantDepositReserved, merchantSettlement } from '../../ledger/accounts.ts';
import { createTestSimulator, handle, handlerContext, setBalance } from '../../../test/helpers.ts';
import { queryAssetCardList, queryMerchantInfo } from './member.ts';

async function setup() {
  const t = await createTestSimulator({ background: false });
  return { t, context: handlerContext(t) };
}

const accountsOf = (result: ReturnType<typeof handle>) => {
  if (!result.ok) throw new Error(`expected success, got ${result.failure.key}`);
  return (result.value.fields.merchantInformation as { accounts: Record<string, unknown>[] }).accounts;
};

describe('Query Merchant Info', () => {
  it('reports the calling merchant with its three accounts, amounts in whole rupiah from the ledger', async () => {
    const { t, context } = await setup();
    setBalance(t.sim, merchantDeposit(t.merchantId), 123_456_78);
    setBalance(t.sim, merchantSettlement(t.merchantId), 5_000_99);
    setBalance(t.sim, merchantDepositReserved(t.merchantId), 1_000_00);
    const result = handle(
      contracts.queryMerchantInfo,
      queryMerchantInfo,
      { roleId: t.merchantId, loginType: 'ROLE', isQueryAccount: true },
      context,
    );
    const record = t.sim.parties.defaultMerchant();
    expect(result).toMatchObject({
      ok: true,
      value: {
        key: 'SUCCESS',
        fields: {
          merchantInformation: {
            merchantId: t.merchantId,
            merchantType: 'CORPORATION',
            merchantStatus: 'ACTIVE',
            officialName: record.name,
            createdTime: jakartaTimestamp(record.createdAt),
          },
        },
      },
    });
    expect(accountsOf(result)).toEqual([
      {
        accountNo: `${t.merchantId}0001`,
        accountType: 'MERCHANT_DEPOSIT_ACCOUNT',
        status: 'ENABLE',
        debitFreezeStatus: 'ENABLE',
        creditFreezeStatus: 'ENABLE',
        currency: 'IDR',
        // Total includes what is held for pending transfers; available does not.
        totalAmount: '{"amount":"124456","currency":"IDR"}',
        availableAmount: '{"amount":"123456","currency":"IDR"}',
        mappedTotalAmount: { amount: '124456', currency: 'IDR' },
      },
      expect.objectContaining({
        accountNo: `${t.merchantId}0002`,
        accountType: 'MERCHANT_SETTLEMENT_ACCOUNT',
        totalAmount: '{"amount":"5000","currency":"IDR"}',
        availableAmount: '{"amount":"5000","currency":"IDR"}',
      }),
      expect.objectContaining({
        accountNo: `${t.merchantId}0003`,
        accountType: 'MERCHANT_PAYABLE_ACCOUNT',
        totalAmount: '{"amount":"0","currency":"IDR"}',
      }),
    ]);
  });

  it('gives the deposit account exactly the deposit when nothing is held (the UAT threshold reads it)', async () => {
    const { t, context } = await setup();
    const [deposit] = accountsOf(
      handle(contracts.queryMerchantInfo, queryMerchantInfo, { roleId: t.merchantId, loginType: 'ROLE', isQueryAccount: true }, context),
    );
    expect(JSON.parse(deposit!.totalAmount as string).amount).toBe(t.deposit().replace(/\.\d\d$/, ''));
    expect(deposit!.mappedTotalAmount).toEqual({ amount: t.deposit().replace(/\.\d\d$/, ''), currency: 'IDR' });
  });

  it('leaves accounts out unless isQueryAccount is true', async () => {
    const { t, context } = await setup();
    for (const isQueryAccount of [undefined, false]) {
      const result = handle(
        contracts.queryMerchantInfo,
        queryMerchantInfo,
        { roleId: t.merchantId, loginType: 'ROLE', ...(isQueryAccount === undefined ? {} : { isQueryAccount }) },
        context,
      );
      expect(result.ok && result.value.fields.merchantInformation).not.toHaveProperty('accounts');
      expect(result.ok).toBe(true);
    }
  });

  it('knows only the caller by its own merchant id: another id, a mobile login or an unknown partner is MERCHANT_NOT_EXIST', async () => {
    const { t, context } = await setup();
    const notExist = { ok: false, failure: { key: 'MERCHANT_NOT_EXIST' } };
    expect(handle(contracts.queryMerchantInfo, queryMerchantInfo, { roleId: '216600000000000000000', loginType: 'ROLE' }, context)).toEqual(
      notExist,
    );
    expect(handle(contracts.queryMerchantInfo, queryMerchantInfo, { roleId: '62-811742234', loginType: 'MOBILE_NO' }, context)).toEqual(
      notExist,
    );
    expect(
      handle(
        contracts.queryMerchantInfo,
        queryMerchantInfo,
        { roleId: t.merchantId, loginType: 'ROLE' },
        handlerContext(t, { partnerId: 'unknown-partner' }),
      ),
    ).toEqual(notExist);
  });
});

describe('Query Asset Card List', () => {
  it('lists the BNI deposit VA as an enabled VA_ACCOUNT card whose cardIndexNo is the top-up VA', async () => {
    const { t, context } = await setup();
    const va = depositVaNumber(t.merchantId);
    expect(
      handle(
        contracts.queryAssetCardList,
        queryAssetCardList,
        { memberId: t.merchantId, enableOnly: 'true', assetTypeList: ['VA_ACCOUNT'] },
        context,
      ),
    ).toEqual({
      ok: true,
      value: {
        key: 'SUCCESS',
        fields: {
          assetCardList: [
            {
              contactBizType: 'GENERAL_CARD',
              assetType: 'VA_ACCOUNT',
              cardIndexNo: va,
              cardNoLength: '16',
              maskedCardNo: `${va.slice(0, 4)}********${va.slice(-4)}`,
              holderName: { firstName: t.sim.parties.defaultMerchant().name },
              instId: 'BNIC1ID',
              instOfficialName: 'BNI',
              expiryYear: '',
              expiryMonth: '',
              verified: 'true',
              defaultAsset: 'false',
              enableStatus: 'true',
              directDebit: 'false',
            },
          ],
        },
      },
    });
  });

  it('keeps the card for enableOnly "false", no filters or filters naming it, and drops it for filters that do not', async () => {
    const { t, context } = await setup();
    const count = (filters: object) => {
      const result = handle(contracts.queryAssetCardList, queryAssetCardList, { memberId: t.merchantId, ...filters }, context);
      return result.ok ? (result.value.fields.assetCardList as unknown[]).length : -1;
    };
    expect(count({})).toBe(1);
    expect(count({ enableOnly: 'false', assetTypeList: [], contactBizTypeList: [] })).toBe(1);
    expect(count({ assetTypeList: ['DEBIT_CARD', 'VA_ACCOUNT'], contactBizTypeList: ['GENERAL_CARD'] })).toBe(1);
    expect(count({ assetTypeList: ['DEBIT_CARD'] })).toBe(0);
    expect(count({ contactBizTypeList: ['PAYMENT_CARD'] })).toBe(0);
    expect(count({ bindingId: 'b-1' })).toBe(0);
  });

  it('answers MERCHANT_NOT_EXIST for any other member', async () => {
    const { context } = await setup();
    expect(handle(contracts.queryAssetCardList, queryAssetCardList, { memberId: '216600000000000000000' }, context)).toEqual({
      ok: false,
      failure: { key: 'MERCHANT_NOT_EXIST' },
    });
  });
});
