import { readFile } from 'node:fs/promises';
import { wibTime } from '../../clock/clock.ts';
import { AMOUNT, UsageError, type Command } from '../../core/product.ts';

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
  `${va.expiresAt ? `  expires ${wibTime(Date.parse(va.expiresAt))}` : ''}${va.createVa ? `  Create VA: ${va.createVa}` : ''}`;

export const VA_COMMANDS: readonly Command[] = [
  {
    name: 'partner add',
    summary: 'register a bank partner for Virtual Account (your partner id and public key)',
    usage:
      'dana-sim partner add --partner-id ID --public-key key.pem [--partner-service-id 12345] [--callback-url URL] [--client-secret S] [--name NAME]',
    options: {
      'partner-id': { type: 'string' },
      'public-key': { type: 'string' },
      'partner-service-id': { type: 'string' },
      'callback-url': { type: 'string' },
      'client-secret': { type: 'string' },
      name: { type: 'string' },
    },
    help: {
      '--partner-id ID': "the bank's X-PARTNER-ID",
      '--public-key FILE': "the bank's public key (PEM or base64)",
      '--partner-service-id N': 'biller code, up to 8 digits (space-padded to 8); default generated',
      '--callback-url URL': 'base URL where DANA calls the bank (Create VA, Inquiry Status)',
      '--client-secret S': 'for symmetric signatures (default generated)',
      '--name NAME': 'display name',
    },
    async run(flags, cli) {
      if (typeof flags['partner-id'] !== 'string') throw new UsageError('--partner-id is required');
      if (typeof flags['public-key'] !== 'string') throw new UsageError('--public-key is required');
      let publicKey: string;
      try {
        publicKey = await readFile(flags['public-key'], 'utf8');
      } catch {
        throw new UsageError(`cannot read ${flags['public-key']}`);
      }
      const body = {
        partnerId: flags['partner-id'],
        publicKey,
        partnerServiceId: flags['partner-service-id'],
        callbackUrl: flags['callback-url'],
        clientSecret: flags['client-secret'],
        name: flags.name,
      };
      return cli.control(
        flags,
        'POST',
        '/partners',
        body,
        (p) => `registered bank ${p.partnerId}, partner service id "${p.partnerServiceId}", client secret ${p.clientSecret}`,
      );
    },
  },
  {
    name: 'partner list',
    summary: 'list bank partners',
    usage: 'dana-sim partner list [--json]',
    options: {},
    help: {},
    run: (flags, cli) =>
      cli.control(
        flags,
        'GET',
        '/partners',
        undefined,
        (list: Array<{ partnerId: string; name: string; partnerServiceId: string; callbackUrl?: string }>) =>
          list.map((p) => `${p.partnerId}  "${p.partnerServiceId}"  ${p.name}  callback ${p.callbackUrl ?? '(none)'}`).join('\n'),
      ),
  },
  {
    name: 'partner set-callback',
    summary: "set the bank's callback base URL (DANA calls /v1.0/transfer-va/status and /create-va under it)",
    usage: 'dana-sim partner set-callback <url> [--partner ID]',
    argument: 'url',
    options: { partner: { type: 'string' } },
    help: { '--partner ID': 'partner id or service id (default: the provisioned bank)' },
    run: (flags, cli) =>
      cli.control(
        flags,
        'POST',
        '/partners/callback',
        { url: flags._, partner: flags.partner },
        (p) => `bank ${p.partnerId} callbacks go to ${p.callbackUrl}`,
      ),
  },
  {
    name: 'va create',
    summary: 'create a VA for a DANA user, as DANA does when the user chooses a bank transfer (Create VA goes to the bank)',
    usage: 'dana-sim va create --customer 62811742234 [--amount 50000.00 | --open] [--bank ID] [--expires-in 60]',
    options: {
      customer: { type: 'string' },
      amount: { type: 'string' },
      open: { type: 'boolean', default: false },
      bank: { type: 'string' },
      'expires-in': { type: 'string', default: '60' },
    },
    help: {
      '--customer N': 'the DANA user to credit (phone number, 62...)',
      '--amount A': 'fixed amount, e.g. 50000.00',
      '--open': 'open amount: the payer chooses',
      '--bank ID': 'bank partner id or service id (default: the provisioned bank)',
      '--expires-in MINUTES': 'default 60',
    },
    run(flags, cli) {
      if (typeof flags.customer !== 'string') throw new UsageError('--customer is required');
      if (flags.open && flags.amount) throw new UsageError('choose --amount or --open, not both');
      if (!flags.open && typeof flags.amount !== 'string') throw new UsageError('give --amount 50000.00 or --open');
      if (typeof flags.amount === 'string' && !AMOUNT.test(flags.amount))
        throw new UsageError(`--amount must look like 50000.00, got "${flags.amount}"`);
      const minutes = Number(flags['expires-in']);
      if (!Number.isFinite(minutes) || minutes <= 0)
        throw new UsageError(`--expires-in must be a positive number of minutes, got "${flags['expires-in']}"`);
      return cli.control(
        flags,
        'POST',
        '/va',
        { customer: flags.customer, amount: flags.amount, partner: flags.bank, expiresInMinutes: minutes },
        showVa,
      );
    },
  },
  {
    name: 'va list',
    summary: "dynamic VAs (every user also has a static open-amount VA: the bank's service id + the phone number)",
    usage: 'dana-sim va list [--json]',
    options: {},
    help: {},
    run: (flags, cli) =>
      cli.control(flags, 'GET', '/va', undefined, (list: VaView[]) => (list.length ? list.map(showVa).join('\n') : 'no dynamic VAs yet')),
  },
  {
    name: 'va status-check',
    summary: "call the bank's Inquiry Status for the latest inquiry on a VA now, and apply its answer",
    usage: 'dana-sim va status-check <virtualAccountNo>',
    argument: 'virtualAccountNo',
    options: {},
    help: {},
    run: (flags, cli) =>
      cli.control(
        flags,
        'POST',
        '/va/status-check',
        { virtualAccountNo: flags._ },
        (n) => `${n.id}: ${n.status} after ${n.attempts.length} attempt(s)${n.url ? ` to ${n.url}` : ' (the bank has no callback URL)'}`,
      ),
  },
];
