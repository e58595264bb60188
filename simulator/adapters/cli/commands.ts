import { readFile } from 'node:fs/promises';
import { advanceProblem, parseDuration, wibTime } from '../../clock/clock.ts';
import { DURATION_PROBLEM } from '../../core/control-input.ts';
import { STATE_HELP, STATE_OPTIONS, UsageError, control, integer, type Command, type Flags } from './command.ts';
import { DOCTOR_COMMAND } from './doctor-command.ts';
import { ENV_COMMAND } from './env-command.ts';
import { FAULT_COMMANDS } from './fault-commands.ts';
import { WEBHOOK_COMMANDS } from './webhook-commands.ts';

// The simulator-wide dana-sim commands (start, reset, merchants, clock, outbox, users, faults);
// products bring their own (Product.commands).

const DURABILITY = ['background', 'always', 'never'] as const;

function durability(flags: Flags): (typeof DURABILITY)[number] {
  if (flags['no-fsync']) return 'never';
  const value = String(flags.fsync);
  const known = DURABILITY.find((level) => level === value);
  if (!known) throw new UsageError(`--fsync must be one of ${DURABILITY.join(', ')}, got "${value}"`);
  return known;
}

export const CORE_COMMANDS: readonly Command[] = [
  {
    name: 'start',
    summary: 'run the simulator (HTTP server on an embedded data directory)',
    usage:
      'dana-sim start [--port 8787] [--host 127.0.0.1] [--data .dana-sim] [--seed S] [--fsync background|always|never] [--no-sandbox-rules] [--verbose] [--tls [--tls-port 8443] [--http-port N] [--proxy-port 8788]]',
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.dana-sim' },
      seed: { type: 'string' },
      'credentials-file': { type: 'string' },
      // The old name: Node 20 reads --env-file anywhere on its command line (even after the script)
      // and exits when the file does not exist yet, so it works only for a file that exists already.
      'env-file': { type: 'string' },
      'control-token': { type: 'string' },
      'no-sandbox-rules': { type: 'boolean', default: false },
      fsync: { type: 'string', default: 'background' },
      'no-fsync': { type: 'boolean', default: false },
      'transfer-completion': { type: 'string', default: '3s' },
      'va-window': { type: 'string', default: '5m' },
      faults: { type: 'string', multiple: true },
      'allow-fault-header': { type: 'boolean', default: false },
      tls: { type: 'boolean', default: false },
      'tls-port': { type: 'string', default: '8443' },
      'http-port': { type: 'string' },
      'proxy-port': { type: 'string', default: '8788' },
      verbose: { type: 'boolean', default: false },
    },
    help: {
      '--port N': 'port to listen on (default 8787; 0 picks a free one)',
      '--host H': 'address to bind (default 127.0.0.1)',
      '--data DIR': 'where state and credentials live (default .dana-sim)',
      '--seed S': 'seed for generated names and random rules (default: chosen once, then kept)',
      '--credentials-file PATH': 'credentials file to write (default DIR/merchant.env)',
      '--env-file PATH': 'old name of --credentials-file; works only if the file exists (Node 20 reads --env-file itself)',
      '--control-token T': 'require this bearer token on the /__sim control API',
      '--no-sandbox-rules': "serve without DANA's sandbox magic values (ledger-only simulator)",
      '--fsync WHEN':
        'background (default): reply once the entry is written to the OS (survives any process crash), fdatasync within 100 ms; always: reply after fdatasync (survives power loss); never: throwaway data',
      '--no-fsync': 'the same as --fsync never',
      '--transfer-completion D': 'how long asynchronous transfers stay in progress (default 3s)',
      '--va-window D': "time between a VA inquiry and its payment (default DANA's 5m)",
      '--faults FILE': 'load rules from a JSON or YAML file (repeatable)',
      '--allow-fault-header': 'honour the X-Sim-Fault request header (never on a shared simulator)',
      '--tls': "also serve DANA's hosts (api.sandbox.dana.id, ...) over HTTPS with a local CA kept in DIR/tls, plus a proxy to them",
      '--tls-port N': 'with --tls: HTTPS port (default 8443; 443 needs privileges)',
      '--http-port N': 'with --tls: an extra plain-HTTP port for DANA hosts mapped in /etc/hosts (e.g. 80; default none)',
      '--proxy-port N': "with --tls: HTTP/CONNECT proxy port for HTTPS_PROXY / HTTP_PROXY; DANA's hosts only (default 8788)",
      '--verbose':
        'print a block per failed request: code and reason; for a refused signature the string to sign, the key checked and the likely mistake',
    },
    async run(flags, tools) {
      const port = integer(flags.port, '--port', 0, 65535);
      const tlsPort = integer(flags['tls-port'], '--tls-port', 0, 65535);
      const proxyPort = integer(flags['proxy-port'], '--proxy-port', 0, 65535);
      const httpPort = flags['http-port'] === undefined ? undefined : integer(flags['http-port'], '--http-port', 0, 65535);
      const transferCompletionMs = parseDuration(String(flags['transfer-completion']));
      if (transferCompletionMs === undefined)
        throw new UsageError(`--transfer-completion must look like 3s, 500ms or 2m, got "${flags['transfer-completion']}"`);
      const vaWindowMs = parseDuration(String(flags['va-window']));
      if (vaWindowMs === undefined || vaWindowMs <= 0)
        throw new UsageError(`--va-window must look like 5m or 90s, got "${flags['va-window']}"`);
      const { serve } = await import('../server.ts');
      const running = await serve({
        dataDir: String(flags.data),
        host: String(flags.host),
        port,
        seed: flags.seed as string | undefined,
        envFile: (flags['credentials-file'] ?? flags['env-file']) as string | undefined,
        controlToken: (flags['control-token'] as string | undefined) ?? process.env.DANA_SIM_CONTROL_TOKEN,
        sandboxRules: !flags['no-sandbox-rules'],
        fsync: durability(flags),
        transferCompletionMs,
        vaWindowMs,
        faultFiles: (flags.faults as unknown as string[] | undefined) ?? [],
        allowFaultHeader: Boolean(flags['allow-fault-header']),
        extensions: tools.extensions,
        tls: Boolean(flags.tls),
        tlsPort,
        httpPort,
        proxyPort,
      });
      // Before the banner: a SIGTERM sent as soon as it is read must still stop cleanly (and release the
      // data directory); a handler registered after printing was measurably too late.
      const { reportStrayRejections } = await import('../stray-rejections.ts');
      reportStrayRejections();
      const stopped = new Promise<void>((resolve) => {
        const stop = () => void running.stop().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      const merchant = running.simulator.parties.defaultMerchant();
      const rules = running.simulator.rules.list('sandbox').length;
      console.log(`dana-sim listening on ${running.url}`);
      // The page keeps a token given after # for its tab and sends it on each control call; a fragment never reaches a server log.
      const token = (flags['control-token'] as string | undefined) ?? process.env.DANA_SIM_CONTROL_TOKEN;
      console.log(`  dashboard      ${running.url}/${token ? `#token=${encodeURIComponent(token)}` : ''}`);
      console.log(`  credentials    ${running.envFile}`);
      console.log(`  bank (VA)      ${running.bankEnvFile}`);
      for (const file of running.productEnvFiles) console.log(`  ${file.product.padEnd(15)}${file.path}`);
      console.log(`  merchant       ${merchant.merchantId} (partner ${merchant.partnerId})`);
      console.log(`  sandbox rules  ${rules ? `on (${rules} magic values)` : 'off'}`);
      const userRules = running.simulator.rules.list('user').length;
      if (userRules) console.log(`  your rules     ${userRules} from ${(flags.faults as unknown as string[]).join(', ')}`);
      if (flags['allow-fault-header']) console.log('  X-Sim-Fault    honoured on every request');
      if (running.tls) {
        console.log(`  HTTPS          ${running.tls.httpsUrl} for ${running.tls.hosts.join(', ')}`);
        if (running.tls.httpUrl) console.log(`  plain HTTP     ${running.tls.httpUrl} for the same hosts`);
        console.log(`  proxy          ${running.tls.proxyUrl} (HTTPS_PROXY / HTTP_PROXY; DANA's hosts only)`);
        console.log(`  CA to trust    ${running.tls.caPath} (NODE_EXTRA_CA_CERTS, SSL_CERT_FILE, REQUESTS_CA_BUNDLE)`);
      }
      if (flags.verbose) {
        console.log('  verbose        a block per failed request is printed here');
        const { printFailures } = await import('./verbose.ts');
        printFailures(running.simulator.log, (text) => console.log(text));
      }
      console.log('  stop with Ctrl+C');
      await stopped;
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
    options: {
      ...STATE_OPTIONS,
      'partner-id': { type: 'string' },
      'public-key': { type: 'string' },
      'merchant-id': { type: 'string' },
      'client-secret': { type: 'string' },
    },
    help: {
      '--partner-id ID': 'your X-PARTNER-ID / clientId',
      '--public-key FILE': 'PEM (or base64) public key matching your private key',
      '--merchant-id ID': '21-digit merchant id (default: generated)',
      '--client-secret S': 'client secret for Open API calls (default: generated)',
      ...STATE_HELP,
    },
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
      return control(
        flags,
        'POST',
        '/merchants',
        body,
        (m) => `registered merchant ${m.merchantId} for partner ${m.partnerId}\n  client secret ${m.clientSecret}`,
      );
    },
  },
  {
    name: 'merchant list',
    summary: 'list merchants the simulator knows',
    usage: 'dana-sim merchant list [--data DIR | --url URL] [--json]',
    options: STATE_OPTIONS,
    help: STATE_HELP,
    run: (flags) =>
      control(
        flags,
        'GET',
        '/merchants',
        undefined,
        (list: Array<{ merchantId: string; partnerId: string; name: string; depositVaNumber: string }>) =>
          list.map((m) => `${m.merchantId}  partner ${m.partnerId}  deposit VA (BNI) ${m.depositVaNumber}  ${m.name}`).join('\n'),
      ),
  },
  {
    name: 'clock',
    summary: "show the simulator's time (WIB, +07:00)",
    usage: 'dana-sim clock [--json]',
    options: STATE_OPTIONS,
    help: STATE_HELP,
    run: (flags) => control(flags, 'GET', '/clock', undefined, (c) => `simulator time is ${wibTime(Date.parse(c.now))}`),
  },
  {
    name: 'clock advance',
    summary: "move the simulator's clock forward; due transfers complete and notifications go out",
    usage: 'dana-sim clock advance <duration>   e.g. 5s, 2m, 1h30m',
    argument: 'duration',
    options: STATE_OPTIONS,
    help: STATE_HELP,
    run(flags) {
      const duration = parseDuration(String(flags._));
      if (duration === undefined) throw new UsageError(DURATION_PROBLEM(String(flags._)));
      // The same limit the control API answers 400 with; the clock's own end it judges there.
      const tooFar = advanceProblem(duration, 0);
      if (tooFar) throw new UsageError(tooFar);
      return control(flags, 'POST', '/clock/advance', { duration: flags._ }, (c) => `simulator time is now ${wibTime(Date.parse(c.now))}`);
    },
  },
  ...WEBHOOK_COMMANDS,
  {
    name: 'user',
    summary: "show a DANA user's name, balance and cashier PIN",
    usage: 'dana-sim user <customerNumber> [--json]',
    argument: 'customerNumber',
    options: STATE_OPTIONS,
    help: STATE_HELP,
    run: (flags) =>
      control(
        flags,
        'GET',
        `/user?customer=${encodeURIComponent(String(flags._))}`,
        undefined,
        (u) => `${u.customerNumber}  ${u.name}  balance ${u.balance} IDR  PIN ${u.pin}`,
      ),
  },
  ...FAULT_COMMANDS,
  ENV_COMMAND,
  DOCTOR_COMMAND,
];
