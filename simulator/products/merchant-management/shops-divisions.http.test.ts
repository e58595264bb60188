import { describe, expect, it } from 'vitest';
import {
  createDivision,
  createShop,
  queryDivision,
  queryShop,
  updateDivision,
  updateShop,
} from '../../../contracts/merchant-management/index.ts';
import { OPEN_API_RESULTS } from '../../../contracts/response-codes.ts';
import { createTestSimulator, secondMerchant } from '../../../test/helpers.ts';
import { createDivisionBody, createShopBody, updateDivisionBody, updateShopBody } from '../../../test/merchant-management-bodies.ts';
import { sendOpenApi } from '../../../test/merchant-management-http.ts';

// Merchant Management over HTTP, signed as the SDKs sign: shops and divisions survive a round trip,
// stay with their merchant, and bad input gets DANA's Open API error shape (HTTP 200, resultInfo F).

const SUCCESS = OPEN_API_RESULTS.SUCCESS;

describe('shops over HTTP', () => {
  it('create, query by both ids, update, query again', async () => {
    const t = await createTestSimulator();
    const created = await sendOpenApi(t, createShop, createShopBody(t.merchantId, { externalShopId: 'http-shop' }));
    expect(created.status).toBe(200);
    expect(created.head).toMatchObject({ version: '2.0', function: 'dana.merchant.shop.createShop', clientId: t.credentials.partnerId });
    expect(created.head.respTime).toHaveLength(25);
    expect(created.body.resultInfo).toEqual(SUCCESS);
    const shopId: string = created.body.shopId;
    expect(shopId).toMatch(/^\d{21}$/);

    const byInner = await sendOpenApi(t, queryShop, { shopId, shopIdType: 'INNER_ID' });
    expect(byInner.body).toMatchObject({
      resultInfo: SUCCESS,
      shopResourceInfo: { merchantId: t.merchantId, externalShopId: 'http-shop', mainName: 'Toko Uji', parentRoleType: 'MERCHANT' },
    });
    const byExternal = await sendOpenApi(t, queryShop, { merchantId: t.merchantId, shopId: 'http-shop', shopIdType: 'EXTERNAL_ID' });
    expect(byExternal.body).toEqual(byInner.body);

    const updated = await sendOpenApi(t, updateShop, updateShopBody(t.merchantId, shopId, { newExternalShopId: 'http-shop-2' }));
    expect(updated.body).toEqual({ resultInfo: SUCCESS });
    const after = await sendOpenApi(t, queryShop, { merchantId: t.merchantId, shopId: 'http-shop-2', shopIdType: 'EXTERNAL_ID' });
    expect(after.body.shopResourceInfo).toMatchObject({
      mainName: 'Toko Uji Baru',
      externalShopId: 'http-shop-2',
      shopAddress: { city: 'Kota Jakarta Pusat' },
    });

    const again = await sendOpenApi(t, createShop, createShopBody(t.merchantId, { externalShopId: 'http-shop-2' }));
    expect(again.body).toEqual({ resultInfo: SUCCESS, shopId });
  });

  it("keeps each merchant's shops to itself", async () => {
    const t = await createTestSimulator();
    const other = await secondMerchant(t);
    const created = await sendOpenApi(t, createShop, createShopBody(t.merchantId, { externalShopId: 'mine' }));
    const asOther = await sendOpenApi(
      t,
      queryShop,
      { shopId: created.body.shopId, shopIdType: 'INNER_ID' },
      { credentials: other.credentials },
    );
    expect(asOther.body.resultInfo).toMatchObject({ resultStatus: 'F', resultCode: 'PARAM_ILLEGAL', resultMsg: 'param illegal shopId' });
    const foreignId = await sendOpenApi(
      t,
      queryShop,
      { merchantId: t.merchantId, shopId: 'mine', shopIdType: 'EXTERNAL_ID' },
      { credentials: other.credentials },
    );
    expect(foreignId.body).toEqual({ resultInfo: OPEN_API_RESULTS.MERCHANT_NOT_EXIST });
    // The same external id is free for another merchant.
    const theirs = await sendOpenApi(t, createShop, createShopBody(other.merchant.merchantId, { externalShopId: 'mine' }), {
      credentials: other.credentials,
    });
    expect(theirs.body.resultInfo).toEqual(SUCCESS);
    expect(theirs.body.shopId).not.toBe(created.body.shopId);
  });
});

