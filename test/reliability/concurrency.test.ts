import { createPrivateKey } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../simulator/adapters/server.ts';
import { merchantDeposit, userBalance } from '../../simulator/ledger/accounts.ts';
import { POSTINGS } from '../../simulator/ledger/database.ts';
import { isExternalAccount, type Posting } from '../../simulator/ledger/ledger.ts';
import { toMinor, toValue } from '../../simulator/ledger/money.ts';
import { snapRequest, type MerchantCredentials } from '../../simulator/signature/client.ts';
import { idr, PATHS, testKeys, topUpBody } from '../helpers.ts';
import { postSigned } from '../signed-post.ts';
import { seededRandom } from '../../simulator/core/random.ts';

// Issue 8: concurrency over real HTTP. 1,000 top ups over 50 keep-alive connections against a
// deposit that runs out midway: money is conserved, each 2xx is exactly one posting, each rejection
// none, and the deposit fell by exactly what the 2xx replies say. Then 20 identical concurrent
// requests commit once.

const REQUESTS = 1000;
const WORKERS = 50;
const CUSTOMERS = Array.from({ length: 10 }, (_, i) => `6281300000${String(i).padStart(2, '0')}`);

let dataDir: string;
let server: RunningServer;
let credentials: MerchantCredentials;
let merchantId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-concurrency-'));
  const { dana, merchant } = testKeys();
  server = await serve({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    danaKeys: dana,
    merchant: { privateKeyPem: merchant.privateKeyPem },
    seed: 'concurrency',
  });
  const record = server.simulator.parties.defaultMerchant();
  credentials = { partnerId: record.partnerId, privateKey: createPrivateKey(merchant.privateKeyPem) };
  merchantId = record.merchantId;
});

afterAll(async () => {
  agent.destroy();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface Sent {
  readonly body: ReturnType<typeof topUpBody>;
  readonly costMinor: number;
  status: number;
  reply: any;
}

// At most 50 keep-alive connections, reused by the workers.
const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });

function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
  return postSigned(server.url, snapRequest({ path, body, credentials }), agent, 10_000);
}

