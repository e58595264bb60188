import type { EndpointContract } from '../../contracts/common/endpoint.ts';
import type { Product } from '../core/product.ts';
import { aggregator } from './aggregator/index.ts';
import { auth } from './auth/index.ts';
import { disbursement } from './disbursement/index.ts';
import { merchant } from './merchant/index.ts';
import { merchantManagement } from './merchant-management/index.ts';
import { paymentGateway } from './payment-gateway/index.ts';
import { virtualAccount } from './virtual-account/index.ts';
import { widget } from './widget/index.ts';

// Every product the simulator serves. Adding a product is one line here; nothing else names it.

export const PRODUCTS: readonly Product[] = [
  merchant,
  merchantManagement,
  disbursement,
  auth,
  virtualAccount,
  paymentGateway,
  widget,
  aggregator,
];

/** Every endpoint the products serve, for tests and tooling that iterate over all of them. */
export const ENDPOINTS: readonly EndpointContract[] = PRODUCTS.flatMap((product) => product.routes ?? []).map((route) => route.contract);
