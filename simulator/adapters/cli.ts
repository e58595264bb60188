import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ControlTarget } from './control-client.ts';

// The `dana-sim` command. Every command is a row of COMMANDS: its flags, its help and what it runs.
// Unknown flags and bad values print a clear message and exit 2.

type Options = NonNullable<ParseArgsConfig['options']>;
type Flags = Record<string, string | boolean | undefined>;

class UsageError extends Error {}

interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: Options;
  readonly help: Record<string, string>;
  run(flags: Flags): Promise<number>;
}

const STATE_OPTIONS: Options = {
  data: { type: 'string', default: '.dana-sim' },
  url: { type: 'string' },
  'control-token': { type: 'string' },
  json: { type: 'boolean', default: false },
};

const STATE_HELP = {
  '--data DIR': 'data directory (default .dana-sim)',
  '--url URL': 'talk to the simulator at URL (default: the one serving --data, else open --data directly)',
  '--control-token T': 'bearer token of the control API (or DANA_SIM_CONTROL_TOKEN)',
  '--json': 'print JSON',
};

const AMOUNT = /^\d{1,16}\.\d{2}$/;

async function withTarget(flags: Flags, work: (target: ControlTarget) => Promise<number>): Promise<number> {
  // Loaded on demand: `--help` and usage errors should not pay for the simulator's modules.
  const { connect } = await import('./control-client.ts');
  const target = await connect({ dataDir: String(flags.data), url: flags.url as string | undefined, controlToken: flags['control-token'] as string | undefined });
  try {
    return await work(target);
  } finally {
    await target.close();
  }
}

async function control(flags: Flags, method: string, path: string, body: unknown, show: (value: any) => string): Promise<number> {
  return withTarget(flags, async (target) => {
    const reply = await target.call(method, path, body);
    if (reply.status !== 200) {
      console.error(`dana-sim: ${(reply.body as { error?: string })?.error ?? `control call failed (${reply.status})`}`);
      return 1;
    }
    console.log(flags.json ? JSON.stringify(reply.body, null, 2) : show(reply.body));
    return 0;
  });
}

const showBalance = (b: { merchantId: string; deposit: string; available: string; total: string }) =>
  `merchant ${b.merchantId}\n  deposit    ${b.deposit} IDR\n  available  ${b.available} IDR\n  total      ${b.total} IDR`;

function integer(value: unknown, name: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(String(value)) || number < min || number > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return number;
}

