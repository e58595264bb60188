export { queryMerchantResource, type MerchantResourceType } from './query-merchant-resource.ts';
