import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../simulator/adapters/server.ts';
import { snapRequest } from '../simulator/signature/client.ts';
import { idr, PATHS, testKeys, topUpBody } from './helpers.ts';

// The embedded default: an HTTP server on a data directory. State survives a restart; a reply is
// sent only once its state is on disk.

let dataDir: string;
const servers: RunningServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function boot() {
  const { dana, merchant } = testKeys();
  const server = await serve({ dataDir, host: '127.0.0.1', port: 0, danaKeys: dana, merchant: { privateKeyPem: merchant.privateKeyPem }, seed: 'restart' });
  servers.push(server);
  const merchantRecord = server.simulator.defaultMerchant();
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
    const accounts = Object.fromEntries(first.server.simulator.db.ledger.accounts());
    expect((await readdir(join(dataDir, 'state'))).some((name) => name.startsWith('journal-'))).toBe(true);
    await first.server.stop();

    const second = await boot();
    expect(Object.fromEntries(second.server.simulator.db.ledger.accounts())).toEqual(accounts);
    const okStatus = await second.post(PATHS.topUpStatus, { originalPartnerReferenceNo: ok.partnerReferenceNo, serviceCode: '38' });
    const failedStatus = await second.post(PATHS.topUpStatus, { originalPartnerReferenceNo: failed.partnerReferenceNo, serviceCode: '38' });
    expect(okStatus.body.latestTransactionStatus).toBe('00');
    expect(failedStatus.body.latestTransactionStatus).toBe('06');
    const replay = await second.post(PATHS.topUp, ok);
    expect(replay.body.referenceNo).toBe(paid.body.referenceNo);
    expect(Object.fromEntries(second.server.simulator.db.ledger.accounts())).toEqual(accounts);
  });

  it('keeps time moved by clock advance, so pending transfers complete on the same schedule', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-clock-'));
    const first = await boot();
    await first.server.simulator.advanceClock(3_600_000);
    const movedTo = first.server.simulator.clock.now();
    await first.server.stop();
    const second = await boot();
    expect(second.server.simulator.clock.now()).toBeGreaterThanOrEqual(movedTo);
  });

  it('refuses to serve a data directory another live process serves', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-lock-'));
    // The parent process is alive and is not this one: it stands in for another simulator.
    await writeFile(join(dataDir, 'server.json'), JSON.stringify({ pid: process.ppid, url: 'http://127.0.0.1:1' }));
    const { dana } = testKeys();
    await expect(serve({ dataDir, host: '127.0.0.1', port: 0, danaKeys: dana })).rejects.toThrow(/already serves/);
  });
});