export const COMMANDS: readonly Command[] = [
  {
    name: 'start',
    summary: 'run the simulator (HTTP server on an embedded data directory)',
    usage: 'dana-sim start [--port 8787] [--host 127.0.0.1] [--data .dana-sim] [--seed S] [--no-sandbox-rules]',
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.dana-sim' },
      seed: { type: 'string' },
      'env-file': { type: 'string' },
      'control-token': { type: 'string' },
      'no-sandbox-rules': { type: 'boolean', default: false },
      'no-fsync': { type: 'boolean', default: false },
    },
    help: {
      '--port N': 'port to listen on (default 8787; 0 picks a free one)',
      '--host H': 'address to bind (default 127.0.0.1)',
      '--data DIR': 'where state and credentials live (default .dana-sim)',
      '--seed S': 'seed for generated names and random rules (default: chosen once, then kept)',
      '--env-file PATH': 'credentials file to write (default DIR/merchant.env)',
      '--control-token T': 'require this bearer token on the /__sim control API',
      '--no-sandbox-rules': "serve without DANA's sandbox magic values (ledger-only simulator)",
      '--no-fsync': 'do not wait for the disk before replying (throwaway data only)',
    },
    async run(flags) {
      const port = integer(flags.port, '--port', 0, 65535);
      const { serve } = await import('./server.ts');
      const running = await serve({
        dataDir: String(flags.data),
        host: String(flags.host),
        port,
        seed: flags.seed as string | undefined,
        envFile: flags['env-file'] as string | undefined,
        controlToken: (flags['control-token'] as string | undefined) ?? process.env.DANA_SIM_CONTROL_TOKEN,
        sandboxRules: !flags['no-sandbox-rules'],
        fsync: !flags['no-fsync'],
      });
      const merchant = running.simulator.defaultMerchant();
      const rules = running.simulator.rules.list('sandbox').length;
      console.log(`dana-sim listening on ${running.url}`);
      console.log(`  credentials    ${running.envFile}`);
      console.log(`  merchant       ${merchant.merchantId} (partner ${merchant.partnerId})`);
      console.log(`  sandbox rules  ${rules ? `on (${rules} magic values)` : 'off'}`);
      console.log('  stop with Ctrl+C');
      await new Promise<void>((resolve) => {
        const stop = () => void running.stop().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    },
  },
  {
    name: 'reset',
    summary: 'wipe transactions and balances (keeps merchants and keys), re-seed',
    usage: 'dana-sim reset [--data DIR | --url URL]',
    options: STATE_OPTIONS,
    help: STATE_HELP,
    run: (flags) => control(flags, 'POST', '/reset', {}, () => 'state reset: balances re-seeded, transactions cleared'),
  },
  {
    name: 'merchant add',
    summary: 'register existing sandbox credentials (your own partner id and public key)',
    usage: 'dana-sim merchant add --partner-id ID --public-key key.pem [--merchant-id 21DIGITS] [--client-secret S]',
    options: { ...STATE_OPTIONS, 'partner-id': { type: 'string' }, 'public-key': { type: 'string' }, 'merchant-id': { type: 'string' }, 'client-secret': { type: 'string' } },
    help: { '--partner-id ID': 'your X-PARTNER-ID / clientId', '--public-key FILE': 'PEM (or base64) public key matching your private key', '--merchant-id ID': '21-digit merchant id (default: generated)', '--client-secret S': 'client secret for Open API calls (default: generated)', ...STATE_HELP },
    async run(flags) {
      if (!flags['partner-id']) throw new UsageError('--partner-id is required');
      if (!flags['public-key']) throw new UsageError('--public-key is required');
      let publicKey: string;
      try {
        publicKey = await readFile(String(flags['public-key']), 'utf8');
      } catch {
        throw new UsageError(`cannot read ${flags['public-key']}`);
      }
      const body = { partnerId: flags['partner-id'], publicKey, merchantId: flags['merchant-id'], clientSecret: flags['client-secret'] };
      return control(flags, 'POST', '/merchants', body, (m) => `registered merchant ${m.merchantId} for partner ${m.partnerId}\n  client secret ${m.clientSecret}`);
    },
  },
  {
    name: 'merchant list',
    summary: 'list merchants the simulator knows',
    usage: 'dana-sim merchant list [--data DIR | --url URL] [--json]',
    options: STATE_OPTIONS,
    help: STATE_HELP,
    run: (flags) => control(flags, 'GET', '/merchants', undefined, (list: Array<{ merchantId: string; partnerId: string; name: string }>) =>
      list.map((m) => `${m.merchantId}  partner ${m.partnerId}  ${m.name}`).join('\n')),
  },
  {
    name: 'balance',
    summary: "show a merchant's deposit, available and total balance",
    usage: 'dana-sim balance [--merchant ID] [--data DIR | --url URL] [--json]',
    options: { ...STATE_OPTIONS, merchant: { type: 'string' } },
    help: { '--merchant ID': 'merchant or partner id (default: the provisioned merchant)', ...STATE_HELP },
    run: (flags) => control(flags, 'GET', `/balance${flags.merchant ? `?merchant=${encodeURIComponent(String(flags.merchant))}` : ''}`, undefined, showBalance),
  },
  {
    name: 'balance topup',
    summary: "credit a merchant's disbursement deposit (instead of asking DANA staff)",
    usage: 'dana-sim balance topup --amount 1000000.00 [--merchant ID] [--data DIR | --url URL]',
    options: { ...STATE_OPTIONS, amount: { type: 'string' }, merchant: { type: 'string' } },
    help: { '--amount A': 'amount in IDR with two decimals, e.g. 1000000.00', '--merchant ID': 'merchant or partner id (default: the provisioned merchant)', ...STATE_HELP },
    run(flags) {
      if (typeof flags.amount !== 'string' || !AMOUNT.test(flags.amount)) throw new UsageError(`--amount must look like 1000000.00${flags.amount ? `, got "${flags.amount}"` : ''}`);
      return control(flags, 'POST', '/balance/topup', { amount: flags.amount, merchant: flags.merchant }, showBalance);
    },
  },
];

function helpText(command?: Command): string {
  if (!command) {
    const width = Math.max(...COMMANDS.map((c) => c.name.length));
    return [
      'dana-sim: a local simulator of DANA\'s sandbox API',
      '',
      'usage: dana-sim <command> [flags]',
      '',
      ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
      '',
      'Run `dana-sim <command> --help` for its flags.',
    ].join('\n');
  }
  const width = Math.max(...Object.keys(command.help).map((flag) => flag.length), 6);
  return [`${command.summary}`, '', `usage: ${command.usage}`, '', ...Object.entries(command.help).map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`), `  ${'--help'.padEnd(width)}  show this help`].join('\n');
}

function findCommand(argv: string[]): { command: Command | undefined; rest: string[] } {
  const two = COMMANDS.find((c) => c.name === argv.slice(0, 2).join(' '));
  if (two) return { command: two, rest: argv.slice(2) };
  const one = COMMANDS.find((c) => c.name === argv[0]);
  return { command: one, rest: argv.slice(1) };
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    const { command } = findCommand(argv.slice(argv[0] === 'help' ? 1 : 0));
    console.log(helpText(argv[0] === 'help' ? command : undefined));
    return 0;
  }
  const { command, rest } = findCommand(argv);
  if (!command) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
    console.error(group.length ? `dana-sim ${argv[0]}: choose one of ${group.map((c) => c.name).join(', ')}` : `dana-sim: unknown command "${argv[0]}"\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(helpText(command));
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    return await command.run(values as Flags);
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`dana-sim ${command.name}: ${message}\nusage: ${command.usage}\nRun \`dana-sim ${command.name} --help\` for details.`);
      return 2;
    }
    console.error(`dana-sim ${command.name}: ${message}`);
    return 1;
  }
}

