import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnvFile } from '../scenarios/targets/http.ts';
import { openApiRequest, snapRequest } from '../simulator/signature/client.ts';
import { toPrivateKey } from '../simulator/signature/keys.ts';
import { PATHS, topUpBody } from './helpers.ts';
import { listeningUrl } from './spawned.ts';

// `npm start` runs the esbuild bundle, not the sources the rest of the suite imports. A bundle moves
// files (import.meta.url points into dist/), so it gets its own end-to-end check: build it, start it,
// move money through it, and run the mandated UAT set from it.

// Inside the package, so the bundle resolves its external packages from node_modules as dist/ does.
const OUT = resolve('node_modules', '.cache', `dana-sim-bundle-test-${process.pid}`);
let dataDir: string;
let server: ChildProcess | undefined;
let serverUrl: string | undefined;
/** The URL of the bundled server the first test started. */
const runningUrl = async () => serverUrl ?? expect.fail('the first test did not start the bundle');

/** Runs the bundled CLI with `args`, as scenarios/bin/dana-sim.mjs does with dist/. */
function bundledCli(args: string[]): [string, string[]] {
  const script = `const { main } = await import(${JSON.stringify(pathToFileURL(join(OUT, 'cli.js')).href)}); process.exitCode = await main(${JSON.stringify(args)});`;
  return [process.execPath, ['--input-type=module', '-e', script]];
}

beforeAll(() => {
  const build = spawnSync(process.execPath, ['simulator/bin/build.mjs', '--outdir', OUT], { encoding: 'utf8', timeout: 60_000 });
  expect(build.status, build.stderr).toBe(0);
});

afterAll(async () => {
  server?.kill('SIGTERM');
  await rm(OUT, { recursive: true, force: true });
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the bundle npm start runs', () => {
  it('serves signed top ups, their status and the balance, with money moved', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-bundle-'));
    const [node, args] = bundledCli(['start', '--port', '0', '--data', dataDir, '--control-token', 'tok en/1']);
    const child = spawn(node, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    let banner = '';
    const url = await listeningUrl(child, (output) => (banner = output).includes('sandbox rules'));
    serverUrl = url;
    // The page takes the token from the fragment, which no server or proxy log ever sees.
    expect(banner).toContain(`dashboard      ${url}/#token=tok%20en%2F1\n`);
    const env = parseEnvFile(await readFile(join(dataDir, 'merchant.env'), 'utf8'));
    const credentials = {
      partnerId: env.X_PARTNER_ID,
      privateKey: toPrivateKey(env.PRIVATE_KEY),
      clientSecret: env.CLIENT_SECRET,
      merchantId: env.MERCHANT_ID,
    };
    const send = async (signed: { path: string; headers: Record<string, string>; body: string }) => {
      const response = await fetch(url + signed.path, { method: 'POST', headers: signed.headers, body: signed.body });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const balance = async () => {
      const reply = await send(
        openApiRequest({
          path: '/dana/merchant/queryMerchantResource.htm',
          function: 'dana.merchant.queryMerchantResource',
          credentials,
          body: { requestMerchantId: credentials.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
        }),
      );
      expect(reply.body.response.body.resultInfo.resultStatus).toBe('S');
      return JSON.parse(reply.body.response.body.merchantResourceInformations[0].value).amount as string;
    };

    const before = await balance();
    const body = topUpBody({ amount: { value: '12345.00', currency: 'IDR' }, feeAmount: { value: '0.00', currency: 'IDR' } });
    const topUp = await send(snapRequest({ path: PATHS.topUp, body, credentials }));
    expect(topUp.status).toBe(200);
    expect(topUp.body.responseCode).toBe('2003800');
    const status = await send(
      snapRequest({
        path: PATHS.topUpStatus,
        body: { originalPartnerReferenceNo: body.partnerReferenceNo, serviceCode: '38' },
        credentials,
      }),
    );
    expect(status.body).toMatchObject({ responseCode: '2003900', latestTransactionStatus: '00' });
    expect(Number(before) - Number(await balance())).toBe(12345);
    expect(errors).toBe('');
  });

  it('serves the dashboard the build wrote to dist/dashboard/', async () => {
    const page = await fetch(`${await runningUrl()}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const shipped = await readdir(join(OUT, 'dashboard'));
    const named = [...html.matchAll(/\/__sim\/ui\/([\w.-]+)/g)].map((match) => match[1]);
    expect(named.sort()).toEqual(shipped.filter((name) => name !== 'index.html').sort());
    for (const name of named) {
      const asset = await fetch(`${await runningUrl()}/__sim/ui/${name}`);
      expect(asset.status).toBe(200);
      expect(Buffer.from(await asset.arrayBuffer()).equals(await readFile(join(OUT, 'dashboard', name)))).toBe(true);
    }
  });

  it('runs the mandated disbursement UAT cases from the bundle', () => {
    const [node, args] = bundledCli(['uat', '--product', 'disbursement']);
    const run = spawnSync(node, args, { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // Every case the run announced ([i/N]) passed, and all 17 mandatory ones (7 + 7 + 3 on DANA's portal).
    const announced = [...run.stdout.matchAll(/^\[\d+\/(\d+)\] (\S+) /gm)];
    const total = Number(announced[0]?.[1]);
    expect(total).toBeGreaterThanOrEqual(17);
    expect(announced.map((line) => line[2])).toEqual(Array(total).fill('✓'));
    expect(run.stdout).toMatch(new RegExp(`^${total} passed, 0 failed, 0 skipped$`, 'm'));
    expect(run.stdout).toMatch(/^mandatory: 17 of 17 passed$/m);
  });

  it('loads a TypeScript client adapter from the bundle, which runs without tsx preloaded', () => {
    const [node, args] = bundledCli(['uat', '--only', 'TopUpCustomerValid', '--client', 'scenarios/clients/example-adapter.ts']);
    const run = spawnSync(node, args, { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^1 passed, 0 failed, 0 skipped$/m);
    expect(run.status).toBe(0);
  });
});
