import { AMOUNT, UsageError, type Command } from '../../core/product.ts';

// CLI commands for the merchant's balances: show them, and top up the deposit without DANA staff.

const showBalance = (b: { merchantId: string; deposit: string; available: string; total: string; depositVaNumber: string }) =>
  `merchant ${b.merchantId}\n  deposit    ${b.deposit} IDR   (top up by BNI VA ${b.depositVaNumber}, or dana-sim balance topup)\n  available  ${b.available} IDR\n  total      ${b.total} IDR`;

export const MERCHANT_COMMANDS: readonly Command[] = [
  {
    name: 'balance',
    summary: "show a merchant's deposit, available and total balance",
    usage: 'dana-sim balance [--merchant ID] [--data DIR | --url URL] [--json]',
    options: { merchant: { type: 'string' } },
    help: { '--merchant ID': 'merchant or partner id (default: the provisioned merchant)' },
    run: (flags, cli) =>
      cli.control(
        flags,
        'GET',
        `/balance${flags.merchant ? `?merchant=${encodeURIComponent(String(flags.merchant))}` : ''}`,
        undefined,
        showBalance,
      ),
  },
  {
    name: 'balance topup',
    summary: "credit a merchant's disbursement deposit (instead of asking DANA staff)",
    usage: 'dana-sim balance topup --amount 1000000.00 [--merchant ID] [--data DIR | --url URL]',
    options: { amount: { type: 'string' }, merchant: { type: 'string' } },
    help: {
      '--amount A': 'amount in IDR with two decimals, e.g. 1000000.00',
      '--merchant ID': 'merchant or partner id (default: the provisioned merchant)',
    },
    run(flags, cli) {
      if (typeof flags.amount !== 'string' || !AMOUNT.test(flags.amount))
        throw new UsageError(`--amount must look like 1000000.00${flags.amount ? `, got "${flags.amount}"` : ''}`);
      return cli.control(flags, 'POST', '/balance/topup', { amount: flags.amount, merchant: flags.merchant }, showBalance);
    },
  },
];
