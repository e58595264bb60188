import { spawn, type ChildProcess } from 'node:child_process';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TRANSACTIONS, recordKey, type TransactionRecord } from '../../simulator/core/idempotency.ts';
import { seededRandom } from '../../simulator/core/random.ts';
import { Database, POSTINGS } from '../../simulator/ledger/database.ts';
import { FileStore } from '../../simulator/storage/file-store.ts';
import { checkPosting, isExternalAccount, type Posting } from '../../simulator/ledger/ledger.ts';
import { snapRequest } from '../../simulator/signature/client.ts';
import { idr, PATHS, testKeys, topUpBody } from '../helpers.ts';
import { postSigned } from '../signed-post.ts';

// Issue 8: crash safety. A child-process simulator on a data directory serves unique top ups from 8
// concurrent workers and is killed with SIGKILL at a seeded moment, several times on the same
// directory. After each kill the store must open (Database.open refuses an unbalanced ledger), every
// posting must balance, every request answered 2xx before the kill must be there, and every request
// that got no answer must be there entirely or not at all.

const ROUNDS = 4;
const WORKERS = 8;
const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'child-server.ts');
const random = seededRandom('crash');

interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  readonly partnerId: string;
  readonly exited: Promise<void>;
}

interface Attempt {
  readonly partnerReferenceNo: string;
  readonly round: number;
  /** The HTTP status of a complete reply; undefined when the client saw none (in flight at the kill). */
  status?: number;
  reply?: any;
}

let dataDir: string | undefined;
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function start(dir: string): Promise<Child> {
  const { dana, merchant } = testKeys();
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], {
    env: { ...process.env, DANA_SIM_TEST_KEYS: JSON.stringify({ dana, merchantPrivateKeyPem: merchant.privateKeyPem }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = await new Promise<{ url: string; partnerId: string }>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`child did not start within 15 s: ${stderr}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line && stdout.includes('\n')) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code ?? signal}) before serving: ${stderr}`));
    });
  });
  return { process: child, url: started.url, partnerId: started.partnerId, exited };
}

let merchantKey: KeyObject | undefined;

function post(agent: Agent, url: string, partnerId: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  merchantKey ??= createPrivateKey(testKeys().merchant.privateKeyPem);
  return postSigned(url, snapRequest({ path, body, credentials: { partnerId, privateKey: merchantKey } }), agent, 5_000);
}

/** Sends unique top ups from WORKERS workers until `stop` is set; records what each got. */
async function load(child: Child, round: number, attempts: Attempt[], stop: { now: boolean }, firstReply: () => void): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });
  let counter = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (!stop.now) {
        const attempt: Attempt = { partnerReferenceNo: `crash-${round}-${counter++}`, round };
        attempts.push(attempt);
        try {
          const reply = await post(
            agent,
            child.url,
            child.partnerId,
            PATHS.topUp,
            topUpBody({
              partnerReferenceNo: attempt.partnerReferenceNo,
              customerNumber: `62813100${String(counter % 40).padStart(4, '0')}`,
              amount: idr(`${1 + (counter % 97)}.00`),
              feeAmount: idr('1.00'),
            }),
          );
          attempt.status = reply.status;
          attempt.reply = reply.body;
          firstReply();
        } catch {
          // No complete reply: the kill came first. Whether it committed is checked after the restart.
          return;
        }
      }
    }),
  );
  agent.destroy();
}

