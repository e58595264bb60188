import type { Product } from '../core/product.ts';
import { auth } from './auth/index.ts';
import { disbursement } from './disbursement/index.ts';
import { merchant } from './merchant/index.ts';
import { paymentGateway } from './payment-gateway/index.ts';
import { virtualAccount } from './virtual-account/index.ts';

// Every product the simulator serves. Adding a product is one line here; nothing else names it.

export const PRODUCTS: readonly Product[] = [
  merchant,
  disbursement,
  auth,
  virtualAccount,
  paymentGateway,
];
