import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Dana } from 'dana-node';
import { afterEach, describe, expect, it } from 'vitest';
import { startForwarding } from '../simulator/adapters/forward.ts';
import { serve, type RunningServer } from '../simulator/adapters/server.ts';
import { testKeys, VALID_CUSTOMER } from './helpers.ts';

// An unmodified app using dana-node against a running simulator (`npm start`): the forwarding
// preload sends calls for DANA's hosts to the simulator's HTTP port (README, "run an existing,
// unmodified Node app").

const FORWARD_PRELOAD = resolve('simulator/bin/forward.mjs');
// Inside the package, so the app's `import 'dana-node'` resolves from node_modules as a user's app would.
const APP_DIR = resolve('node_modules', '.cache', `dana-sim-forward-test-${process.pid}`);

let server: RunningServer | undefined;
let dataDir: string | undefined;
let forwarding: ReturnType<typeof startForwarding> | undefined;

afterEach(async () => {
  forwarding?.close();
  forwarding = undefined;
  await server?.stop();
  server = undefined;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  await rm(APP_DIR, { recursive: true, force: true });
});

async function startServer() {
  dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-forward-'));
  const { dana: danaKeys, merchant } = testKeys();
  server = await serve({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    danaKeys,
    merchant: { privateKeyPem: merchant.privateKeyPem },
    seed: 'forward',
  });
  return server;
}

const userBalance = (running: RunningServer) => running.simulator.runtime.db.ledger.balance(`user:${VALID_CUSTOMER}`);

// The whole app: no configuration in code, dana-node reads the credentials file through dotenv.
const APP = `import { Dana } from 'dana-node';
const dana = new Dana();
const reply = await dana.disbursementApi.transferToDana({
  partnerReferenceNo: 'forwarded-by-preload',
  customerNumber: '${VALID_CUSTOMER}',
  amount: { value: '7.00', currency: 'IDR' },
  feeAmount: { value: '0.00', currency: 'IDR' },
  additionalInfo: { fundType: 'AGENT_TOPUP_FOR_USER_SETTLE' },
});
console.log(JSON.stringify(reply));
`;

function runNode(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('forwarding DANA hosts to a running simulator', () => {
  it('runs an unmodified dana-node app under `node --import forward.mjs`, configured only from the credentials file, and its top up moves money', async () => {
    const running = await startServer();
    await mkdir(APP_DIR, { recursive: true });
    const app = join(APP_DIR, 'app.mjs');
    await writeFile(app, APP);
    const before = userBalance(running);
    // Only what the README tells a user to set: the credentials file, and where the simulator listens.
    // No X_PARTNER_ID, PRIVATE_KEY or DANA_ENV from this process reaches the app.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      DOTENV_CONFIG_PATH: running.envFile,
      DANA_SIM_URL: running.url,
    };
    const run = await runNode(['--import', FORWARD_PRELOAD, app], env);

    expect(run.stderr).toContain(`dana-sim: forwarding api.sandbox.dana.id and api.saas.dana.id to ${running.url}`);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      responseCode: '2003800',
      responseMessage: 'Successful',
      partnerReferenceNo: 'forwarded-by-preload',
    });
    expect(userBalance(running) - before).toBe(700);
  }, 60_000);

  it('sends dana-node calls made in this process to the HTTP server through the in-process forwarding handlers', async () => {
    const running = await startServer();
    forwarding = startForwarding(running.url);
    const record = running.simulator.parties.defaultMerchant();
    const { merchant } = testKeys();
    const dana = new Dana({
      partnerId: record.partnerId,
      privateKey: merchant.privateKeyPem,
      origin: record.origin,
      clientSecret: record.clientSecret,
      env: 'sandbox',
    });
    const before = userBalance(running);
    const reply = await dana.disbursementApi.transferToDana({
      partnerReferenceNo: 'forwarded-1',
      customerNumber: VALID_CUSTOMER,
      amount: { value: '5.00', currency: 'IDR' },
      feeAmount: { value: '0.00', currency: 'IDR' },
      additionalInfo: { fundType: 'AGENT_TOPUP_FOR_USER_SETTLE' },
    });
    expect(reply.responseCode).toBe('2003800');
    expect(userBalance(running) - before).toBe(500);
  });
});
