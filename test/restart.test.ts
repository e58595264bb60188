import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type RunningServer, type ServeOptions } from '../simulator/adapters/server.ts';
import { setNotifyUrl } from '../simulator/products/disbursement/operations.ts';
import { SimulatorClock } from '../simulator/clock/clock.ts';
import { FEE_INCOME_ACCOUNT, merchantDeposit, merchantDepositReserved } from '../simulator/ledger/accounts.ts';
import { BANK_PAYOUTS_ACCOUNT } from '../simulator/products/disbursement/bank-transfers.ts';
import { snapRequest } from '../simulator/signature/client.ts';
import { FUND_TYPE_BANK, idr, PATHS, testKeys, topUpBody, transferBody } from './helpers.ts';
import { notificationSignatureProblem } from './oracle/dana-signature.ts';
import { danaCallReceivers } from './receiver.ts';

// The embedded default: an HTTP server on a data directory. State survives a restart; a reply is
// sent only once its state is on disk.

let dataDir: string;
const servers: RunningServer[] = [];
const receivers = danaCallReceivers();

afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  await rm(dataDir, { recursive: true, force: true });
  expect(await receivers.closeAll()).toEqual([]);
});

async function boot(options: Partial<ServeOptions> = {}) {
  const { dana, merchant } = testKeys();
  const server = await serve({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    danaKeys: dana,
    merchant: { privateKeyPem: merchant.privateKeyPem },
    seed: 'restart',
    ...options,
  });
  servers.push(server);
  const merchantRecord = server.simulator.parties.defaultMerchant();
  const credentials = { partnerId: merchantRecord.partnerId, privateKey: merchant.privateKeyPem };
  const post = async (path: string, body: unknown) => {
    const signed = snapRequest({ path, body, credentials });
    const response = await fetch(server.url + path, { method: 'POST', headers: signed.headers, body: signed.body });
    return { status: response.status, body: await response.json() };
  };
  return { server, post };
}

describe('restart', () => {
  it('keeps balances, statuses and idempotency across a restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-restart-'));
    const first = await boot();
    const ok = topUpBody();
    const failed = topUpBody({ amount: idr('21000000.00') });
    const paid = await first.post(PATHS.topUp, ok);
    await first.post(PATHS.topUp, failed);
    const accounts = Object.fromEntries(first.server.simulator.runtime.db.ledger.accounts());
    expect((await readdir(join(dataDir, 'state'))).some((name) => name.startsWith('journal-'))).toBe(true);
    await first.server.stop();

    const second = await boot();
    expect(Object.fromEntries(second.server.simulator.runtime.db.ledger.accounts())).toEqual(accounts);
    const okStatus = await second.post(PATHS.topUpStatus, { originalPartnerReferenceNo: ok.partnerReferenceNo, serviceCode: '38' });
    const failedStatus = await second.post(PATHS.topUpStatus, { originalPartnerReferenceNo: failed.partnerReferenceNo, serviceCode: '38' });
    expect(okStatus.body.latestTransactionStatus).toBe('00');
    expect(failedStatus.body.latestTransactionStatus).toBe('06');
    const replay = await second.post(PATHS.topUp, ok);
    expect(replay.body.referenceNo).toBe(paid.body.referenceNo);
    expect(Object.fromEntries(second.server.simulator.runtime.db.ledger.accounts())).toEqual(accounts);
  });

  it('completes a transfer left in progress by the previous run at its scheduled time, not before, on the clock moved by clock advance', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-clock-'));
    // Both runs start from the same frozen wall time, so only `clock advance` and the stored offset move
    // the simulator clock: real time spent restarting cannot complete the transfer early.
    const wallMs = Date.now();
    const HOUR_MS = 3_600_000;
    const run = () => boot({ clock: SimulatorClock.frozen(wallMs), transferCompletionMs: HOUR_MS, background: false });
    const first = await run();
    const merchantId = first.server.simulator.parties.defaultMerchant().merchantId;
    const receiver = await receivers.start(first.server.simulator.danaKeys.publicKeyPem);
    setNotifyUrl(first.server.simulator.runtime.db, receiver.url);
    const balances = (server: RunningServer) => {
      const ledger = server.simulator.runtime.db.ledger;
      return {
        deposit: ledger.balance(merchantDeposit(merchantId)),
        reserved: ledger.balance(merchantDepositReserved(merchantId)),
        payouts: ledger.balance(BANK_PAYOUTS_ACCOUNT),
        fees: ledger.balance(FEE_INCOME_ACCOUNT),
      };
    };
    const before = balances(first.server);
    const transfer = transferBody({ amount: idr('75000.00'), additionalInfo: { fundType: FUND_TYPE_BANK, needNotify: true } });
    const accepted = await first.post(PATHS.transfer, transfer);
    expect(accepted.body.responseCode).toBe('2024300');
    const status = async (server: Awaited<ReturnType<typeof boot>>) =>
      (await server.post(PATHS.transferStatus, { originalPartnerReferenceNo: transfer.partnerReferenceNo, serviceCode: '00' })).body
        .latestTransactionStatus as string;
    await first.server.simulator.advanceClock(HOUR_MS / 2);
    expect(await status(first)).toBe('03');
    await first.server.stop();

    const second = await run();
    expect(second.server.simulator.runtime.clock.now()).toBe(wallMs + HOUR_MS / 2);
    expect(await status(second)).toBe('03');
    // Amount + the 2,500.00 fee are held while the transfer is in progress.
    expect(balances(second.server)).toEqual({ ...before, deposit: before.deposit - 7_750_000, reserved: before.reserved + 7_750_000 });
    await second.server.simulator.advanceClock(HOUR_MS / 2 - 1);
    expect(await status(second)).toBe('03');
    expect(receiver.received).toHaveLength(0);
    await second.server.simulator.advanceClock(1);
    expect(await status(second)).toBe('00');
    expect(balances(second.server)).toEqual({
      deposit: before.deposit - 7_750_000,
      reserved: before.reserved,
      payouts: before.payouts + 7_500_000,
      fees: before.fees + 250_000,
    });
    expect(receiver.received).toHaveLength(1);
    expect(notificationSignatureProblem(receiver.received[0], second.server.simulator.danaKeys.publicKeyPem)).toBeUndefined();
    expect(JSON.parse(receiver.received[0].body)).toMatchObject({
      originalPartnerReferenceNo: transfer.partnerReferenceNo,
      latestTransactionStatus: '00',
    });
  });

  it('refuses to serve a data directory another live process serves', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-lock-'));
    // The parent process is alive and is not this one: it stands in for another simulator.
    await writeFile(
      join(dataDir, 'lock'),
      JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', role: 'server' }),
    );
    await writeFile(join(dataDir, 'server.json'), JSON.stringify({ pid: process.ppid, url: 'http://127.0.0.1:1' }));
    const { dana } = testKeys();
    await expect(serve({ dataDir, host: '127.0.0.1', port: 0, danaKeys: dana })).rejects.toThrow(
      `is already in use by a simulator (pid ${process.ppid}, started 2026-01-01T00:00:00.000Z, serving at http://127.0.0.1:1)`,
    );
  });
});
