import { readFile } from 'node:fs/promises';
import { AMOUNT, STATE_HELP, STATE_OPTIONS, UsageError, control, type Command } from '../../adapters/cli/command.ts';

// Virtual Account commands: bank partners, VA bills, and DANA's status check to the bank.

interface VaView {
  virtualAccountNo: string;
  partnerId: string;
  customerNumber: string;
  name: string;
  amount: string;
  status: string;
  expiresAt?: string;
  trxId: string;
  createVa?: string;
}

const showVa = (va: VaView) =>
  `"${va.virtualAccountNo}"  ${va.amount === 'open' ? 'open amount' : `${va.amount} IDR`}  ${va.status}  for ${va.customerNumber} (${va.name})  trxId ${va.trxId}` +
  `${va.expiresAt ? `  expires ${va.expiresAt}` : ''}${va.createVa ? `  Create VA: ${va.createVa}` : ''}`;

export const VA_COMMANDS: readonly Command[] = [
  {
    name: 'partner add',
    summary: 'register a bank partner for Virtual Account (your partner id and public key)',
    usage: 'dana-sim partner add --partner-id ID --public-key key.pem [--partner-service-id 12345] [--callback-url URL] [--client-secret S] [--name NAME]',
    options: { ...STATE_OPTIONS, 'partner-id': { type: 'string' }, 'public-key': { type: 'string' }, 'partner-service-id': { type: 'string' }, 'callback-url': { type: 'string' }, 'client-secret': { type: 'string' }, name: { type: 'string' } },
    help: {
      '--partner-id ID': "the bank's X-PARTNER-ID",
      '--public-key FILE': "the bank's public key (PEM or base64)",
      '--partner-service-id N': 'biller code, up to 8 digits (space-padded to 8); default generated',
      '--callback-url URL': 'base URL where DANA calls the bank (Create VA, Inquiry Status)',
      '--client-secret S': 'for symmetric signatures (default generated)',
      '--name NAME': 'display name',
      ...STATE_HELP,
    },
    async run(flags) {
      if (typeof flags['partner-id'] !== 'string') throw new UsageError('--partner-id is required');
      if (typeof flags['public-key'] !== 'string') throw new UsageError('--public-key is required');
      let publicKey: string;
      try {
        publicKey = await readFile(flags['public-key'], 'utf8');
      } catch {
        throw new UsageError(`cannot read ${flags['public-key']}`);
      }
      const body = { partnerId: flags['partner-id'], publicKey, partnerServiceId: flags['partner-service-id'], callbackUrl: flags['callback-url'], clientSecret: flags['client-secret'], name: flags.name };
      return control(flags, 'POST', '/partners', body, (p) => `registered bank ${p.partnerId}, partner service id "${p.partnerServiceId}", client secret ${p.clientSecret}`);
    },
  },
  {
    name: 'partner list',
    summary: 'list bank partners',
    usage: 'dana-sim partner list [--json]',
    options: STATE_OPTIONS,
    help: STATE_HELP,
    run: (flags) =>
      control(flags, 'GET', '/partners', undefined, (list: Array<{ partnerId: string; name: string; partnerServiceId: string; callbackUrl?: string }>) =>
        list.map((p) => `${p.partnerId}  "${p.partnerServiceId}"  ${p.name}  callback ${p.callbackUrl ?? '(none)'}`).join('\n')),
  },
  {
    name: 'partner set-callback',
    summary: "set the bank's callback base URL (DANA calls /v1.0/transfer-va/status and /create-va under it)",
    usage: 'dana-sim partner set-callback <url> [--partner ID]',
    argument: 'url',
    options: { ...STATE_OPTIONS, partner: { type: 'string' } },
    help: { '--partner ID': 'partner id or service id (default: the provisioned bank)', ...STATE_HELP },
    run: (flags) => control(flags, 'POST', '/partners/callback', { url: flags._, partner: flags.partner }, (p) => `bank ${p.partnerId} callbacks go to ${p.callbackUrl}`),
  },
  {
    name: 'va create',
    summary: 'create a VA for a DANA user, as DANA does when the user chooses a bank transfer (Create VA goes to the bank)',
    usage: 'dana-sim va create --customer 62811742234 [--amount 50000.00 | --open] [--bank ID] [--expires-in 60]',
    options: { ...STATE_OPTIONS, customer: { type: 'string' }, amount: { type: 'string' }, open: { type: 'boolean', default: false }, bank: { type: 'string' }, 'expires-in': { type: 'string', default: '60' } },
    help: {
      '--customer N': 'the DANA user to credit (phone number, 62...)',
      '--amount A': 'fixed amount, e.g. 50000.00',
      '--open': 'open amount: the payer chooses',
      '--bank ID': 'bank partner id or service id (default: the provisioned bank)',
      '--expires-in MINUTES': 'default 60',
      ...STATE_HELP,
    },
    run(flags) {
      if (typeof flags.customer !== 'string') throw new UsageError('--customer is required');
      if (flags.open && flags.amount) throw new UsageError('choose --amount or --open, not both');
      if (!flags.open && typeof flags.amount !== 'string') throw new UsageError('give --amount 50000.00 or --open');
      if (typeof flags.amount === 'string' && !AMOUNT.test(flags.amount)) throw new UsageError(`--amount must look like 50000.00, got "${flags.amount}"`);
      const minutes = Number(flags['expires-in']);
      if (!Number.isFinite(minutes) || minutes <= 0) throw new UsageError(`--expires-in must be a positive number of minutes, got "${flags['expires-in']}"`);
      return control(flags, 'POST', '/va', { customer: flags.customer, amount: flags.amount, partner: flags.bank, expiresInMinutes: minutes }, showVa);
    },
  },
  {
    name: 'va list',
    summary: "dynamic VAs (every user also has a static open-amount VA: the bank's service id + the phone number)",
    usage: 'dana-sim va list [--json]',
    options: STATE_OPTIONS,
    help: STATE_HELP,
    run: (flags) => control(flags, 'GET', '/va', undefined, (list: VaView[]) => (list.length ? list.map(showVa).join('\n') : 'no dynamic VAs yet')),
  },
  {
    name: 'va status-check',
    summary: "call the bank's Inquiry Status for the latest inquiry on a VA now, and apply its answer",
    usage: 'dana-sim va status-check <virtualAccountNo>',
    argument: 'virtualAccountNo',
    options: STATE_OPTIONS,
    help: STATE_HELP,
    run: (flags) => control(flags, 'POST', '/va/status-check', { virtualAccountNo: flags._ }, (n) => `${n.id}: ${n.status} after ${n.attempts.length} attempt(s)${n.url ? ` to ${n.url}` : ' (the bank has no callback URL)'}`),
  },
  {
    name: 'order list',
    summary: 'Payment Gateway orders and their state (01 INIT, 00 paid, 05 closed)',
    usage: 'dana-sim order list [--json]',
    options: STATE_OPTIONS,
    help: STATE_HELP,
    run: (flags) =>
      control(flags, 'GET', '/orders', undefined, (list: Array<Record<string, string | undefined>>) =>
        list.length ? list.map((o) => `${o.partnerReferenceNo}  ${o.status}  ${o.amount} IDR  ${o.payMethod}${o.paymentCode ? ` VA ${o.paymentCode}` : ''}  until ${o.validUntil}`).join('\n') : 'no orders yet'),
  },
  {
    name: 'order pay',
    summary: "pay an order now: its VA as the bank would, or from a DANA user's balance (Finish Notify follows)",
    usage: 'dana-sim order pay <partnerReferenceNo> [--customer 62811742234] [--merchant ID]',
    argument: 'partnerReferenceNo',
    options: { ...STATE_OPTIONS, customer: { type: 'string' }, merchant: { type: 'string' } },
    help: { '--customer N': 'the DANA user paying a non-VA order (default 62811742234)', '--merchant ID': 'merchant or partner id (default: the provisioned merchant)', ...STATE_HELP },
    run: (flags) => control(flags, 'POST', '/orders/pay', { partnerReferenceNo: flags._, customer: flags.customer, merchant: flags.merchant }, (o) => `order ${o.partnerReferenceNo} paid (status ${o.status}); Finish Notify to ${o.notificationUrl ?? '(no NOTIFICATION url)'}`),
  },
];
