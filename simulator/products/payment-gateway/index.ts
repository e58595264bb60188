import {
  cancelOrder as cancelOrderContract,
  consultPay as consultPayContract,
  createOrder as createOrderContract,
  queryPayment as queryPaymentContract,
  refundOrder as refundOrderContract,
} from '../../../contracts/payment-gateway/index.ts';
import type { Product } from '../../core/product.ts';
import { route } from '../../core/route.ts';
import { ORDER_PAYEE } from '../virtual-account/sessions.ts';
import { CASHIER_ROUTES } from './cashier/routes.ts';
import { PAYMENT_GATEWAY_COMMANDS } from './commands.ts';
import { PAYMENT_GATEWAY_CONTROL } from './control.ts';
import { ORDER_TRIGGER } from './triggers.ts';
import { PAYMENT_GATEWAY_TRANSACTIONS } from './transactions.ts';
import { cancelOrder } from './cancel.ts';
import { consultPay } from './consult-pay.ts';
import { createOrder, queryPayment } from './handlers.ts';
import { refundOrder } from './refunds.ts';
import { ORDER_TIMERS, closeExpiredOrders, payOrder } from './orders.ts';

// DANA Payment Gateway: create an order, query its payment, cancel or refund it, consult pay, Finish
// Notify; the order is paid on the
// simulated cashier page, through its VA, or by hand (`dana-sim order pay`).

export const paymentGateway: Product = {
  name: 'payment-gateway',
  routes: [
    route(createOrderContract, createOrder),
    route(queryPaymentContract, queryPayment),
    route(cancelOrderContract, cancelOrder),
    route(refundOrderContract, refundOrder),
    route(consultPayContract, consultPay),
  ],
  tables: [ORDER_TIMERS],
  due: (runtime, now) => void closeExpiredOrders(runtime.db, now),
  payees: { [ORDER_PAYEE]: (tx, key, now, payment) => payOrder(tx, key, now, payment) !== undefined },
  control: PAYMENT_GATEWAY_CONTROL,
  triggers: { order: ORDER_TRIGGER },
  commands: PAYMENT_GATEWAY_COMMANDS,
  transactions: PAYMENT_GATEWAY_TRANSACTIONS,
  pages: { hosts: ['https://m.sandbox.dana.id'], routes: CASHIER_ROUTES },
};
