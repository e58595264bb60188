import type { InputOf } from '../../../contracts/common/endpoint.ts';
import type {
  IdType,
  createShop as createShopContract,
  updateShop as updateShopContract,
  queryShop as queryShopContract,
} from '../../../contracts/merchant-management/index.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { merchantIdOf, type Handled, type HandlerContext } from '../../core/route.ts';
import type { Transaction } from '../../ledger/database.ts';
import { attributesOf, foreignMerchant, idProblem, merchantIdNeeded, parentProblem, present } from './checks.ts';
import { getRecord, innerIdOf, newInnerId, putRecord, SHOP_KIND, type ShopRecord } from './state.ts';

// Create, update and query a merchant's shops (payment-gateway.md 12.2 and 12.4). Choices DANA leaves
// open are stated in the contracts (contracts/merchant-management/).

const IDENTIFYING = ['merchantId', 'shopId', 'shopIdType', 'shopParentType', 'parentDivisionId', 'externalShopId', 'newExternalShopId'];

export function createShop(input: InputOf<typeof createShopContract>, context: HandlerContext): Result<Handled> {
  const foreign = foreignMerchant(context, input.merchantId);
  if (foreign) return foreign;
  const merchantId = merchantIdOf(context);
  const { tx } = context;
  const parent = parentProblem(tx, merchantId, input.shopParentType, input.parentDivisionId);
  if (parent) return parent;
  // DANA keeps one shop per externalShopId and answers a repeat with that shop's id.
  const existing = innerIdOf(tx, SHOP_KIND, merchantId, input.externalShopId, 'EXTERNAL_ID');
  if (existing) return ok({ reply: { key: 'SUCCESS', fields: { shopId: existing } } });
  const shopId = newInnerId(tx, SHOP_KIND, context.services.ids, merchantId);
  const record: ShopRecord = {
    shopId,
    merchantId,
    externalShopId: input.externalShopId,
    parentRoleType: input.shopParentType,
    ...(input.shopParentType === 'MERCHANT' ? {} : { parentDivisionId: input.parentDivisionId }),
    // A QRIS NMID is ID + 13 digits; the shop id's last 13 keep it unique per shop.
    nmid: `ID${shopId.slice(-13)}`,
    attributes: attributesOf(input, IDENTIFYING),
    createdAt: context.now,
    updatedAt: context.now,
  };
  putRecord(tx, SHOP_KIND, { merchantId, innerId: shopId, externalId: input.externalShopId, value: record });
  return ok({ reply: { key: 'SUCCESS', fields: { shopId } } });
}

export function updateShop(input: InputOf<typeof updateShopContract>, context: HandlerContext): Result<Handled> {
  const problem = foreignMerchant(context, input.merchantId) ?? idProblem(input.shopId, input.shopIdType, 'shopId');
  if (problem) return problem;
  const merchantId = merchantIdOf(context);
  const { tx } = context;
  const shop = findShop(tx, merchantId, input.shopId, input.shopIdType);
  if (!shop) return fail('PARAM_ILLEGAL', { detail: 'shopId' });
  const externalShopId = input.newExternalShopId ?? shop.externalShopId;
  const holder = innerIdOf(tx, SHOP_KIND, merchantId, externalShopId, 'EXTERNAL_ID');
  if (holder !== undefined && holder !== shop.shopId) return fail('PARAM_ILLEGAL', { detail: 'newExternalShopId' });
  const updated: ShopRecord = {
    ...shop,
    externalShopId,
    attributes: { ...shop.attributes, ...attributesOf(input, IDENTIFYING) },
    updatedAt: context.now,
  };
  putRecord(tx, SHOP_KIND, {
    merchantId,
    innerId: shop.shopId,
    externalId: externalShopId,
    previousExternalId: shop.externalShopId,
    value: updated,
  });
  return ok({ reply: { key: 'SUCCESS', fields: {} } });
}

export function queryShop(input: InputOf<typeof queryShopContract>, context: HandlerContext): Result<Handled> {
  const problem =
    foreignMerchant(context, input.merchantId) ??
    merchantIdNeeded(input.merchantId, input.shopIdType) ??
    idProblem(input.shopId, input.shopIdType, 'shopId');
  if (problem) return problem;
  const merchantId = merchantIdOf(context);
  const { tx } = context;
  const shop = findShop(tx, merchantId, input.shopId, input.shopIdType);
  if (!shop) return fail('PARAM_ILLEGAL', { detail: 'shopId' });
  return ok({ reply: { key: 'SUCCESS', fields: { shopResourceInfo: shopResourceInfo(shop) } } });
}

function findShop(tx: Transaction, merchantId: string, id: string, idType: IdType): ShopRecord | undefined {
  const shopId = innerIdOf(tx, SHOP_KIND, merchantId, id, idType);
  return shopId === undefined ? undefined : getRecord<ShopRecord>(tx, SHOP_KIND, merchantId, shopId);
}

/** DANA's ShopResourceInfo (SDK model): what a query tells about a shop. */
function shopResourceInfo(shop: ShopRecord): Record<string, unknown> {
  const { attributes } = shop;
  return present({
    merchantId: shop.merchantId,
    parentDivisionId: shop.parentDivisionId,
    parentRoleType: shop.parentRoleType,
    mainName: attributes.mainName,
    sizeType: attributes.sizeType,
    shopAddress: attributes.shopAddress,
    externalShopId: shop.externalShopId,
    logoUrlMap: attributes.logoUrlMap,
    extInfo: attributes.extInfo,
    ln: attributes.ln,
    lat: attributes.lat,
    nmid: shop.nmid,
  });
}
