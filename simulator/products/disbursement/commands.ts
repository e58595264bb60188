import { UsageError, type Command } from '../../core/product.ts';

// CLI commands for disbursement to banks: where notifications go, payee bank accounts and finishing transfers by hand.

export const DISBURSEMENT_COMMANDS: readonly Command[] = [
  {
    name: 'merchant set-notify-url',
    summary: "set where DANA's Transfer to Bank Notify is sent",
    usage: 'dana-sim merchant set-notify-url <url> [--merchant ID]   e.g. http://localhost:3000',
    argument: 'url',
    options: { merchant: { type: 'string' } },
    help: {
      '<url>': "your receiver; a URL without a path gets DANA's /v1.0/debit/emoney/transfer-bank/notify.htm",
      '--merchant ID': 'merchant or partner id (default: the provisioned merchant)',
    },
    run: (flags, cli) =>
      cli.control(
        flags,
        'POST',
        '/merchants/notify-url',
        { url: flags._, merchant: flags.merchant },
        (m) => `merchant ${m.merchantId} notifications go to ${m.notifyUrl}`,
      ),
  },
  {
    name: 'bank-account add',
    summary: 'add a bank account payouts can go to (or one that fails: --status INACTIVE|INVALID|FRAUD)',
    usage: 'dana-sim bank-account add --bank-code 014 --account-number 1234567890 [--holder-name NAME] [--status ACTIVE]',
    options: {
      'bank-code': { type: 'string' },
      'account-number': { type: 'string' },
      'holder-name': { type: 'string' },
      status: { type: 'string' },
    },
    help: {
      '--bank-code C': '3-digit bank code, e.g. 014 (BCA)',
      '--account-number N': '5-20 digits',
      '--holder-name NAME': 'default: a generated name',
      '--status S': 'ACTIVE (default), INACTIVE, INVALID or FRAUD',
    },
    run(flags, cli) {
      if (typeof flags['bank-code'] !== 'string') throw new UsageError('--bank-code is required');
      if (typeof flags['account-number'] !== 'string') throw new UsageError('--account-number is required');
      const body = {
        bankCode: flags['bank-code'],
        accountNumber: flags['account-number'],
        holderName: flags['holder-name'],
        status: flags.status,
      };
      return cli.control(flags, 'POST', '/bank-accounts', body, (a) => `${a.bankCode} ${a.accountNumber}  ${a.holderName}  ${a.status}`);
    },
  },
  {
    name: 'bank-account list',
    summary: 'list known bank accounts and the sandbox magic accounts',
    usage: 'dana-sim bank-account list [--json]',
    options: {},
    help: {},
    run: (flags, cli) =>
      cli.control(
        flags,
        'GET',
        '/bank-accounts',
        undefined,
        (view: { accounts: Array<Record<string, string>>; sandboxRules: Array<Record<string, string>> }) =>
          [
            ...view.accounts.map((a) => `${a.bankCode} ${a.accountNumber.padEnd(20)} ${a.status.padEnd(8)} ${a.holderName}`),
            ...view.sandboxRules.map((r) => `any ${String(r.accountNumber).padEnd(20)} ${r.result} on ${r.endpoint} (sandbox rule)`),
          ].join('\n'),
      ),
  },
  {
    name: 'transfer complete',
    summary: 'finish an in-progress transfer to bank now (planned outcome, or --fail / --succeed)',
    usage: 'dana-sim transfer complete <partnerReferenceNo> [--fail | --succeed] [--merchant ID]',
    argument: 'partnerReferenceNo',
    options: { fail: { type: 'boolean', default: false }, succeed: { type: 'boolean', default: false }, merchant: { type: 'string' } },
    help: {
      '--fail': 'the transfer fails; the deposit gets amount and fee back',
      '--succeed': 'the transfer succeeds',
      '--merchant ID': 'merchant or partner id (default: the provisioned merchant)',
    },
    run(flags, cli) {
      if (flags.fail && flags.succeed) throw new UsageError('choose --fail or --succeed, not both');
      const outcome = flags.fail ? 'failed' : flags.succeed ? 'success' : undefined;
      return cli.control(
        flags,
        'POST',
        '/transfers/complete',
        { partnerReferenceNo: flags._, outcome, merchant: flags.merchant },
        (r) =>
          `transfer ${r.partnerReferenceNo} (${r.referenceNo}) is now ${r.latestTransactionStatus === '00' ? '00 Success' : '06 Failed'}`,
      );
    },
  },
];