/** Runs `work` for every item with `workers` concurrent async workers sharing one cursor. */
async function pool<T>(items: readonly T[], workers: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

const postingsByRef = () => {
  const counts = new Map<string, number>();
  for (const posting of server.simulator.runtime.db.values<Posting>(POSTINGS)) counts.set(posting.ref, (counts.get(posting.ref) ?? 0) + 1);
  return counts;
};

const refOf = (partnerReferenceNo: string) => `topUp:${credentials.partnerId}:${partnerReferenceNo}`;

describe('concurrency over HTTP', () => {
  it('1,000 top ups over 50 connections while the deposit runs out: money conserved, one posting per 2xx, none per 4xx', async () => {
    const db = server.simulator.runtime.db;
    const random = seededRandom('concurrency');
    const sent: Sent[] = Array.from({ length: REQUESTS }, (_, i) => {
      const amount = 1 + Math.floor(random() * 500);
      const fee = Math.floor(random() * 6);
      const body = topUpBody({
        partnerReferenceNo: `conc-${i}`,
        customerNumber: CUSTOMERS[Math.floor(random() * CUSTOMERS.length)],
        amount: idr(`${amount}.00`),
        feeAmount: idr(`${fee}.00`),
      });
      return { body, costMinor: (amount + fee) * 100, status: 0, reply: undefined };
    });

    // Leave roughly half the requests' worth in the deposit: drain the rest with one top up whose fee is large.
    const leave = sent.slice(0, REQUESTS / 2).reduce((sum, item) => sum + item.costMinor, 0);
    const initial = db.ledger.balance(merchantDeposit(merchantId));
    const drainFee = initial - leave - 100;
    expect(drainFee).toBeGreaterThan(0);
    const drain = await post(
      PATHS.topUp,
      topUpBody({
        partnerReferenceNo: 'conc-drain',
        customerNumber: '628130009999',
        amount: idr('1.00'),
        feeAmount: idr(toValue(drainFee)),
      }),
    );
    expect(drain.body.responseCode).toBe('2003800');
    expect(db.ledger.balance(merchantDeposit(merchantId))).toBe(leave);

    const usersBefore = new Map(CUSTOMERS.map((customer) => [customer, db.ledger.balance(userBalance(customer))]));
    const postingsBefore = db.size(POSTINGS);

    // Count the connections the load opens: 50 workers share at most 50 keep-alive connections.
    let connections = 0;
    const counted = () => void connections++;
    server.server.on('connection', counted);
    let inFlight = 0;
    let maxInFlight = 0;
    await pool(sent, WORKERS, async (item) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      const reply = await post(PATHS.topUp, item.body);
      inFlight--;
      item.status = reply.status;
      item.reply = reply.body;
    });
    server.server.off('connection', counted);
    expect(maxInFlight).toBe(WORKERS);
    expect(connections).toBeGreaterThan(1);
    expect(connections).toBeLessThanOrEqual(WORKERS);

    const accepted = sent.filter((item) => item.status >= 200 && item.status < 300);
    const rejected = sent.filter((item) => item.status >= 400 && item.status < 500);
    // Every request got an answer, either a success or DANA's Insufficient Fund.
    expect(accepted.length + rejected.length).toBe(REQUESTS);
    for (const item of accepted)
      expect(item.reply).toMatchObject({ responseCode: '2003800', partnerReferenceNo: item.body.partnerReferenceNo });
    for (const item of rejected) {
      expect(item.status).toBe(403);
      expect(item.reply).toMatchObject({
        responseCode: '4033814',
        responseMessage: 'Insufficient Fund',
        partnerReferenceNo: item.body.partnerReferenceNo,
      });
    }
    // The deposit really ran out midway.
    expect(accepted.length).toBeGreaterThan(REQUESTS / 4);
    expect(rejected.length).toBeGreaterThan(REQUESTS / 4);

    // Money is conserved and nothing inside the simulated world is overdrawn.
    expect(db.ledger.totalMinor()).toBe(0);
    for (const [account, minor] of db.ledger.accounts()) if (!isExternalAccount(account)) expect(minor, account).toBeGreaterThanOrEqual(0);

    // Each 2xx is exactly one posting referring to it; each rejection left none.
    const byRef = postingsByRef();
    for (const item of accepted) expect(byRef.get(refOf(item.body.partnerReferenceNo)), item.body.partnerReferenceNo).toBe(1);
    for (const item of rejected) expect(byRef.get(refOf(item.body.partnerReferenceNo)), item.body.partnerReferenceNo).toBeUndefined();
    expect(db.size(POSTINGS) - postingsBefore).toBe(accepted.length);

    // The deposit fell by exactly amount + fee of the accepted ones; each user rose by its amounts.
    const spent = accepted.reduce((sum, item) => sum + item.costMinor, 0);
    const finalDeposit = db.ledger.balance(merchantDeposit(merchantId));
    expect(leave - finalDeposit).toBe(spent);
    for (const customer of CUSTOMERS) {
      const credited = accepted
        .filter((item) => item.body.customerNumber === customer)
        .reduce((sum, item) => sum + toMinor(item.body.amount.value)!, 0);
      expect(db.ledger.balance(userBalance(customer)) - usersBefore.get(customer)!, customer).toBe(credited);
    }
    // The deposit only fell during the run, so every rejected request asked for more than was left at the end.
    for (const item of rejected) expect(item.costMinor).toBeGreaterThan(finalDeposit);
  });

  it('20 concurrent identical requests commit once and all get the same reply', async () => {
    const db = server.simulator.runtime.db;
    // Refill through the control API (loopback), so this test does not depend on what the first left.
    const refill = await fetch(`${server.url}/__sim/balance/topup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: '1000.00' }),
    });
    expect(await refill.json()).toMatchObject({ merchantId });
    expect(refill.status).toBe(200);
    const depositBefore = db.ledger.balance(merchantDeposit(merchantId));
    const postingsBefore = db.size(POSTINGS);
    const body = topUpBody({
      partnerReferenceNo: 'conc-identical',
      customerNumber: CUSTOMERS[0],
      amount: idr('10.00'),
      feeAmount: idr('1.00'),
    });
    // The same body each time, signed per request with its own X-EXTERNAL-ID, as a retrying client sends it.
    const replies = await Promise.all(Array.from({ length: 20 }, () => post(PATHS.topUp, body)));
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(200));
    expect(replies[0].body).toMatchObject({ responseCode: '2003800', partnerReferenceNo: 'conc-identical' });
    for (const reply of replies) expect(reply.body).toEqual(replies[0].body);
    expect(postingsByRef().get(refOf('conc-identical'))).toBe(1);
    expect(db.size(POSTINGS) - postingsBefore).toBe(1);
    expect(depositBefore - db.ledger.balance(merchantDeposit(merchantId))).toBe(1100);
    expect(db.ledger.totalMinor()).toBe(0);
  });
});
