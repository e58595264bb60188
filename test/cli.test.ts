import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli as cli, type Ran } from './run-cli.ts';
import { uatProgress } from '../scenarios/progress.ts';
import { serve, type RunningServer } from '../simulator/adapters/server.ts';
import { generateRsaKeyPair } from '../simulator/signature/keys.ts';
import { readCredentials, signedPost } from './cli-helpers.ts';

// Every dana-sim command run in-process through the CLI's own `main`, so the CLI is measured by
// coverage and its mutants can be killed; test/cli-process.test.ts keeps the real-process checks.
// Commands reach state two ways: by opening an idle data directory, or through the control API of
// the simulator serving it. Both are exercised.

const json = (ran: Ran) => JSON.parse(ran.stdout);
let idleDir: string;
const cleanup: Array<() => Promise<void>> = [];

beforeAll(async () => {
  idleDir = await mkdtemp(join(tmpdir(), 'dana-sim-cli-'));
});

afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

afterAll(async () => {
  await rm(idleDir, { recursive: true, force: true });
});

/** A simulator serving a fresh data directory on an ephemeral loopback port, in this process. */
async function running(extra: Partial<Parameters<typeof serve>[0]> = {}): Promise<{ dir: string; server: RunningServer }> {
  const dir = await mkdtemp(join(tmpdir(), 'dana-sim-cli-run-'));
  // As `dana-sim start` serves: with live UAT progress.
  const server = await serve({
    dataDir: dir,
    host: '127.0.0.1',
    port: 0,
    fsync: false,
    background: false,
    extensions: [uatProgress()],
    ...extra,
  });
  cleanup.push(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });
  return { dir, server };
}

