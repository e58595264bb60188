import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { queryMerchantResource } from '../../contracts/merchant/index.ts';
import { openApiRequest, snapRequest, type SignedRequest } from '../../simulator/signature/client.ts';
import { idr, PATHS, testKeys, topUpBody } from '../helpers.ts';
import { postSigned } from '../signed-post.ts';

// Issue 14, item 2: a real full disk. The server runs on a small tmpfs that a filler file fills but for
// a little room; a burst of concurrent top ups must each be either acknowledged or answered with
// DANA's 5xx (and then leave no trace), reads go on, the server recovers by itself once the filler is
// gone, and after a SIGKILL and a restart exactly the acknowledged top ups are there.

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'child-server.ts');
const TMPFS_MB = 16;
/** Left free by the filler: room for some journal batches, not for the whole burst. */
const ROOM_BYTES = 48 << 10;
const TOP_UPS = 240;
const WORKERS = 16;
const CUSTOMER = '628131009999';

/** Runs a system command (mount, umount), its output kept for the error. */
const system = (command: string, args: string[]) => execFileSync(command, args, { stdio: 'pipe' });

/** Mounts a tmpfs (root only); the reason when it cannot, so the test is skipped rather than failed. */
async function mountTmpfs(): Promise<{ dir: string } | { reason: string }> {
  if (process.platform !== 'linux') return { reason: 'needs Linux (tmpfs)' };
  if (process.getuid?.() !== 0) return { reason: 'needs root to mount a tmpfs' };
  const dir = await mkdtemp(join(tmpdir(), 'dana-sim-full-disk-'));
  try {
    system('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_MB}m`, 'tmpfs', dir]);
    return { dir };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    return { reason: `mount -t tmpfs failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}` };
  }
}

const mounted = await mountTmpfs();
if ('reason' in mounted) console.warn(`full-disk test skipped: ${mounted.reason}`);
const onTmpfs = 'dir' in mounted ? it : it.skip;
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(children.map((child) => (child.exitCode === null && child.signalCode === null ? once(child, 'exit') : undefined)));
  if (!('dir' in mounted)) return;
  try {
    system('umount', [mounted.dir]);
  } finally {
    await rm(mounted.dir, { recursive: true, force: true });
  }
});

interface Server {
  readonly process: ChildProcess;
  readonly url: string;
  readonly partnerId: string;
  /** Everything the server wrote to stderr so far. */
  readonly stderr: () => string;
}

/** Starts child-server.ts on the data directory and waits for the JSON line with its URL. */
async function startServer(dataDir: string): Promise<Server> {
  const { dana, merchant } = testKeys();
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], {
    env: { ...process.env, DANA_SIM_TEST_KEYS: JSON.stringify({ dana, merchantPrivateKeyPem: merchant.privateKeyPem }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => {
    throw new Error(`server exited (${code ?? signal}) before serving: ${stderr}`);
  });
  const lines = createInterface({ input: child.stdout! });
  const announced = (async () => {
    for await (const line of lines) if (line.startsWith('{')) return JSON.parse(line) as { url: string; partnerId: string };
    throw new Error(`server closed its output before serving: ${stderr}`);
  })();
  const started = await Promise.race([announced, exited]);
  exited.catch(() => undefined);
  return { process: child, url: started.url, partnerId: started.partnerId, stderr: () => stderr };
}

const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });

function send(server: Server, signed: SignedRequest) {
  return postSigned(server.url, signed, agent, 10_000);
}

function topUp(server: Server, partnerReferenceNo: string, amountMinor: number) {
  const body = topUpBody({
    partnerReferenceNo,
    customerNumber: CUSTOMER,
    amount: idr(`${amountMinor / 100}.00`),
    feeAmount: idr('1.00'),
  });
  const credentials = { partnerId: server.partnerId, privateKey: testKeys().merchant.privateKeyPem };
  return send(server, snapRequest({ path: PATHS.topUp, body, credentials }));
}

function topUpStatus(server: Server, partnerReferenceNo: string) {
  const credentials = { partnerId: server.partnerId, privateKey: testKeys().merchant.privateKeyPem };
  const body = { originalPartnerReferenceNo: partnerReferenceNo, serviceCode: '38' };
  return send(server, snapRequest({ path: PATHS.topUpStatus, body, credentials }));
}

