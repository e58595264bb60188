import { describe, expect, it } from 'vitest';
import * as contracts from '../../../contracts/merchant-management/index.ts';
import { createTestSimulator, handle, handlerContext } from '../../../test/helpers.ts';
import { createDivisionBody, createShopBody, updateShopBody } from '../../../test/merchant-management-bodies.ts';
import { createDivision } from './divisions.ts';
import { createShop, queryShop, updateShop } from './shops.ts';
import { SHOP_EXTERNAL_IDS, SHOPS } from './state.ts';

async function setup() {
  const t = await createTestSimulator({ background: false });
  const context = handlerContext(t, { now: 5_000 });
  const create = (overrides: Record<string, unknown> = {}) => {
    const result = handle(contracts.createShop, createShop, createShopBody(t.merchantId, overrides), context);
    if (!result.ok) throw new Error(`createShop failed: ${result.failure.key} ${result.failure.detail ?? ''}`);
    return result.value.fields.shopId as string;
  };
  return { t, context, create };
}

const paramIllegal = (detail: string) => ({ ok: false, failure: { key: 'PARAM_ILLEGAL', detail } });

describe('Create Shop', () => {
  it('stores the shop under the merchant and returns a 21-digit shopId', async () => {
    const { t, context, create } = await setup();
    const shopId = create({ externalShopId: 'ext-1' });
    expect(shopId).toMatch(/^2166\d{17}$/);
    expect(t.sim.runtime.db.get(SHOPS, `${t.merchantId}:${shopId}`)).toMatchObject({
      shopId,
      merchantId: t.merchantId,
      externalShopId: 'ext-1',
      parentRoleType: 'MERCHANT',
      nmid: `ID${shopId.slice(-13)}`,
      createdAt: 5_000,
      updatedAt: 5_000,
    });
    expect(t.sim.runtime.db.get(SHOP_EXTERNAL_IDS, `${t.merchantId}:ext-1`)).toBe(shopId);
    expect(handle(contracts.queryShop, queryShop, { shopId, shopIdType: 'INNER_ID' }, context).ok).toBe(true);
  });

  it('gives each new shop its own id and answers a repeated externalShopId with the first shop, unchanged', async () => {
    const { t, create } = await setup();
    const first = create({ externalShopId: 'same', mainName: 'First' });
    expect(create({ externalShopId: 'other' })).not.toBe(first);
    expect(create({ externalShopId: 'same', mainName: 'Second' })).toBe(first);
    expect(t.sim.runtime.db.get(SHOPS, `${t.merchantId}:${first}`)).toMatchObject({ attributes: { mainName: 'First' } });
    // Beside the seeded default shop (UAT_EXTERNAL_SHOP_ID).
    expect(t.sim.runtime.db.size(SHOPS)).toBe(3);
  });

  it('needs an existing division of the merchant as parent for DIVISION and EXTERNAL_DIVISION shops', async () => {
    const { t, context, create } = await setup();
    const division = handle(
      contracts.createDivision,
      createDivision,
      createDivisionBody(t.merchantId, { externalDivisionId: 'div-ext' }) as never,
      context,
    );
    const divisionId = division.ok ? (division.value.fields.divisionId as string) : '';
    expect(create({ shopParentType: 'DIVISION', parentDivisionId: divisionId, externalShopId: 's1' })).toMatch(/^2166/);
    expect(create({ shopParentType: 'EXTERNAL_DIVISION', parentDivisionId: 'div-ext', externalShopId: 's2' })).toMatch(/^2166/);
    const attempt = (overrides: Record<string, unknown>) =>
      handle(contracts.createShop, createShop, createShopBody(t.merchantId, { externalShopId: 's3', ...overrides }), context);
    expect(attempt({ shopParentType: 'DIVISION', parentDivisionId: undefined })).toEqual(paramIllegal('parentDivisionId'));
    expect(attempt({ shopParentType: 'DIVISION', parentDivisionId: 'div-ext' })).toEqual(paramIllegal('parentDivisionId'));
    expect(attempt({ shopParentType: 'DIVISION', parentDivisionId: '2'.repeat(22) })).toEqual(paramIllegal('parentDivisionId'));
    expect(attempt({ shopParentType: 'EXTERNAL_DIVISION', parentDivisionId: 'no-such-division' })).toEqual(
      paramIllegal('parentDivisionId'),
    );
    // Under the merchant itself the parent id is ignored, as the UAT fixture sends the merchant id there.
    expect(attempt({ shopParentType: 'MERCHANT', parentDivisionId: 'anything' }).ok).toBe(true);
    expect(t.sim.runtime.db.size(SHOPS)).toBe(4);
  });

  it("refuses another merchant's id with MERCHANT_NOT_EXIST and stores nothing", async () => {
    const { t, context } = await setup();
    expect(handle(contracts.createShop, createShop, createShopBody('216600000000000000000'), context)).toEqual({
      ok: false,
      failure: { key: 'MERCHANT_NOT_EXIST' },
    });
    expect(t.sim.runtime.db.size(SHOPS)).toBe(1);
  });
});

