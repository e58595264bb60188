import { createOrder as createOrderContract, queryPayment as queryPaymentContract } from '../../../contracts/payment-gateway/index.ts';
import type { Route } from '../../core/route.ts';
import { createOrder, queryPayment } from './handlers.ts';

export const paymentGatewayRoutes: readonly Route[] = [
  { contract: createOrderContract, handler: createOrder },
  { contract: queryPaymentContract, handler: queryPayment },
];