/** The merchant's deposit through DANA's balance inquiry (queryMerchantResource), in minor units. */
async function depositMinor(server: Server): Promise<number> {
  const merchants = (await (await fetch(`${server.url}/__sim/merchants`)).json()) as { merchantId: string; clientSecret: string }[];
  const { merchantId, clientSecret } = merchants[0];
  const credentials = { partnerId: server.partnerId, privateKey: testKeys().merchant.privateKeyPem, clientSecret };
  const reply = await send(
    server,
    openApiRequest({
      path: PATHS.merchantResource,
      function: queryMerchantResource.function,
      credentials,
      body: { requestMerchantId: merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
    }),
  );
  expect(reply.status).toBe(200);
  expect(reply.body.response.body.resultInfo.resultStatus).toBe('S');
  return Math.round(Number(JSON.parse(reply.body.response.body.merchantResourceInformations[0].value).amount) * 100);
}

async function userMinor(server: Server): Promise<number> {
  const user = (await (await fetch(`${server.url}/__sim/user?customer=${CUSTOMER}`)).json()) as { balance: string };
  return Math.round(Number(user.balance) * 100);
}

/** Runs `work` over `items` on WORKERS concurrent workers. */
async function concurrently<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

const count = (text: string, line: string) => text.split('\n').filter((candidate) => candidate.startsWith(line)).length;
const OUTAGE = 'dana-sim: cannot write the journal (ENOSPC: no space left on device, write)';
const RECOVERED = 'dana-sim: the journal is writable again; accepting changes';

interface Attempt {
  readonly partnerReferenceNo: string;
  readonly amountMinor: number;
  acknowledged?: boolean;
}

describe('a full disk', () => {
  onTmpfs(
    'answers every top up with success or DANA 5xx, keeps reading, recovers by itself, and keeps exactly the acknowledged ones',
    async () => {
      const root = (mounted as { dir: string }).dir;
      const dataDir = join(root, 'data');
      await mkdir(dataDir);
      let server = await startServer(dataDir);
      const deposit = await depositMinor(server);
      const user = await userMinor(server);
      const attempts: Attempt[] = Array.from({ length: TOP_UPS }, (_, i) => ({
        partnerReferenceNo: `full-disk-${i}`,
        amountMinor: (1 + (i % 50)) * 100,
      }));
      const fee = 100;
      // One acknowledged top up first, so the journal and the code paths are warm.
      const warm: Attempt = { partnerReferenceNo: 'full-disk-warm', amountMinor: 500, acknowledged: true };
      expect((await topUp(server, warm.partnerReferenceNo, warm.amountMinor)).body.responseCode).toBe('2003800');

      const free = await statfs(root);
      const filler = join(root, 'filler');
      await writeFile(filler, Buffer.alloc(Math.max(0, free.bavail * free.bsize - ROOM_BYTES)));

      await concurrently(attempts, async (attempt) => {
        const reply = await topUp(server, attempt.partnerReferenceNo, attempt.amountMinor);
        attempt.acknowledged = reply.status === 200 && reply.body.responseCode === '2003800';
        if (!attempt.acknowledged) {
          expect(reply.status, attempt.partnerReferenceNo).toBe(500);
          expect(reply.body, attempt.partnerReferenceNo).toMatchObject({
            responseCode: '5003801',
            responseMessage: 'Internal Server Error',
          });
        }
      });
      const acknowledged = [warm, ...attempts.filter((attempt) => attempt.acknowledged)];
      const refused = attempts.filter((attempt) => !attempt.acknowledged);
      console.info(`full disk: ${acknowledged.length - 1} of ${TOP_UPS} top ups acknowledged, ${refused.length} refused with 5003801`);
      expect(refused.length).toBeGreaterThan(0);
      expect(acknowledged.length).toBeGreaterThan(1);
      const spent = (attempts: readonly Attempt[]) => attempts.reduce((sum, attempt) => sum + attempt.amountMinor, 0);

      // Reads go on while the filler is still there, and show exactly the acknowledged top ups.
      expect(await depositMinor(server)).toBe(deposit - spent(acknowledged) - fee * acknowledged.length);
      expect(await userMinor(server)).toBe(user + spent(acknowledged));
      const checkStatuses = () =>
        concurrently([warm, ...attempts], async (attempt) => {
          const status = await topUpStatus(server, attempt.partnerReferenceNo);
          if (attempt.acknowledged) {
            expect(status.body, attempt.partnerReferenceNo).toMatchObject({ responseCode: '2003900', latestTransactionStatus: '00' });
          } else {
            expect(status.status, attempt.partnerReferenceNo).toBe(404);
            expect(status.body, attempt.partnerReferenceNo).toMatchObject({ responseCode: '4043901' });
          }
        });
      await checkStatuses();
      expect(count(server.stderr(), OUTAGE)).toBeGreaterThanOrEqual(1);

      // The filler goes; the server finds out by itself, no request needed.
      await rm(filler);
      const freed = performance.now();
      for (let polls = 0; count(server.stderr(), RECOVERED) < count(server.stderr(), OUTAGE); polls++) {
        if (polls > 200) throw new Error(`no recovery within 10 s: ${server.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      console.info(
        `full disk: writable again about ${Math.round(performance.now() - freed)} ms after the filler went (probe every 500 ms)`,
      );
      // A refused top up retried after recovery is processed afresh.
      const retried = refused[0];
      expect((await topUp(server, retried.partnerReferenceNo, retried.amountMinor)).body.responseCode).toBe('2003800');
      retried.acknowledged = true;
      acknowledged.push(retried);
      expect(server.stderr()).not.toMatch(/bug|Unhandled|unhandled/);

      server.process.kill('SIGKILL');
      await once(server.process, 'exit');
      server = await startServer(dataDir);
      expect(await depositMinor(server)).toBe(deposit - spent(acknowledged) - fee * acknowledged.length);
      expect(await userMinor(server)).toBe(user + spent(acknowledged));
      await checkStatuses();
      server.process.kill('SIGTERM');
      await once(server.process, 'exit');
    },
    30_000,
  );
});
