import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../simulator/adapters/server.ts';
import { verifyDanaNotification } from '../simulator/signature/notification.ts';
import { snapRequest } from '../simulator/signature/client.ts';
import { readCredentials, signedPost } from './cli-helpers.ts';
import { PATHS, orderBody } from './helpers.ts';
import { startReceiver, type Receiver } from './receiver.ts';
import { runCli } from './run-cli.ts';

// `dana-sim trigger`, `webhooks list` and the CLI's times, against one simulator served in this
// process and receivers on loopback: a triggered notification carries the overrides, is signed with
// DANA's key, shows in `webhooks list`, and changes nothing about the transaction it is about.

const WIB = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d WIB/;
let dir: string;
let server: RunningServer;
let merchant: Receiver;
let bank: Receiver;
let bankTest: Receiver;
let danaPublicKey: string;
const cli = (...args: string[]) => runCli(...args, '--data', dir);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dana-sim-cli-trigger-'));
  server = await serve({ dataDir: dir, host: '127.0.0.1', port: 0, fsync: false, background: false });
  merchant = await startReceiver();
  // The bank's own callback endpoint is down: Create VA stays pending (retrying).
  bank = await startReceiver([{ status: 500, body: '{"responseCode":"5002700","responseMessage":"General Error"}' }]);
  // Where the bank tests its handler: it answers Create VA with success.
  bankTest = await startReceiver([{ status: 200, body: '{"responseCode":"2002700","responseMessage":"Successful"}' }]);
  danaPublicKey = ((await (await fetch(`${server.url}/__sim/keys/dana`)).json()) as { publicKeyPem: string }).publicKeyPem;
});