/** Opens the store the way a restart does and checks the ledger and each attempt's trace in it. */
async function checkStore(dir: string, partnerId: string, attempts: readonly Attempt[]): Promise<Map<string, boolean>> {
  // Database.open throws if the stored ledger does not sum to zero.
  const db = await Database.open(new FileStore(join(dir, 'state')));
  try {
    expect(db.ledger.totalMinor()).toBe(0);
    for (const [account, minor] of db.ledger.accounts()) if (!isExternalAccount(account)) expect(minor, account).toBeGreaterThanOrEqual(0);
    const postingsByRef = new Map<string, Posting[]>();
    for (const posting of db.values<Posting>(POSTINGS)) {
      expect(() => checkPosting(posting)).not.toThrow();
      postingsByRef.set(posting.ref, [...(postingsByRef.get(posting.ref) ?? []), posting]);
    }
    const committed = new Map<string, boolean>();
    for (const attempt of attempts) {
      const key = recordKey('topUp', partnerId, attempt.partnerReferenceNo);
      const record = db.get<TransactionRecord>(TRANSACTIONS, key);
      const postings = postingsByRef.get(key) ?? [];
      if (attempt.status !== undefined) {
        // Answered before the kill: it must have survived, exactly once.
        expect(attempt.status, attempt.partnerReferenceNo).toBe(200);
        expect(record?.status, attempt.partnerReferenceNo).toBe('00');
        expect(postings.length, attempt.partnerReferenceNo).toBe(1);
        expect(record?.referenceNo).toBe(attempt.reply.referenceNo);
      } else {
        // Unanswered: all (a successful transaction and its one posting) or nothing.
        if (record) {
          expect(record.status, attempt.partnerReferenceNo).toBe('00');
          expect(postings.length, attempt.partnerReferenceNo).toBe(1);
        } else {
          expect(postings.length, attempt.partnerReferenceNo).toBe(0);
        }
      }
      committed.set(attempt.partnerReferenceNo, record !== undefined);
    }
    return committed;
  } finally {
    await db.close();
  }
}

async function statusOf(agent: Agent, child: Child, partnerReferenceNo: string) {
  return post(agent, child.url, child.partnerId, PATHS.topUpStatus, { originalPartnerReferenceNo: partnerReferenceNo, serviceCode: '38' });
}

describe('crash safety', () => {
  it(`survives ${ROUNDS} SIGKILLs under load on one data directory without losing or tearing a transaction`, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-crash-'));
    const attempts: Attempt[] = [];
    let child = await start(dataDir);
    for (let round = 1; round <= ROUNDS; round++) {
      const stop = { now: false };
      // The load is under way once the first reply is in (a slow CI machine may take a while to warm up).
      let loaded!: () => void;
      const underWay = new Promise<void>((resolve) => (loaded = resolve));
      const running = load(child, round, attempts, stop, () => loaded());
      await Promise.race([underWay, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      const killAfterMs = 100 + Math.floor(random() * 500);
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      child.process.kill('SIGKILL');
      stop.now = true;
      await child.exited;
      await running;

      const thisRound = attempts.filter((attempt) => attempt.round === round);
      const answered = thisRound.filter((attempt) => attempt.status !== undefined);
      expect(answered.length, `round ${round}: replies before the kill at ${killAfterMs} ms`).toBeGreaterThan(0);

      // Every round so far, checked in the store as a restart loads it.
      const committed = await checkStore(dataDir, child.partnerId, attempts);

      // Restart on the same directory; status inquiry agrees with the store for this round's requests.
      child = await start(dataDir);
      const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });
      try {
        let next = 0;
        await Promise.all(
          Array.from({ length: WORKERS }, async () => {
            while (next < thisRound.length) {
              const attempt = thisRound[next++];
              const status = await statusOf(agent, child, attempt.partnerReferenceNo);
              if (committed.get(attempt.partnerReferenceNo)) {
                expect(status.status, attempt.partnerReferenceNo).toBe(200);
                expect(status.body).toMatchObject({
                  responseCode: '2003900',
                  latestTransactionStatus: '00',
                  originalPartnerReferenceNo: attempt.partnerReferenceNo,
                });
              } else {
                expect(attempt.status).toBeUndefined();
                expect(status.status, attempt.partnerReferenceNo).toBe(404);
                expect(status.body).toMatchObject({ responseCode: '4043901', responseMessage: 'Transaction Not Found' });
              }
            }
          }),
        );
      } finally {
        agent.destroy();
      }
    }
    child.process.kill('SIGTERM');
    await child.exited;
    // A clean stop after the last restart keeps everything too.
    await checkStore(dataDir, child.partnerId, attempts);
  }, 60_000);
});
