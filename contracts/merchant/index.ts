export { queryMerchantResource, MERCHANT_RESOURCE_TYPES, type MerchantResourceType } from './query-merchant-resource.ts';