afterAll(async () => {
  await Promise.all([merchant.close(), bank.close(), bankTest.close()]);
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('dana-sim trigger', () => {
  it('sends Transfer to Bank Notify again with overridden fields, signed by DANA, leaving the transfer in progress', async () => {
    expect((await cli('merchant', 'set-notify-url', merchant.url)).code).toBe(0);
    const env = await readCredentials(server.envFile);
    const transfer = await signedPost(server.url, env, { kind: 'transferToBank', partnerReferenceNo: 'trigger-1' });
    expect(transfer.responseCode).toBe('2024300');

    const ran = await cli(
      'trigger',
      'transfer',
      'trigger-1',
      '--set',
      'latestTransactionStatus=06',
      '--set',
      'additionalInfo.note=edge case',
      '--set',
      'amount.value=-1.00',
      '--set',
      'originalExternalId=null',
    );
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(
      /-trigger-1: delivered after 1 attempt\(s\) to http:\/\/127\.0\.0\.1:\d+\/v1\.0\/debit\/emoney\/transfer-bank\/notify\.htm/,
    );
    expect(merchant.received).toHaveLength(1);
    const received = merchant.received[0];
    const body = JSON.parse(received.body);
    expect(body).toMatchObject({
      originalPartnerReferenceNo: 'trigger-1',
      latestTransactionStatus: '06',
      transactionStatusDesc: 'Pending',
      amount: { value: '-1.00', currency: 'IDR' },
      originalExternalId: null,
      additionalInfo: { note: 'edge case' },
    });
    expect(verifyDanaNotification({ path: received.path, headers: received.headers, body: received.body }, danaPublicKey)).toBe(true);

    // The transfer is still in progress: completing it works, and its own notification says 00.
    const completed = await cli('transfer', 'complete', 'trigger-1', '--succeed');
    expect(completed.code, completed.stderr).toBe(0);
    expect(merchant.received).toHaveLength(2);
    expect(JSON.parse(merchant.received[1].body)).toMatchObject({ latestTransactionStatus: '00', amount: { value: '50000.00' } });
  });

  it('sends Create VA to another URL without the answer changing the VA', async () => {
    expect((await cli('partner', 'set-callback', bank.url)).code).toBe(0);
    const created = await cli('va', 'create', '--customer', '62811742234', '--amount', '50000.00', '--json');
    expect(created.code, created.stderr).toBe(0);
    const va = JSON.parse(created.stdout) as { virtualAccountNo: string; createVa: string };
    expect(va.createVa).toBe('pending');

    // A path through a prototype is a usage error, and nothing is sent.
    const unsafe = await cli('trigger', 'va', va.virtualAccountNo, '--to', `${bankTest.url}/hook`, '--set', '__proto__.polluted=1');
    expect(unsafe.code).toBe(2);
    expect(unsafe.stderr).toContain('"__proto__.polluted" is not a field path');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const before = bankTest.received.length;
    const ran = await cli('trigger', 'va', va.virtualAccountNo, '--to', `${bankTest.url}/hook`, '--set', 'totalAmount.value=1.00');
    expect(ran.code, ran.stderr).toBe(0);
    expect(bankTest.received).toHaveLength(before + 1);
    expect(ran.stdout).toMatch(/^create-va-.*-trigger-1: delivered after 1 attempt\(s\) to http:\/\/127\.0\.0\.1:\d+\/hook$/m);
    const received = bankTest.received.at(-1)!;
    expect(JSON.parse(received.body)).toMatchObject({ virtualAccountNo: va.virtualAccountNo, totalAmount: { value: '1.00' } });
    expect(verifyDanaNotification({ path: received.path, headers: received.headers, body: received.body }, danaPublicKey)).toBe(true);
    // The bank acknowledged the triggered call, but the VA's own Create VA is still unanswered.
    const listed = JSON.parse((await cli('va', 'list', '--json')).stdout) as Array<{ virtualAccountNo: string; createVa: string }>;
    expect(listed.find((v) => v.virtualAccountNo === va.virtualAccountNo)?.createVa).toBe('pending');
    expect((await cli('va', 'list')).stdout).toMatch(new RegExp(`expires ${WIB.source}`));
  });

  it('sends Finish Notify about an unpaid order to --to, with the order still open and listed in WIB', async () => {
    const env = await readCredentials(server.envFile);
    const credentials = { partnerId: env.X_PARTNER_ID, privateKey: env.PRIVATE_KEY, clientSecret: env.CLIENT_SECRET };
    const body = orderBody(env.MERCHANT_ID, { partnerReferenceNo: 'order-trigger-1' });
    const request = snapRequest({ path: PATHS.createOrder, credentials, body });
    const created = await (await fetch(server.url + request.path, { method: 'POST', headers: request.headers, body: request.body })).json();
    expect(created.responseCode).toBe('2005400');

    const ran = await cli('trigger', 'order', 'order-trigger-1', '--to', `${merchant.url}/finish`, '--set', 'latestTransactionStatus=00');
    expect(ran.code, ran.stderr).toBe(0);
    const received = merchant.received.at(-1)!;
    expect(received.path).toBe('/finish');
    expect(JSON.parse(received.body)).toMatchObject({ originalPartnerReferenceNo: 'order-trigger-1', latestTransactionStatus: '00' });
    expect(verifyDanaNotification({ path: received.path, headers: received.headers, body: received.body }, danaPublicKey)).toBe(true);
    const orders = await cli('order', 'list');
    expect(orders.stdout).toMatch(new RegExp(`^order-trigger-1  01  22200\\.00 IDR .*until ${WIB.source}$`, 'm'));
  });

  it('refuses an unknown reference with exit 2, naming the references that exist', async () => {
    const ran = await cli('trigger', 'transfer', 'nope');
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/no transfer with partnerReferenceNo "nope"; partnerReferenceNos known: trigger-1/);
  });
});

describe('webhooks list and the clock', () => {
  it('shows every attempt (WIB time, status, latency, acknowledged, start of the reply) grouped by delivery cycle', async () => {
    const list = await cli('webhooks', 'list');
    const id = /^(notify-\S+-trigger-1) /m.exec(list.stdout)![1];
    expect((await cli('webhooks', 'resend', id)).code).toBe(0);
    const again = (await cli('webhooks', 'list')).stdout;
    const block = again.slice(again.indexOf(`${id} `)).split(/\n(?=\S)/)[0];
    expect(block).toMatch(/ delivered {2}\(triggered\) {2}-> http:\/\/127\.0\.0\.1/);
    expect(block).toMatch(
      new RegExp(`first send: 1 attempt\\(s\\)\\n {4}${WIB.source} {2}HTTP 200 {2}\\d+ ms {2}acknowledged {2}\\{"responseCode":"2004300"`),
    );
    expect(block).toMatch(new RegExp(`resend 1: 1 attempt\\(s\\)\\n {4}${WIB.source} {2}HTTP 200`));
    // The bank's failing Create VA: its error replies, not acknowledged, and when it is tried next.
    expect(again).toMatch(new RegExp(`${WIB.source} {2}HTTP 500 {2}\\d+ ms {2}not acknowledged {2}\\{"responseCode":"5002700"`));
    expect(again).toMatch(new RegExp(`next attempt ${WIB.source}`));
  });

  it('shows the simulator time in WIB', async () => {
    expect((await cli('clock')).stdout).toMatch(new RegExp(`^simulator time is ${WIB.source}$`));
    expect((await cli('clock', 'advance', '1s')).stdout).toMatch(new RegExp(`^simulator time is now ${WIB.source}$`));
    // JSON keeps milliseconds and the +07:00 offset; any ISO parser reads it.
    const now = JSON.parse((await cli('clock', '--json')).stdout).now as string;
    expect(now).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00$/);
    expect(Math.abs(Date.parse(now) - server.simulator.runtime.clock.now())).toBeLessThan(60_000);
  });
});
