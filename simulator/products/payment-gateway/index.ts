import { createOrder as createOrderContract, queryPayment as queryPaymentContract } from '../../../contracts/payment-gateway/index.ts';
import { route, type Route } from '../../core/route.ts';
import { createOrder, queryPayment } from './handlers.ts';

export const paymentGatewayRoutes: readonly Route[] = [
  route(createOrderContract, createOrder),
  route(queryPaymentContract, queryPayment),
];
