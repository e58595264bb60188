import { wibTime } from '../../clock/clock.ts';
import type { Command } from '../../core/product.ts';

// CLI commands for Payment Gateway orders: list them, and pay one as a user or the bank would.

export const PAYMENT_GATEWAY_COMMANDS: readonly Command[] = [
  {
    name: 'order list',
    summary: 'Payment Gateway orders and their state (01 INIT, 02 PAYING, 00 paid, 05 closed or cancelled), with what was refunded',
    usage: 'dana-sim order list [--json]',
    options: {},
    help: {},
    run: (flags, cli) =>
      cli.control(flags, 'GET', '/orders', undefined, (list: Array<Record<string, string | undefined>>) =>
        list.length
          ? list
              .map(
                (o) =>
                  `${o.partnerReferenceNo}  ${o.status}  ${o.amount} IDR${o.refunded !== '0.00' ? ` (refunded ${o.refunded})` : ''}  ${o.payMethod}${o.paymentCode ? ` VA ${o.paymentCode}` : ''}  until ${wibTime(Date.parse(o.validUntil!))}`,
              )
              .join('\n')
          : 'no orders yet',
      ),
  },
  {
    name: 'order pay',
    summary: "pay an order now: its VA as the bank would, or from a DANA user's balance (Finish Notify follows)",
    usage: 'dana-sim order pay <partnerReferenceNo> [--customer 62811742234] [--merchant ID]',
    argument: 'partnerReferenceNo',
    options: { customer: { type: 'string' }, merchant: { type: 'string' } },
    help: {
      '--customer N': 'the DANA user paying a non-VA order (default 62811742234)',
      '--merchant ID': 'merchant or partner id (default: the provisioned merchant)',
    },
    run: (flags, cli) =>
      cli.control(
        flags,
        'POST',
        '/orders/pay',
        { partnerReferenceNo: flags._, customer: flags.customer, merchant: flags.merchant },
        (o) => `order ${o.partnerReferenceNo} paid (status ${o.status}); Finish Notify to ${o.notificationUrl ?? '(no NOTIFICATION url)'}`,
      ),
  },
];
