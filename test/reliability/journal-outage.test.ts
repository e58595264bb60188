import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SimulatorClock } from '../../simulator/clock/clock.ts';
import { StorageUnavailable } from '../../simulator/ledger/store.ts';
import { setNotifyUrl } from '../../simulator/products/disbursement/operations.ts';
import { snapRequest } from '../../simulator/signature/client.ts';
import { FileStore } from '../../simulator/storage/file-store.ts';
import { controlCall, createTestSimulator, FUND_TYPE_BANK, PATHS, topUpBody, transferBody } from '../helpers.ts';
import { startReceiver } from '../receiver.ts';

// Issue 14, item 2, in process (no root needed; full-disk.test.ts fills a real disk): while the journal
// refuses writes, DANA's API answers changes with its 5xx and keeps answering reads, the control API
// answers 503, due work and notifications wait without a bug report or an unhandled rejection, and
// everything resumes by itself once the disk takes writes again.

let dir: string;
const unhandled: unknown[] = [];
const record = (reason: unknown) => void unhandled.push(reason);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dana-sim-outage-'));
  process.on('unhandledRejection', record);
});

afterEach(async () => {
  process.off('unhandledRejection', record);
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** Makes every file write fail with ENOSPC while `disk.full` is set, as a full disk does. */
async function fillableDisk() {
  const probe = await open(join(dir, 'prototype'), 'w');
  const prototype = Object.getPrototypeOf(probe) as { write: (this: FileHandle, ...args: unknown[]) => Promise<unknown> };
  await probe.close();
  await rm(join(dir, 'prototype'));
  const original = prototype.write;
  const disk = { full: false };
  vi.spyOn(prototype, 'write').mockImplementation(function (this: FileHandle, ...args: unknown[]) {
    if (disk.full) return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    return original.call(this, ...args);
  });
  return disk;
}

async function until(done: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 2000 && !done(); attempt++) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!done()) throw new Error(`never happened: ${what}`);
}

describe('a journal that refuses writes', () => {
  it('answers changes with DANA 5xx and control writes with 503, serves reads, holds due work, then resumes by itself', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const disk = await fillableDisk();
    const bugs: unknown[] = [];
    const t = await createTestSimulator({
      store: new FileStore(dir, { probeEveryMs: 5 }),
      background: false,
      clock: SimulatorClock.frozen(),
      transferCompletionMs: 3000,
      onBug: (error) => bugs.push(error),
    });
    const receiver = await startReceiver();
    try {
      setNotifyUrl(t.sim.runtime.db, receiver.url);
      const transfer = transferBody({ additionalInfo: { fundType: FUND_TYPE_BANK, needNotify: true } });
      expect((await t.snap(PATHS.transfer, transfer)).body.responseCode).toBe('2024300');
      const deposit = t.deposit();

      disk.full = true;
      const refused = topUpBody();
      // The very same request (same X-EXTERNAL-ID) is sent every time: a refusal leaves no trace of it.
      const signed = snapRequest({ path: PATHS.topUp, body: refused, credentials: t.credentials });
      for (let attempt = 0; attempt < 3; attempt++) {
        const reply = await t.sim.handle(signed);
        expect(reply.status).toBe(500);
        expect(JSON.parse(reply.body)).toMatchObject({ responseCode: '5003801', responseMessage: 'Internal Server Error' });
      }
      expect(t.sim.runtime.db.unavailable()).toBeInstanceOf(StorageUnavailable);
      expect(t.deposit()).toBe(deposit);
      const status = await t.snap(PATHS.topUpStatus, { originalPartnerReferenceNo: refused.partnerReferenceNo, serviceCode: '38' });
      expect(status.status).toBe(404);
      expect((await t.balanceCheck()).body.response.body.resultInfo.resultStatus).toBe('S');
      const control = await controlCall(t.sim, 'POST', '/__sim/balance/topup', JSON.stringify({ amount: '1000.00' }));
      expect(control.status).toBe(503);
      expect(JSON.parse(control.body).error).toMatch(/^the journal cannot be written \(ENOSPC: no space left on device, write\)/);
      expect(t.deposit()).toBe(deposit);
      // The transfer falls due, but completing it and notifying wait for the disk.
      t.sim.clock.advance(3000);
      await t.sim.runDueWork();
      expect(receiver.received).toHaveLength(0);

      disk.full = false;
      await until(() => t.sim.runtime.db.unavailable() === undefined, 'the probe ends the outage');
      await t.sim.runDueWork();
      expect(receiver.received).toHaveLength(1);
      expect(JSON.parse(receiver.received[0].body)).toMatchObject({ originalPartnerReferenceNo: transfer.partnerReferenceNo });
      // The refused top up, retried as it was, is processed afresh.
      expect(JSON.parse((await t.sim.handle(signed)).body).responseCode).toBe('2003800');
      expect(bugs).toEqual([]);
      expect(unhandled).toEqual([]);
      expect(logged.mock.calls.map(([line]) => line)).toEqual([
        'dana-sim: cannot write the journal (ENOSPC: no space left on device, write); refusing changes until the disk accepts writes again',
        'dana-sim: the journal is writable again; accepting changes',
      ]);
    } finally {
      await receiver.close();
      await t.sim.close();
    }
  });
});