describe('Query Shop', () => {
  it('finds a shop by its DANA id or, with the merchant id, by the external id, as ShopResourceInfo', async () => {
    const { t, context, create } = await setup();
    const shopId = create({ externalShopId: 'ext-q' });
    const expected = {
      ok: true,
      value: {
        key: 'SUCCESS',
        fields: {
          shopResourceInfo: {
            merchantId: t.merchantId,
            parentRoleType: 'MERCHANT',
            mainName: 'Toko Uji',
            sizeType: 'UMI',
            shopAddress: createShopBody(t.merchantId).shopAddress,
            externalShopId: 'ext-q',
            logoUrlMap: { PC_LOGO: 'base64ImageCode' },
            extInfo: createShopBody(t.merchantId).extInfo,
            ln: '106.84513',
            lat: '-6.21462',
            nmid: `ID${shopId.slice(-13)}`,
          },
        },
      },
    };
    expect(handle(contracts.queryShop, queryShop, { shopId, shopIdType: 'INNER_ID' }, context)).toEqual(expected);
    expect(handle(contracts.queryShop, queryShop, { merchantId: t.merchantId, shopId, shopIdType: 'INNER_ID' }, context)).toEqual(expected);
    expect(
      handle(contracts.queryShop, queryShop, { merchantId: t.merchantId, shopId: 'ext-q', shopIdType: 'EXTERNAL_ID' }, context),
    ).toEqual(expected);
  });

  it('answers PARAM_ILLEGAL for unknown ids, ids of the wrong type or length, and EXTERNAL_ID without merchantId', async () => {
    const { t, context, create } = await setup();
    const shopId = create({ externalShopId: 'ext-u' });
    expect(handle(contracts.queryShop, queryShop, { shopId: '216600000000000000000', shopIdType: 'INNER_ID' }, context)).toEqual(
      paramIllegal('shopId'),
    );
    expect(handle(contracts.queryShop, queryShop, { shopId: 'ext-u', shopIdType: 'INNER_ID' }, context)).toEqual(paramIllegal('shopId'));
    expect(handle(contracts.queryShop, queryShop, { merchantId: t.merchantId, shopId, shopIdType: 'EXTERNAL_ID' }, context)).toEqual(
      paramIllegal('shopId'),
    );
    expect(handle(contracts.queryShop, queryShop, { shopId: '2'.repeat(22), shopIdType: 'INNER_ID' }, context)).toEqual(
      paramIllegal('shopId'),
    );
    expect(handle(contracts.queryShop, queryShop, { shopId: 'ext-u', shopIdType: 'EXTERNAL_ID' }, context)).toEqual(
      paramIllegal('merchantId'),
    );
    expect(
      handle(contracts.queryShop, queryShop, { merchantId: '216600000000000000000', shopId, shopIdType: 'INNER_ID' }, context),
    ).toEqual({
      ok: false,
      failure: { key: 'MERCHANT_NOT_EXIST' },
    });
  });
});

describe('Update Shop', () => {
  it('replaces the fields sent, keeps the others, and renames the external id', async () => {
    const { t, context, create } = await setup();
    const shopId = create({ externalShopId: 'old-ext' });
    const update = updateShopBody(t.merchantId, shopId, { newExternalShopId: 'new-ext', sizeType: 'UKE' });
    expect(handle(contracts.updateShop, updateShop, update, handlerContext(t, { now: 9_000 }))).toEqual({
      ok: true,
      value: { key: 'SUCCESS', fields: {} },
    });
    const found = handle(
      contracts.queryShop,
      queryShop,
      { merchantId: t.merchantId, shopId: 'new-ext', shopIdType: 'EXTERNAL_ID' },
      context,
    );
    expect(found).toMatchObject({
      ok: true,
      value: {
        fields: {
          shopResourceInfo: {
            mainName: 'Toko Uji Baru',
            sizeType: 'UKE',
            externalShopId: 'new-ext',
            ln: '106.84513',
            shopAddress: { city: 'Kota Jakarta Pusat' },
          },
        },
      },
    });
    expect(
      handle(contracts.queryShop, queryShop, { merchantId: t.merchantId, shopId: 'old-ext', shopIdType: 'EXTERNAL_ID' }, context),
    ).toEqual(paramIllegal('shopId'));
    expect(t.sim.runtime.db.get(SHOPS, `${t.merchantId}:${shopId}`)).toMatchObject({ createdAt: 5_000, updatedAt: 9_000 });
  });

  it('finds the shop by external id too, and refuses an external id another shop holds', async () => {
    const { t, context, create } = await setup();
    create({ externalShopId: 'taken' });
    const shopId = create({ externalShopId: 'mine' });
    const byExternal = updateShopBody(t.merchantId, 'mine', { shopIdType: 'EXTERNAL_ID', newExternalShopId: 'taken' });
    expect(handle(contracts.updateShop, updateShop, byExternal, context)).toEqual(paramIllegal('newExternalShopId'));
    expect(handle(contracts.updateShop, updateShop, { ...byExternal, newExternalShopId: 'mine', mainName: 'Kept id' }, context).ok).toBe(
      true,
    );
    expect(handle(contracts.queryShop, queryShop, { shopId, shopIdType: 'INNER_ID' }, context)).toMatchObject({
      value: { fields: { shopResourceInfo: { mainName: 'Kept id', externalShopId: 'mine' } } },
    });
  });

  it('answers PARAM_ILLEGAL shopId for an unknown shop and MERCHANT_NOT_EXIST for another merchant', async () => {
    const { t, context, create } = await setup();
    const shopId = create();
    expect(handle(contracts.updateShop, updateShop, updateShopBody(t.merchantId, '216600000000000000000'), context)).toEqual(
      paramIllegal('shopId'),
    );
    expect(handle(contracts.updateShop, updateShop, updateShopBody('216600000000000000000', shopId), context)).toEqual({
      ok: false,
      failure: { key: 'MERCHANT_NOT_EXIST' },
    });
  });
});