describe('divisions over HTTP', () => {
  it('create, query, update, and a shop placed under the division', async () => {
    const t = await createTestSimulator();
    const created = await sendOpenApi(t, createDivision, createDivisionBody(t.merchantId, { externalDivisionId: 'http-div' }));
    expect(created.body.resultInfo).toEqual(SUCCESS);
    const divisionId: string = created.body.divisionId;
    const queried = await sendOpenApi(t, queryDivision, { divisionId, divisionIdType: 'INNER_ID' });
    expect(queried.body).toMatchObject({
      resultInfo: SUCCESS,
      divisionResourceInfo: {
        divisionId,
        merchantId: t.merchantId,
        externalDivisionId: 'http-div',
        divisionType: 'REGION',
        divisionName: 'Divisi Uji',
      },
    });

    const updated = await sendOpenApi(t, updateDivision, updateDivisionBody(t.merchantId, divisionId, 'http-div-2'));
    expect(updated.body).toEqual({ resultInfo: SUCCESS });
    const after = await sendOpenApi(t, queryDivision, {
      merchantId: t.merchantId,
      divisionId: 'http-div-2',
      divisionIdType: 'EXTERNAL_ID',
    });
    expect(after.body.divisionResourceInfo).toMatchObject({ divisionId, divisionName: 'Divisi Uji Baru', divisionType: 'AREA' });

    const shop = await sendOpenApi(
      t,
      createShop,
      createShopBody(t.merchantId, { shopParentType: 'EXTERNAL_DIVISION', parentDivisionId: 'http-div-2' }),
    );
    expect(shop.body.resultInfo).toEqual(SUCCESS);
    const shopInfo = await sendOpenApi(t, queryShop, { shopId: shop.body.shopId, shopIdType: 'INNER_ID' });
    expect(shopInfo.body.shopResourceInfo).toMatchObject({ parentRoleType: 'EXTERNAL_DIVISION', parentDivisionId: 'http-div-2' });
  });
});

describe('reset', () => {
  it('forgets every shop and division, so their external ids are free again', async () => {
    const t = await createTestSimulator();
    const shop = await sendOpenApi(t, createShop, createShopBody(t.merchantId, { externalShopId: 'before-reset' }));
    const division = await sendOpenApi(t, createDivision, createDivisionBody(t.merchantId, { externalDivisionId: 'before-reset' }));
    await t.sim.reset();
    expect((await sendOpenApi(t, queryShop, { shopId: shop.body.shopId, shopIdType: 'INNER_ID' })).body.resultInfo.resultMsg).toBe(
      'param illegal shopId',
    );
    expect(
      (await sendOpenApi(t, queryDivision, { divisionId: division.body.divisionId, divisionIdType: 'INNER_ID' })).body.resultInfo.resultMsg,
    ).toBe('param illegal divisionId');
    const again = await sendOpenApi(t, createShop, createShopBody(t.merchantId, { externalShopId: 'before-reset' }));
    expect(again.body.resultInfo).toEqual(SUCCESS);
    expect(again.body.shopId).not.toBe(shop.body.shopId);
  });
});

describe("bad input gets DANA's Open API error shape", () => {
  it('missing and malformed fields, conditional ids and unknown records: HTTP 200, resultStatus F, the field named', async () => {
    const t = await createTestSimulator();
    const cases: [Parameters<typeof sendOpenApi>[1], unknown, string][] = [
      [createShop, createShopBody(t.merchantId, { externalShopId: undefined }), 'param illegal externalShopId'],
      [createShop, createShopBody(t.merchantId, { shopParentType: 'STORE' }), 'param illegal shopParentType'],
      [createShop, createShopBody(t.merchantId, { shopParentType: 'DIVISION' }), 'param illegal parentDivisionId'],
      [queryShop, { shopId: 'x', shopIdType: 'EXTERNAL_ID' }, 'param illegal merchantId'],
      [queryShop, { shopId: '216600000000000000000', shopIdType: 'INNER_ID' }, 'param illegal shopId'],
      [updateDivision, updateDivisionBody(t.merchantId, '216600000000000000000', 'x'), 'param illegal divisionId'],
      [queryDivision, { divisionId: 'x'.repeat(65), divisionIdType: 'EXTERNAL_ID', merchantId: t.merchantId }, 'param illegal divisionId'],
    ];
    for (const [contract, body, resultMsg] of cases) {
      const reply = await sendOpenApi(t, contract, body);
      expect(reply.status, resultMsg).toBe(200);
      expect(reply.head.function).toBe(contract.function);
      expect(reply.body, resultMsg).toEqual({
        resultInfo: { resultStatus: 'F', resultCodeId: '00000004', resultCode: 'PARAM_ILLEGAL', resultMsg },
      });
    }
  });

  it("another merchant's id, a wrong head.function and a broken signature", async () => {
    const t = await createTestSimulator();
    expect((await sendOpenApi(t, createShop, createShopBody('216600000000000000000'))).body).toEqual({
      resultInfo: OPEN_API_RESULTS.MERCHANT_NOT_EXIST,
    });
    expect((await sendOpenApi(t, queryShop, { shopId: 'x', shopIdType: 'INNER_ID' }, { function: createShop.function })).body).toEqual({
      resultInfo: OPEN_API_RESULTS.FUNCTION_MISMATCH,
    });
    const broken = await sendOpenApi(t, createShop, createShopBody(t.merchantId), {
      tweak: (request) => ({ ...request, body: request.body.replace('Toko Uji', 'Toko Lain') }),
    });
    expect(broken.body).toEqual({ resultInfo: OPEN_API_RESULTS.INVALID_SIGNATURE });
    // Only the seeded default shop.
    expect(t.sim.runtime.db.size('mm-shops')).toBe(1);
  });
});
