import { describe, expect, it } from 'vitest';
import {
  createDivision,
  createShop,
  queryAssetCardList,
  queryDivision,
  queryMerchantInfo,
  queryShop,
  updateDivision,
  updateShop,
} from '../../../contracts/merchant-management/index.ts';
import { validate } from '../../core/validate.ts';
import { createDivisionBody, createShopBody, updateDivisionBody, updateShopBody } from '../../../test/merchant-management-bodies.ts';
import { merchantManagement } from './index.ts';

const MERCHANT_ID = '216620060017038045162';

describe('the Merchant Management product', () => {
  it('serves eight Open API endpoints at their DANA paths and owns only mm- tables', () => {
    const routes = merchantManagement.routes ?? [];
    expect(routes.map((route) => route.contract.paths[0])).toEqual([
      '/dana/member/merchant/queryMerchantInfo.htm',
      '/dana/member/asset/queryAssetCardList.htm',
      '/dana/merchant/shop/createShop.htm',
      '/dana/merchant/shop/updateShop.htm',
      '/dana/merchant/shop/queryShop.htm',
      '/dana/merchant/division/createDivision.htm',
      '/dana/merchant/division/updateDivision.htm',
      '/dana/merchant/division/queryDivision.htm',
    ]);
    expect(routes.every((route) => route.contract.envelope === 'open-api')).toBe(true);
    expect(merchantManagement.tables?.length).toBe(4);
    expect(merchantManagement.tables?.every((table) => table.startsWith('mm-'))).toBe(true);
  });
});

describe('Merchant Management contracts', () => {
  it('accept the UAT-shaped bodies and the UAT setup calls as they are', () => {
    expect(validate(createShopBody(MERCHANT_ID), createShop.request)).toBeUndefined();
    expect(validate(updateShopBody(MERCHANT_ID, '216660000003429526679'), updateShop.request)).toBeUndefined();
    expect(validate({ merchantId: MERCHANT_ID, shopId: 'shop-1', shopIdType: 'EXTERNAL_ID' }, queryShop.request)).toBeUndefined();
    expect(validate(createDivisionBody(MERCHANT_ID), createDivision.request)).toBeUndefined();
    expect(validate(updateDivisionBody(MERCHANT_ID, '216660000003429526679', 'div-2'), updateDivision.request)).toBeUndefined();
    expect(validate({ divisionId: '216660000003429526679', divisionIdType: 'INNER_ID' }, queryDivision.request)).toBeUndefined();
    expect(validate({ roleId: MERCHANT_ID, loginType: 'ROLE', isQueryAccount: true }, queryMerchantInfo.request)).toBeUndefined();
    expect(
      validate({ memberId: MERCHANT_ID, enableOnly: 'true', assetTypeList: ['VA_ACCOUNT'] }, queryAssetCardList.request),
    ).toBeUndefined();
  });

  it('name the first wrong field: missing, wrong enum, wrong length, apiVersion not above 2, boolean as string', () => {
    const missing = (path: string) => ({ key: 'INVALID_MANDATORY_FIELD', detail: path });
    const format = (path: string) => ({ key: 'INVALID_FIELD_FORMAT', detail: path });
    expect(validate(createShopBody(MERCHANT_ID, { externalShopId: '' }), createShop.request)).toEqual(missing('externalShopId'));
    expect(validate(createShopBody(MERCHANT_ID, { shopAddress: { country: 'Indonesia' } }), createShop.request)).toEqual(
      missing('shopAddress.province'),
    );
    expect(validate(createShopBody(MERCHANT_ID, { sizeType: 'BIG' }), createShop.request)).toEqual(format('sizeType'));
    expect(validate(createShopBody(MERCHANT_ID, { apiVersion: '2' }), createShop.request)).toEqual(format('apiVersion'));
    expect(validate(createShopBody('2166'), createShop.request)).toEqual(format('merchantId'));
    expect(validate(createShopBody(MERCHANT_ID, { taxNo: '12345' }), createShop.request)).toEqual(format('taxNo'));
    expect(validate(createDivisionBody(MERCHANT_ID, { divisionType: 'CITY' }), createDivision.request)).toEqual(format('divisionType'));
    expect(validate(createDivisionBody(MERCHANT_ID, { ownerIdNo: undefined }), createDivision.request)).toEqual(missing('ownerIdNo'));
    expect(validate(updateShopBody(MERCHANT_ID, 's', { ln: '106.845131234' }), updateShop.request)).toEqual(format('ln'));
    expect(validate({ roleId: MERCHANT_ID, loginType: 'ROLE', isQueryAccount: 'true' }, queryMerchantInfo.request)).toEqual(
      format('isQueryAccount'),
    );
    expect(validate({ roleId: MERCHANT_ID, loginType: 'EMAIL' }, queryMerchantInfo.request)).toEqual(format('loginType'));
    expect(validate({ memberId: MERCHANT_ID, enableOnly: true }, queryAssetCardList.request)).toEqual(format('enableOnly'));
    expect(validate({ memberId: MERCHANT_ID, assetTypeList: ['VA'] }, queryAssetCardList.request)).toEqual(format('assetTypeList[0]'));
    expect(validate({ shopId: 'x' }, queryShop.request)).toEqual(missing('shopIdType'));
  });
});
