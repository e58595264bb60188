import { UsageError, type Command } from '../simulator/core/product.ts';
import { sameProduct } from './types.ts';
import { uatStatusText, type UatStatus } from './uat-status-text.ts';

// `dana-sim uat`: DANA's mandated UAT cases against a simulator, a running dana-sim or DANA's sandbox.

const FORMATS = ['junit', 'json', 'html'];

export const UAT_COMMANDS: readonly Command[] = [
  {
    name: 'uat status',
    summary: "which mandated UAT cases your own application's traffic has covered (portal-style), and how to trigger the rest",
    usage: 'dana-sim uat status [--merchant ID] [--reset] [--json]',
    options: { reset: { type: 'boolean', default: false }, merchant: { type: 'string' } },
    help: {
      '--merchant ID': 'the merchant (merchantId or partnerId) to show or reset; default the first merchant',
      '--reset': 'forget the progress and start counting again',
    },
    run: (flags, cli) => {
      const merchant = flags.merchant === undefined ? undefined : String(flags.merchant);
      return flags.reset
        ? cli.control(flags, 'POST', '/uat/reset', merchant ? { merchant } : {}, () => 'UAT progress cleared', true)
        : cli.control(
            flags,
            'GET',
            `/uat/status${merchant ? `?merchant=${encodeURIComponent(merchant)}` : ''}`,
            undefined,
            (status: UatStatus) => uatStatusText(status),
            true,
          );
    },
  },
  {
    name: 'uat',
    summary: "run DANA's mandated UAT cases (and the additional ones) with portal-style progress and reports",
    usage:
      'dana-sim uat [--product disbursement|payment_gateway|merchant|va|...|all] [--only ID,ID] [--target sim|<base-url>|sandbox] [--client raw|dana-node|./adapter.ts] [--report junit,json,html] [--out dir] [--retries N]',
    options: {
      product: { type: 'string', default: 'all' },
      only: { type: 'string' },
      target: { type: 'string', default: 'sim' },
      client: { type: 'string', default: 'raw' },
      report: { type: 'string' },
      out: { type: 'string', default: 'uat-report' },
      retries: { type: 'string', default: '0' },
      data: { type: 'string', default: '.dana-sim' },
    },
    help: {
      '--product P': "a case file's product (disbursement, payment_gateway, merchant, va, ...) or all (default all)",
      '--only IDS': 'comma-separated case ids, e.g. TopUpCustomerValid,ExpiredNotify',
      '--target T': 'sim (in-process, default), a running dana-sim URL, or sandbox (DANA, credentials from the environment)',
      '--client C': "raw (dana-sim's signer), dana-node (the official SDK), or a path to your adapter module",
      '--report F': 'junit, json, html (comma-separated)',
      '--out DIR': 'where reports go (default uat-report)',
      '--retries N': 'run a failed case again up to N times (default 0)',
      '--data DIR': "a running dana-sim's data directory, for its credentials (default .dana-sim)",
    },
    async run(flags) {
      const { loadCases, productNames } = await import('./load.ts');
      const products = productNames(loadCases());
      if (!products.some((name) => sameProduct(name, String(flags.product))))
        throw new UsageError(`--product must be one of ${products.join(', ')}`);
      const reports = flags.report
        ? String(flags.report)
            .split(',')
            .map((f) => f.trim())
        : [];
      const bad = reports.find((format) => !FORMATS.includes(format));
      if (bad) throw new UsageError(`--report takes ${FORMATS.join(', ')}; got "${bad}"`);
      if (!/^\d+$/.test(String(flags.retries))) throw new UsageError('--retries must be a whole number');
      const { runUat } = await import('./uat.ts');
      const { exitCode } = await runUat({
        product: flags.product as 'all',
        only: flags.only
          ? String(flags.only)
              .split(',')
              .map((id) => id.trim())
              .filter(Boolean)
          : undefined,
        target: String(flags.target),
        client: String(flags.client),
        reports: reports as ('junit' | 'json' | 'html')[],
        outDir: String(flags.out),
        retries: Number(flags.retries),
        dataDir: String(flags.data),
      });
      return exitCode;
    },
  },
];