describe('dana-sim CLI help and usage errors', () => {
  it('prints the command list, and each command its flags', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    for (const command of ['start', 'reset', 'merchant add', 'balance topup', 'fault add', 'uat status', 'order pay'])
      expect(top.stdout).toContain(command);
    expect((await cli()).stdout).toBe(top.stdout);
    const topup = await cli('balance', 'topup', '--help');
    expect(topup.code).toBe(0);
    expect(topup.stdout).toMatch(/^credit a merchant's disbursement deposit/);
    expect(topup.stdout).toMatch(/--amount A\s+amount in IDR with two decimals/);
    expect(topup.stdout).toMatch(/--help\s+show this help/);
    expect((await cli('help', 'balance', 'topup')).stdout).toBe(topup.stdout);
  });

  it('exits 2 naming the problem for unknown commands, unknown flags and bad values', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['balance', '--bogus'], /unknown option --bogus; options: .*--merchant/],
      [['balance', 'topup', '--amount', '10'], /--amount must look like 1000000.00, got "10"/],
      [['balance', 'topup'], /--amount must look like 1000000.00$/m],
      [['start', '--port', 'eighty'], /--port must be a whole number from 0 to 65535, got "eighty"/],
      [['start', '--port', '65536'], /--port must be a whole number from 0 to 65535/],
      [['start', '--transfer-completion', 'soon'], /--transfer-completion must look like 3s/],
      [['start', '--va-window', '0'], /--va-window must look like 5m/],
      [['merchant'], /choose one of merchant add, merchant list, merchant set-notify-url/],
      [['merchant', 'add', '--public-key', 'k.pem'], /--partner-id is required/],
      [['merchant', 'add', '--partner-id', 'p'], /--public-key is required/],
      [['merchant', 'add', '--partner-id', 'p', '--public-key', '/nonexistent/k.pem'], /cannot read \/nonexistent\/k.pem/],
      [['clock', 'advance'], /<duration> is required/],
      [['user', 'a', 'b'], /unexpected argument "b"/],
      [['transfer', 'complete', 'x', '--fail', '--succeed'], /choose --fail or --succeed, not both/],
      [['bank-account', 'add'], /--bank-code is required/],
      [['bank-account', 'add', '--bank-code', '014'], /--account-number is required/],
      [['partner', 'add'], /--partner-id is required/],
      [['partner', 'add', '--partner-id', 'b'], /--public-key is required/],
      [['partner', 'add', '--partner-id', 'b', '--public-key', '/nonexistent.pem'], /cannot read \/nonexistent.pem/],
      [['va', 'create'], /--customer is required/],
      [['va', 'create', '--customer', '62811742234', '--open', '--amount', '1.00'], /choose --amount or --open, not both/],
      [['va', 'create', '--customer', '62811742234'], /give --amount 50000.00 or --open/],
      [['va', 'create', '--customer', '62811742234', '--amount', '5'], /--amount must look like 50000.00, got "5"/],
      [
        ['va', 'create', '--customer', '62811742234', '--open', '--expires-in', '0'],
        /--expires-in must be a positive number of minutes, got "0"/,
      ],
      [['fault', 'add'], /--endpoint is required/],
      [['fault', 'add', '--endpoint', 'transferToDana'], /give an effect: --result KEY/],
      [
        ['fault', 'add', '--endpoint', 'transferToDana', '--result', 'GENERAL_ERROR', '--timeout'],
        /choose one of --result, .* \(got --result, --timeout\)/,
      ],
      [
        ['fault', 'add', '--endpoint', 'transferToDana', '--delay', 'slow'],
        /--delay must be milliseconds, a range like 200-800, or client-timeout; got "slow"/,
      ],
      [
        ['fault', 'add', '--endpoint', 'transferToDana', '--timeout', '--hold', 'long'],
        /--hold must be milliseconds or client-timeout, got "long"/,
      ],
      [
        ['fault', 'add', '--endpoint', 'transferToDana', '--lost-response', 'keep'],
        /--lost-response must be one of drop, hold; got "keep"/,
      ],
      [['fault', 'add', '--endpoint', 'transferToDana', '--delay', '5', '--times', '0'], /--times must be a whole number >= 1, got "0"/],
      [
        ['fault', 'add', '--endpoint', 'transferToDana', '--delay', '5', '--probability', '2'],
        /--probability must be between 0 and 1, got "2"/,
      ],
      [
        ['fault', 'add', '--endpoint', 'transferToDana', '--delay', '5', '--when', 'amount.value>lots'],
        /--when "amount.value>lots": > needs a number/,
      ],
      [
        ['fault', 'add', '--endpoint', 'transferToDana', '--delay', '5', '--when', 'nonsense'],
        /--when "nonsense" should look like field=value/,
      ],
      [['uat', '--product', 'loans'], /--product must be one of disbursement, merchant, payment_gateway, va, widget, all/],
      [['uat', '--report', 'pdf'], /--report takes junit, json, html; got "pdf"/],
      [['uat', '--retries', 'x'], /--retries must be a whole number/],
      [['start', '--port', '0', '--fsync', 'sometimes'], /--fsync must be one of background, always, never, got "sometimes"/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(...args, '--data', idleDir);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });
});

