import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRsaKeyPair } from '../simulator/signature/keys.ts';
import { listeningUrl } from './spawned.ts';

// The dana-sim command as a user runs it: a real process, real flags, real exit codes.

const BIN = resolve('simulator/bin/dana-sim.mjs');
let dataDir: string;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `dana-sim start` as a real process and resolves with it and its URL once it serves. */
async function startServer(dir: string, ...extra: string[]) {
  const server = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data', dir, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await listeningUrl(server, (output) => output.includes('stop with'));
  return { server, url };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-cli-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('dana-sim CLI', () => {
  it('prints help for the tool and for each command', () => {
    const top = run('--help');
    expect(top.code).toBe(0);
    for (const command of ['start', 'reset', 'merchant add', 'merchant list', 'balance', 'balance topup']) expect(top.stdout).toContain(command);
    const topup = run('balance', 'topup', '--help');
    expect(topup.code).toBe(0);
    expect(topup.stdout).toContain('--amount');
  });

  it('exits 2 with a clear message on unknown commands, unknown flags and bad values', () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['balance', '--bogus'], /Unknown option '--bogus'/],
      [['balance', 'topup', '--amount', '10'], /--amount must look like 1000000.00, got "10"/],
      [['start', '--port', 'eighty'], /--port must be a whole number/],
      [['start', '--transfer-completion', 'soon'], /--transfer-completion must look like 3s/],
      [['start', '--va-window', '0'], /--va-window must look like 5m/],
      [['merchant'], /choose one of merchant add, merchant list/],
      [['merchant', 'add', '--public-key', 'k.pem'], /--partner-id is required/],
    ];
    for (const [args, message] of cases) {
      const result = run(...args, '--data', dataDir);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('starts, writes the credentials file, takes CLI commands while running, stops cleanly and keeps state', async () => {
    const { server, url } = await startServer(dataDir);
    const env = await readFile(join(dataDir, 'merchant.env'), 'utf8');
    for (const name of ['X_PARTNER_ID', 'PRIVATE_KEY', 'ORIGIN', 'MERCHANT_ID', 'CLIENT_SECRET', 'DANA_PUBLIC_KEY', 'DANA_SIM_URL']) expect(env).toMatch(new RegExp(`^${name}=".+"$`, 'm'));
    expect(env).toContain(`DANA_SIM_URL="${url}"`);

    const topped = run('balance', 'topup', '--amount', '1000000.00', '--data', dataDir, '--json');
    expect(topped.code).toBe(0);
    expect(JSON.parse(topped.stdout).deposit).toBe('101000000.00');
    const viaApi = await (await fetch(`${url}/__sim/balance`)).json();
    expect(viaApi.deposit).toBe('101000000.00');

    const exited = new Promise<number | null>((done) => server.once('exit', done));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    const offline = run('balance', '--data', dataDir, '--json');
    expect(offline.code).toBe(0);
    expect(JSON.parse(offline.stdout).deposit).toBe('101000000.00');
  });

  it('registers existing credentials with merchant add and lists them', async () => {
    const keyFile = join(dataDir, 'team-key.pem');
    await writeFile(keyFile, generateRsaKeyPair().publicKeyPem);
    const added = run('merchant', 'add', '--partner-id', 'team-partner-1', '--public-key', keyFile, '--merchant-id', '216600000000000000042', '--data', dataDir);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('216600000000000000042');
    expect(run('merchant', 'list', '--data', dataDir).stdout).toMatch(/deposit VA \(BNI\) 988\d{13}/);
    const listed = run('merchant', 'list', '--data', dataDir, '--json');
    expect(JSON.parse(listed.stdout).map((m: { partnerId: string }) => m.partnerId)).toContain('team-partner-1');
    const again = run('merchant', 'add', '--partner-id', 'team-partner-1', '--public-key', keyFile, '--data', dataDir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already registered');
  });

  it('adds and lists bank accounts, sets the notify URL, and advances the clock', () => {
    const added = run('bank-account', 'add', '--bank-code', '008', '--account-number', '1234567890', '--status', 'inactive', '--holder-name', 'BUDI', '--data', dataDir, '--json');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ bankCode: '008', accountNumber: '1234567890', status: 'INACTIVE', holderName: 'BUDI' });
    const listed = run('bank-account', 'list', '--data', dataDir);
    expect(listed.stdout).toContain('2460888509');
    expect(listed.stdout).toMatch(/008 1234567890\s+INACTIVE/);
    expect(listed.stdout).toContain('81398055100');
    expect(run('bank-account', 'add', '--bank-code', '999', '--account-number', '1234567890', '--data', dataDir).code).toBe(1);
    const notify = run('merchant', 'set-notify-url', 'http://127.0.0.1:3000', '--data', dataDir);
    expect(notify.code).toBe(0);
    expect(notify.stdout).toContain('http://127.0.0.1:3000/v1.0/debit/emoney/transfer-bank/notify.htm');
    expect(run('clock', 'advance', '--data', dataDir).code).toBe(2);
    const advanced = run('clock', 'advance', '90s', '--data', dataDir);
    expect(advanced.code).toBe(0);
    expect(advanced.stdout).toMatch(/simulator time is now \d{4}-/);
    expect(run('transfer', 'complete', 'nothing-here', '--data', dataDir).stderr).toContain('no transfer in progress');
    expect(run('webhooks', 'list', '--data', dataDir).stdout).toContain('no notifications yet');
  });

  it('injects faults into a running simulator: the next balance check fails once, and the log shows the rule', async () => {
    const faultDir = await mkdtemp(join(tmpdir(), 'dana-sim-cli-faults-'));
    const rules = join(faultDir, 'rules.yaml');
    await writeFile(rules, 'rules:\n  - id: from-file\n    endpoint: transferToDana\n    effect: { delayMs: 1 }\n');
    const { server, url } = await startServer(faultDir, '--faults', rules);
    try {
      const defaults = run('fault', 'list', '--defaults', '--data', faultDir);
      expect(defaults.stdout).toContain('sandbox.topup.frozen');
      expect(run('fault', 'list', '--data', faultDir).stdout).toContain('from-file');
      const added = run('fault', 'add', '--endpoint', 'queryMerchantResource', '--result', 'SYSTEM_ERROR', '--times', '1', '--data', faultDir);
      expect(added.code).toBe(0);
      const env = Object.fromEntries(
        (await readFile(join(faultDir, 'merchant.env'), 'utf8')).split('\n').filter((line) => line.includes('=')).map((line) => {
          const at = line.indexOf('=');
          return [line.slice(0, at), JSON.parse(line.slice(at + 1))];
        }),
      );
      const { openApiRequest } = await import('../simulator/signature/client.ts');
      const check = async () => {
        const signed = openApiRequest({ path: '/dana/merchant/queryMerchantResource.htm', function: 'dana.merchant.queryMerchantResource', credentials: { partnerId: env.X_PARTNER_ID, privateKey: env.PRIVATE_KEY, clientSecret: env.CLIENT_SECRET }, body: { requestMerchantId: env.MERCHANT_ID, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] } });
        const response = await fetch(url + signed.path, { method: 'POST', headers: signed.headers, body: signed.body });
        return (await response.json()).response.body.resultInfo;
      };
      expect(await check()).toMatchObject({ resultStatus: 'U', resultCodeId: '00000900', resultCode: 'SYSTEM_ERROR' });
      expect(await check()).toMatchObject({ resultStatus: 'S' });
      const log = run('log', '--data', faultDir);
      expect(log.stdout).toMatch(/SYSTEM_ERROR\s+queryMerchantResource\s+rule rule-\d+ \(result\)/);
      expect(log.stdout).toMatch(/SUCCESS\s+queryMerchantResource\s+no rule/);
      expect(run('fault', 'clear', '--data', faultDir).stdout).toContain('removed 1');
    } finally {
      server.kill('SIGTERM');
      await new Promise((done) => server.once('exit', done));
      await rm(faultDir, { recursive: true, force: true });
    }
  });

  it('refuses fault commands when no simulator runs, since rules live in a running one', () => {
    const result = run('fault', 'add', '--endpoint', 'transferToDana', '--result', 'GENERAL_ERROR', '--data', dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no simulator is running');
  });

  it('runs the mandated disbursement set with `uat`, prints portal progress, writes reports, exits 0', async () => {
    const out = join(dataDir, 'reports');
    const result = run('uat', '--product', 'disbursement', '--report', 'junit,json,html', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dana Disbursement TopUp (mandatory): 7 of 7');
    expect(result.stdout).toContain('Dana Disbursement Bank Top Up (mandatory): 7 of 7');
    expect(result.stdout).toContain('General Payment finish notify (mandatory): 3 of 3');
    expect(result.stdout).toMatch(/mandatory: 17 of 17 passed/);
    expect(await readFile(join(out, 'uat-report.xml'), 'utf8')).toContain('<testsuites name="dana-sim uat"');
    expect(JSON.parse(await readFile(join(out, 'uat-report.json'), 'utf8')).cases.length).toBeGreaterThan(17);
    expect(await readFile(join(out, 'uat-report.html'), 'utf8')).toContain('TopUpCustomerValid');
    const adapter = run('uat', '--only', 'TopUpCustomerValid,TopUpCustomerFrozenAccount', '--client', 'scenarios/clients/example-adapter.ts');
    expect(adapter.stdout).toContain('2 passed, 0 failed');
    expect(run('uat', '--product', 'loans').code).toBe(2);
    expect(run('uat', 'status', '--data', dataDir).stderr).toContain('no simulator is running');
  });

  it('resets transactions and balances but keeps merchants', () => {
    const reset = run('reset', '--data', dataDir);
    expect(reset.code).toBe(0);
    expect(JSON.parse(run('balance', '--data', dataDir, '--json').stdout).deposit).toBe('100000000.00');
    expect(JSON.parse(run('merchant', 'list', '--data', dataDir, '--json').stdout).length).toBeGreaterThanOrEqual(2);
  });
});
