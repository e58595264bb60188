import { afterEach, describe, expect, it } from 'vitest';
import { startMswSimulator, type MswSimulator } from '../simulator/adapters/msw.ts';
import { danaFromEnv } from './dana-sdk.ts';
import { testKeys } from './helpers.ts';
import { createDivisionBody, createShopBody, updateDivisionBody, updateShopBody } from './merchant-management-bodies.ts';

// The official dana-node SDK (1.5.11 from npm, unmodified) calling Merchant Management's shop and
// division APIs; msw hands its calls to DANA's sandbox host to the simulator. 1.5.11 predates
// queryMerchantInfo and queryAssetCardList (dana-node 2.1.5+), which the HTTP tests cover.

let running: MswSimulator | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start() {
  const { dana: danaKeys, merchant } = testKeys();
  running = await startMswSimulator({ danaKeys, merchant: { privateKeyPem: merchant.privateKeyPem }, seed: 'sdk-mm' });
  const { env } = running;
  const dana = danaFromEnv(env);
  return { dana: dana.merchantManagementApi, merchantId: env.MERCHANT_ID };
}

const SUCCESS = { resultStatus: 'S', resultCodeId: '00000000', resultCode: 'SUCCESS', resultMsg: 'success' };

describe('official dana-node 1.5.11: Merchant Management against the simulator (msw)', () => {
  it('creates, queries and updates a shop', async () => {
    const { dana, merchantId } = await start();
    const created = await dana.createShop(createShopBody(merchantId, { externalShopId: 'sdk-shop' }) as never);
    expect(created.response.head._function).toBe('dana.merchant.shop.createShop');
    expect(created.response.body.resultInfo).toEqual(SUCCESS);
    const shopId = created.response.body.shopId!;
    await dana.updateShop(updateShopBody(merchantId, shopId) as never);
    const queried = await dana.queryShop({ merchantId, shopId: 'sdk-shop', shopIdType: 'EXTERNAL_ID' } as never);
    expect(queried.response.body.resultInfo).toEqual(SUCCESS);
    expect(queried.response.body.shopResourceInfo).toMatchObject({ merchantId, externalShopId: 'sdk-shop', mainName: 'Toko Uji Baru' });
  });

  it('creates, updates and queries a division, and reports an unknown one as PARAM_ILLEGAL', async () => {
    const { dana, merchantId } = await start();
    const created = await dana.createDivision(createDivisionBody(merchantId, { externalDivisionId: 'sdk-div' }) as never);
    const divisionId = created.response.body.divisionId!;
    expect(divisionId).toMatch(/^\d{21}$/);
    const updated = await dana.updateDivision(updateDivisionBody(merchantId, divisionId, 'sdk-div-2') as never);
    expect(updated.response.body.resultInfo).toEqual(SUCCESS);
    const queried = await dana.queryDivision({ divisionId, divisionIdType: 'INNER_ID' } as never);
    expect(queried.response.body.divisionResourceInfo).toMatchObject({
      divisionId,
      externalDivisionId: 'sdk-div-2',
      divisionName: 'Divisi Uji Baru',
    });
    const unknown = await dana.queryDivision({ merchantId, divisionId: 'no-such-division', divisionIdType: 'EXTERNAL_ID' } as never);
    expect(unknown.response.body.resultInfo).toEqual({
      resultStatus: 'F',
      resultCodeId: '00000004',
      resultCode: 'PARAM_ILLEGAL',
      resultMsg: 'param illegal divisionId',
    });
  });
});