describe('dana-sim CLI on an idle data directory', () => {
  it('shows, tops up and resets the deposit, and keeps merchants across reset', async () => {
    expect(json(await cli('balance', '--data', idleDir, '--json')).deposit).toBe('100000000.00');
    const topped = await cli('balance', 'topup', '--amount', '1000000.00', '--data', idleDir);
    expect(topped.code).toBe(0);
    expect(topped.stdout).toMatch(/deposit\s+101000000.00 IDR\s+\(top up by BNI VA 988\d{13}, or dana-sim balance topup\)/);
    expect(topped.stdout).toMatch(/available\s+101000000.00 IDR/);
    const reset = await cli('reset', '--data', idleDir);
    expect(reset.stdout).toBe('state reset: balances re-seeded, transactions cleared');
    expect(json(await cli('balance', '--data', idleDir, '--json'))).toMatchObject({
      deposit: '100000000.00',
      available: '100000000.00',
      total: '100000000.00',
    });
  });

  it('registers existing credentials with merchant add, lists them and refuses the same partner twice', async () => {
    const keyFile = join(idleDir, 'team-key.pem');
    await writeFile(keyFile, generateRsaKeyPair().publicKeyPem);
    const added = await cli(
      'merchant',
      'add',
      '--partner-id',
      'team-partner-1',
      '--public-key',
      keyFile,
      '--merchant-id',
      '216600000000000000042',
      '--client-secret',
      'team-secret',
      '--data',
      idleDir,
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toBe('registered merchant 216600000000000000042 for partner team-partner-1\n  client secret team-secret');
    expect((await cli('merchant', 'list', '--data', idleDir)).stdout).toMatch(
      /^216600000000000000042  partner team-partner-1  deposit VA \(BNI\) 988\d{13}/m,
    );
    const listed = json(await cli('merchant', 'list', '--data', idleDir, '--json'));
    expect(listed.map((m: { partnerId: string }) => m.partnerId)).toContain('team-partner-1');
    const balance = await cli('balance', '--merchant', 'team-partner-1', '--data', idleDir, '--json');
    expect(json(balance)).toMatchObject({ merchantId: '216600000000000000042', deposit: '0.00' });
    const again = await cli('merchant', 'add', '--partner-id', 'team-partner-1', '--public-key', keyFile, '--data', idleDir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already registered');
  });

  it('adds and lists bank accounts, sets the notify URL, advances the clock and lists notifications', async () => {
    const added = await cli(
      'bank-account',
      'add',
      '--bank-code',
      '008',
      '--account-number',
      '1234567890',
      '--status',
      'inactive',
      '--holder-name',
      'BUDI',
      '--data',
      idleDir,
      '--json',
    );
    expect(added.code).toBe(0);
    expect(json(added)).toMatchObject({ bankCode: '008', accountNumber: '1234567890', status: 'INACTIVE', holderName: 'BUDI' });
    const plain = await cli(
      'bank-account',
      'add',
      '--bank-code',
      '014',
      '--account-number',
      '9988776655',
      '--holder-name',
      'SITI',
      '--data',
      idleDir,
    );
    expect(plain.stdout).toBe('014 9988776655  SITI  ACTIVE');
    const listed = await cli('bank-account', 'list', '--data', idleDir);
    expect(listed.stdout).toMatch(/^008 1234567890\s+INACTIVE BUDI$/m);
    expect(listed.stdout).toMatch(/^any 81298055132\s+INACTIVE_ACCOUNT on bankAccountInquiry \(sandbox rule\)$/m);
    const unknownBank = await cli('bank-account', 'add', '--bank-code', '999', '--account-number', '1234567890', '--data', idleDir);
    expect(unknownBank.code).toBe(2);
    expect(unknownBank.stderr).toMatch(/^dana-sim bank-account add: unknown bank code "999"; one of 002 \(BRI\), /m);
    const notify = await cli('merchant', 'set-notify-url', 'http://127.0.0.1:3000', '--data', idleDir);
    expect(notify.stdout).toMatch(
      /^merchant \d{21} notifications go to http:\/\/127.0.0.1:3000\/v1.0\/debit\/emoney\/transfer-bank\/notify.htm$/,
    );
    const before = Date.parse(json(await cli('clock', 'advance', '1s', '--data', idleDir, '--json')).now);
    const advanced = await cli('clock', 'advance', '90s', '--data', idleDir, '--json');
    expect(Date.parse(json(advanced).now) - before).toBeGreaterThanOrEqual(90_000);
    expect((await cli('clock', 'advance', '2m', '--data', idleDir)).stdout).toMatch(
      /^simulator time is now \d{4}-\d\d-\d\d \d\d:\d\d:\d\d WIB$/,
    );
    const missing = await cli('transfer', 'complete', 'nothing-here', '--data', idleDir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no transfer in progress');
    expect((await cli('webhooks', 'list', '--data', idleDir)).stdout).toBe('no notifications yet');
    const user = await cli('user', '62811742234', '--data', idleDir);
    expect(user.stdout).toMatch(/^62811742234  \S.*  balance \d+\.\d\d IDR  PIN 181818$/);
    const cashierUser = await cli('user', '6283811223355', '--data', idleDir);
    expect(cashierUser.stdout).toMatch(/^6283811223355  \S.*  balance 100000\.00 IDR  PIN 181818$/);
  });

  it('refuses rule, log and UAT-progress commands when no simulator runs, since those live in a running one', async () => {
    for (const args of [
      ['fault', 'add', '--endpoint', 'transferToDana', '--result', 'GENERAL_ERROR'],
      ['fault', 'list'],
      ['fault', 'clear'],
      ['log'],
      ['uat', 'status'],
    ]) {
      const result = await cli(...args, '--data', idleDir);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain('no simulator is running on this data directory');
    }
  });

  it('registers a bank, creates fixed and open VAs, lists them, and reports a status check with no callback URL', async () => {
    const keyFile = join(idleDir, 'bank-key.pem');
    await writeFile(keyFile, generateRsaKeyPair().publicKeyPem);
    const bank = await cli(
      'partner',
      'add',
      '--partner-id',
      'bank-cli',
      '--public-key',
      keyFile,
      '--partner-service-id',
      '777',
      '--client-secret',
      'bank-secret',
      '--name',
      'Bank CLI',
      '--data',
      idleDir,
    );
    expect(bank.stdout).toBe('registered bank bank-cli, partner service id "     777", client secret bank-secret');
    expect((await cli('partner', 'list', '--data', idleDir)).stdout).toMatch(/^bank-cli  " {5}777"  Bank CLI  callback \(none\)$/m);
    const callback = await cli('partner', 'set-callback', 'http://127.0.0.1:9/bank', '--partner', 'bank-cli', '--data', idleDir);
    expect(callback.stdout).toBe('bank bank-cli callbacks go to http://127.0.0.1:9/bank');
    const fixed = json(
      await cli(
        'va',
        'create',
        '--customer',
        '62811742234',
        '--amount',
        '50000.00',
        '--bank',
        'bank-cli',
        '--expires-in',
        '30',
        '--data',
        idleDir,
        '--json',
      ),
    );
    expect(fixed).toMatchObject({ partnerId: 'bank-cli', customerNumber: '62811742234', amount: '50000.00', status: 'ACTIVE' });
    expect(fixed.virtualAccountNo.startsWith('     777')).toBe(true);
    const open = await cli('va', 'create', '--customer', '62811742234', '--open', '--bank', 'bank-cli', '--data', idleDir);
    expect(open.stdout).toMatch(/^" {5}777\d+"  open amount  ACTIVE  for 62811742234 \(.+\)  trxId \S+  expires \S+/);
    const list = await cli('va', 'list', '--data', idleDir);
    expect(list.stdout.split('\n').filter((line) => line.includes('for 62811742234'))).toHaveLength(2);
    expect(list.stdout).toContain('50000.00 IDR');
    const check = await cli('va', 'status-check', fixed.virtualAccountNo, '--data', idleDir);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/^dana-sim va status-check: .*inquir/im);
  });

  it('lists orders and refuses to pay one that does not exist', async () => {
    expect((await cli('order', 'list', '--data', idleDir)).stdout).toBe('no orders yet');
    const pay = await cli('order', 'pay', 'no-such-order', '--data', idleDir);
    expect(pay.code).toBe(2);
    expect(pay.stderr).toMatch(/^dana-sim order pay: no order "no-such-order"; orders: none yet$/m);
  });
});

describe('dana-sim CLI against a running simulator', () => {
  it('finds the simulator serving --data, moves money through it, and sees the same state by URL', async () => {
    const { dir, server } = await running();
    const topped = await cli('balance', 'topup', '--amount', '250.50', '--data', dir, '--json');
    expect(json(topped).deposit).toBe('100000250.50');
    const viaApi = await (await fetch(`${server.url}/__sim/balance`)).json();
    expect(viaApi.deposit).toBe('100000250.50');
    expect(json(await cli('balance', '--url', server.url, '--json')).deposit).toBe('100000250.50');
  });

  it('adds, lists and clears rules; the next call fails once and the log shows which rule fired', async () => {
    const { dir, server } = await running();
    const defaults = await cli('fault', 'list', '--defaults', '--data', dir);
    expect(defaults.stdout).toMatch(/^sandbox\.topup\.frozen\s+sandbox transferToDana when customerNumber eq "628996647679"/m);
    // Widget Payment's magic amounts (Widget.json) are listed with the others.
    for (const value of ['205502.00', '435415.00', '445408.00', '505400.00', '505401.00', '21000000.00'])
      expect(defaults.stdout).toMatch(
        new RegExp(
          `^sandbox\\.widget-payment\\.${value.replace('.', '\\.')}\\s+sandbox widgetPayment when amount\\.value eq "${value.replace('.', '\\.')}"`,
          'm',
        ),
      );
    // DANA's Widget sandbox users are rules on the customer their customer token names.
    expect(defaults.stdout).toMatch(
      /^sandbox\.apply-ott\.628551003634\s+sandbox applyOTT for customer 628551003634 -> \{"kind":"result","result":"CUSTOMER_TOKEN_EXPIRED"\}/m,
    );
    expect(defaults.stdout).toMatch(/^sandbox\.balance-inquiry\.62855100800\s+sandbox balanceInquiry for customer 62855100800 -> /m);
    expect((await cli('fault', 'list', '--data', dir)).stdout).toBe(
      'no rules of yours; `dana-sim fault list --defaults` shows the sandbox magic values',
    );
    const onCustomer = await cli(
      'fault',
      'add',
      '--endpoint',
      'applyOTT',
      '--result',
      'DO_NOT_HONOR',
      '--customer',
      '6283811223355',
      '--id',
      'frozen-user',
      '--data',
      dir,
    );
    expect(onCustomer.stdout).toMatch(
      /^added frozen-user\s+user\s+applyOTT for customer 6283811223355 -> \{"kind":"result","result":"DO_NOT_HONOR"\}, fired 0$/,
    );
    const added = await cli(
      'fault',
      'add',
      '--endpoint',
      'queryMerchantResource',
      '--result',
      'SYSTEM_ERROR',
      '--times',
      '1',
      '--id',
      'one-error',
      '--data',
      dir,
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      /^added one-error\s+user\s+queryMerchantResource -> \{"kind":"result","result":"SYSTEM_ERROR"\} \(times 1\), fired 0$/,
    );
    const slow = await cli(
      'fault',
      'add',
      '--endpoint',
      'transferToDana',
      '--delay',
      '1-3',
      '--when',
      'amount.value>=100',
      '--when',
      'customerNumber=628,629',
      '--when',
      'exists:additionalInfo',
      '--nth',
      '2',
      '--probability',
      '0.5',
      '--partner',
      'p-1',
      '--data',
      dir,
      '--json',
    );
    expect(json(slow)[0]).toMatchObject({
      endpoint: 'transferToDana',
      partnerId: 'p-1',
      nth: 2,
      probability: 0.5,
      effect: { kind: 'latency', delayMs: 1, maxDelayMs: 3 },
      when: [
        { field: 'amount.value', op: 'gte', value: 100 },
        { field: 'customerNumber', op: 'in', value: ['628', '629'] },
        { field: 'additionalInfo', op: 'exists' },
      ],
    });
    const env = await readCredentials(join(dir, 'merchant.env'));
    const check = async () => (await signedPost(server.url, env)).response.body.resultInfo;
    expect(await check()).toMatchObject({ resultStatus: 'U', resultCodeId: '00000900', resultCode: 'SYSTEM_ERROR' });
    expect(await check()).toMatchObject({ resultStatus: 'S' });
    const log = await cli('log', '--data', dir);
    expect(log.stdout).toMatch(/ 200 SYSTEM_ERROR queryMerchantResource\s+rule one-error \(result\)\s+\d+ ms/);
    expect(log.stdout).toMatch(/ 200 SUCCESS\s+queryMerchantResource\s+no rule/);
    const logJson = (await cli('log', '--limit', '1', '--json', '--data', dir)).stdout.split('\n').map((line) => JSON.parse(line));
    expect(logJson).toHaveLength(1);
    expect(logJson[0]).toMatchObject({ endpoint: 'queryMerchantResource', code: 'SUCCESS' });
    // A rule that has fired its `times` retires by itself.
    const retired = await cli('fault', 'clear', '--id', 'one-error', '--data', dir);
    expect(retired.code).toBe(2);
    expect(retired.stderr).toContain(
      `dana-sim: simulator at ${server.url} (from server record ${join(dir, 'server.json')})\ndana-sim fault clear: no rule "one-error"; rule ids: `,
    );
    expect((await cli('fault', 'clear', '--data', dir)).stdout).toBe('removed 2 rule(s)');
    expect(JSON.parse((await cli('fault', 'list', '--json', '--data', dir)).stdout)).toEqual([]);
  });

  it('adds each kind of effect a rule can have from flags', async () => {
    const { dir } = await running();
    const effectOf = async (...flags: string[]) =>
      json(await cli('fault', 'add', '--endpoint', 'transferToBank', ...flags, '--data', dir, '--json'))[0].effect;
    expect(await effectOf('--result', 'GENERAL_ERROR', '--message', 'custom')).toEqual({
      kind: 'result',
      result: 'GENERAL_ERROR',
      message: 'custom',
    });
    expect(await effectOf('--timeout', '--hold', '20')).toEqual({ kind: 'timeout', holdMs: 20 });
    expect(await effectOf('--lost-response', 'hold', '--hold', 'client-timeout')).toEqual({
      kind: 'lost-response',
      lostResponse: 'hold',
      holdMs: 'client-timeout',
    });
    expect(await effectOf('--network', 'reset', '--delay', '5')).toEqual({ kind: 'network', network: 'reset', delayMs: 5 });
    expect(await effectOf('--gateway', '503')).toEqual({ kind: 'gateway', gateway: 503 });
    expect(await effectOf('--completion', 'failed')).toEqual({ kind: 'completion', completion: 'failed' });
    expect(await effectOf('--completion', 'success', '--completion-delay', '1500')).toEqual({
      kind: 'completion',
      completion: 'success',
      completionDelayMs: 1500,
    });
    expect(await effectOf('--delay', 'client-timeout')).toEqual({ kind: 'latency', delayMs: 'client-timeout' });
    const when = json(
      await cli(
        'fault',
        'add',
        '--endpoint',
        'transferToBank',
        '--delay',
        '1',
        '--when',
        'a!=b',
        '--when',
        'c~^x',
        '--when',
        'd<5',
        '--when',
        'e<=6',
        '--when',
        'f>7',
        '--when',
        'absent:g',
        '--data',
        dir,
        '--json',
      ),
    )[0].when;
    expect(when).toEqual([
      { field: 'a', op: 'ne', value: 'b' },
      { field: 'c', op: 'matches', value: '^x' },
      { field: 'd', op: 'lt', value: 5 },
      { field: 'e', op: 'lte', value: 6 },
      { field: 'f', op: 'gt', value: 7 },
      { field: 'g', op: 'absent' },
    ]);
    const rejected = await cli('fault', 'add', '--endpoint', 'transferToBank', '--result', 'NOT_A_CODE', '--data', dir);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(/NOT_A_CODE/);
  });

  it('completes an in-progress transfer, lists its notification with every attempt, and resends it', async () => {
    const { dir, server } = await running();
    const env = await readCredentials(join(dir, 'merchant.env'));
    const ref = `cli-trf-${Date.now()}`;
    const transfer = await signedPost(server.url, env, { kind: 'transferToBank', partnerReferenceNo: ref });
    expect(transfer.responseCode).toBe('2024300');
    await cli('merchant', 'set-notify-url', 'http://127.0.0.1:9', '--data', dir);
    const done = await cli('transfer', 'complete', ref, '--fail', '--data', dir);
    expect(done.stdout).toMatch(new RegExp(`^transfer ${ref} \\(\\d+\\) is now 06 Failed$`));
    await server.simulator.runDueWork();
    const list = await cli('webhooks', 'list', '--data', dir);
    expect(list.stdout).toMatch(
      /^\S+  transferToBankNotify  \S+  -> http:\/\/127.0.0.1:9\/v1.0\/debit\/emoney\/transfer-bank\/notify.htm\n  first send: \d+ attempt\(s\)\n {4}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d WIB  error: /m,
    );
    const id = json(await cli('webhooks', 'list', '--json', '--data', dir))[0].id;
    const attemptsBefore = json(await cli('webhooks', 'list', '--json', '--data', dir))[0].attempts.length;
    const resent = await cli('webhooks', 'resend', id, '--to', 'http://127.0.0.1:9/other', '--data', dir);
    expect(resent.stdout).toMatch(new RegExp(`^${id}: \\S+ after ${attemptsBefore + 1} attempt\\(s\\)$`));
    expect(json(await cli('balance', '--data', dir, '--json')).deposit).toBe('100000000.00');
  });

  it('shows UAT progress from the application traffic, and clears it', async () => {
    const { dir, server } = await running();
    const env = await readCredentials(join(dir, 'merchant.env'));
    await signedPost(server.url, env);
    const status = await cli('uat', 'status', '--data', dir);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^Dana Disbursement TopUp \(mandatory\): 0 of 7/m);
    expect((await cli('uat', 'status', '--reset', '--data', dir)).stdout).toBe('UAT progress cleared');
  });
});

describe('dana-sim uat', () => {
  it('runs the mandated disbursement set in-process, writes every report, exits 0', async () => {
    const out = await mkdtemp(join(tmpdir(), 'dana-sim-cli-uat-'));
    cleanup.push(() => rm(out, { recursive: true, force: true }));
    const result = await cli('uat', '--product', 'disbursement', '--report', 'junit,json,html', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dana Disbursement TopUp (mandatory): 7 of 7');
    expect(result.stdout).toContain('Dana Disbursement Bank Top Up (mandatory): 7 of 7');
    expect(result.stdout).toContain('General Payment finish notify (mandatory): 3 of 3');
    expect(result.stdout).toMatch(/mandatory: 17 of 17 passed/);
    expect(await readFile(join(out, 'uat-report.xml'), 'utf8')).toContain('<testsuites name="dana-sim uat"');
    expect(JSON.parse(await readFile(join(out, 'uat-report.json'), 'utf8')).cases.length).toBeGreaterThan(17);
    expect(await readFile(join(out, 'uat-report.html'), 'utf8')).toContain('TopUpCustomerValid');
  });

  it('runs chosen cases through a client adapter module', async () => {
    const adapter = await cli(
      'uat',
      '--only',
      'TopUpCustomerValid,TopUpCustomerFrozenAccount',
      '--client',
      'scenarios/clients/example-adapter.ts',
    );
    expect(adapter.code).toBe(0);
    expect(adapter.stdout).toMatch(/^2 passed, 0 failed/m);
  });
});
