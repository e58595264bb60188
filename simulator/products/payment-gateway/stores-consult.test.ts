import { describe, expect, it } from 'vitest';
import * as merchantManagement from '../../../contracts/merchant-management/index.ts';
import { consultPay, UAT_EXTERNAL_SHOP_ID } from '../../../contracts/payment-gateway/index.ts';
import { SimulatorClock } from '../../clock/clock.ts';
import { createTestSimulator, handle, handlerContext, idr, orderBody, PATHS } from '../../../test/helpers.ts';
import { createDivisionBody, createShopBody } from '../../../test/merchant-management-bodies.ts';
import { createDivision } from '../merchant-management/divisions.ts';
import { createShop } from '../merchant-management/shops.ts';

// Create Order's externalStoreId / subMerchantId against the merchant's shops and divisions, and
// Consult Pay's list of pay methods.

const NOW = Date.UTC(2030, 4, 1, 3, 0, 0);

async function setup() {
  const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(NOW) });
  const create = (overrides: Record<string, unknown>) => t.snap(PATHS.createOrder, orderBody(t.merchantId, overrides, 10 * 60_000, NOW));
  const context = handlerContext(t, { now: NOW });
  const consult = (overrides: Record<string, unknown> = {}) =>
    t.snap(consultPay.paths[0], {
      merchantId: t.merchantId,
      amount: idr('100000.00'),
      additionalInfo: {
        buyer: { externalUserType: '', nickname: '', externalUserId: '8392183912832913821', userId: '' },
        envInfo: { sourcePlatform: 'IPG', terminalType: 'SYSTEM', orderTerminalType: 'WEB', websiteLanguage: 'en_US' },
      },
      ...overrides,
    });
  return { t, create, context, consult };
}

describe('Create Order stores and sub-merchants', () => {
  it("accepts the seeded UAT shop, a shop and a division made through Merchant Management, and '' as absent", async () => {
    const { t, create, context } = await setup();
    expect((await create({ externalStoreId: UAT_EXTERNAL_SHOP_ID })).body.responseCode).toBe('2005400');
    expect((await create({ externalStoreId: '', subMerchantId: '' })).body.responseCode).toBe('2005400');
    const shop = createShopBody(t.merchantId);
    expect(handle(merchantManagement.createShop, createShop, shop, context).ok).toBe(true);
    const division = createDivisionBody(t.merchantId);
    expect(handle(merchantManagement.createDivision, createDivision, division, context).ok).toBe(true);
    expect((await create({ externalStoreId: shop.externalShopId, subMerchantId: division.externalDivisionId })).body.responseCode).toBe(
      '2005400',
    );
  });

  it('answers 4045408 Invalid Merchant for an unknown store or sub-merchant, and keeps no order', async () => {
    const { t, create } = await setup();
    for (const overrides of [{ externalStoreId: 'test_debug_mode' }, { subMerchantId: 'no-such-division' }]) {
      const reply = await create({ ...overrides, partnerReferenceNo: 'unknown-store' });
      expect(reply).toEqual({
        status: 404,
        body: { responseCode: '4045408', responseMessage: 'Invalid Merchant', partnerReferenceNo: 'unknown-store' },
      });
    }
    const query = await t.snap(PATHS.queryPayment, {
      originalPartnerReferenceNo: 'unknown-store',
      serviceCode: '54',
      merchantId: t.merchantId,
    });
    expect(query.body.responseCode).toBe('4045501');
  });
});

describe('Consult Pay', () => {
  it('lists balance and the VA options with 2005700, QRIS only with a known store', async () => {
    const { consult } = await setup();
    const plain = await consult();
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ responseCode: '2005700', responseMessage: 'Successful' });
    expect(plain.body.paymentInfos[0]).toEqual({ payMethod: 'BALANCE' });
    expect(plain.body.paymentInfos).toContainEqual({ payMethod: 'VIRTUAL_ACCOUNT', payOption: 'VIRTUAL_ACCOUNT_CIMB' });
    expect(plain.body.paymentInfos.some((info: { payOption?: string }) => info.payOption === 'NETWORK_PAY_PG_QRIS')).toBe(false);
    const unknownStore = await consult({ externalStoreId: 'test_shop' });
    expect(unknownStore.body).toEqual(plain.body);
    const withStore = await consult({ externalStoreId: UAT_EXTERNAL_SHOP_ID });
    expect(withStore.body.paymentInfos).toContainEqual({ payMethod: 'NETWORK_PAY', payOption: 'NETWORK_PAY_PG_QRIS' });
  });

  it("answers an empty merchantId 4000001, a missing envInfo 4000002, another merchant's id 4040008", async () => {
    const { consult } = await setup();
    expect(await consult({ merchantId: '' })).toEqual({
      status: 400,
      body: { responseCode: '4000001', responseMessage: 'Invalid Field Format' },
    });
    expect((await consult({ additionalInfo: {} })).body).toEqual({
      responseCode: '4000002',
      responseMessage: 'Invalid Mandatory Field additionalInfo.envInfo',
    });
    expect((await consult({ merchantId: '216600000000000000000' })).body).toEqual({
      responseCode: '4040008',
      responseMessage: 'Invalid Merchant',
    });
  });
});
