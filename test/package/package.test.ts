import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningUrl } from '../spawned.ts';

// What a merchant's own repository gets from `npm i -D dana-sim`: the tarball `npm pack` makes, installed
// into a fresh project, used from plain Node (library and CLI) and from TypeScript. The package is packed
// from a copy of the sources, so its build never touches the dist/ other tests run.

const REPO = resolve('.');
const SOURCES = ['package.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'simulator', 'scenarios', 'contracts'];
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const QUIET = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
let work: string;
let app: string;
let server: ChildProcess | undefined;

const versionOf = (name: string) =>
  (JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
const node = (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
  spawnSync(process.execPath, args, { cwd: app, encoding: 'utf8', timeout: 60_000, ...options });

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'dana-sim-package-'));
  const staged = join(work, 'source');
  for (const name of SOURCES)
    cpSync(join(REPO, name), join(staged, name), { recursive: true, filter: (path) => !path.endsWith('.test.ts') });
  symlinkSync(join(REPO, 'node_modules'), join(staged, 'node_modules'), 'junction');
  const packed = JSON.parse(
    execFileSync(NPM, ['pack', '--json', '--pack-destination', work, '--loglevel=error'], {
      cwd: staged,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ) as {
    filename: string;
  }[];
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'merchant-app', private: true, type: 'module' }));
  // dana-node and @types/node come from the npm cache the repository's own install filled.
  execFileSync(NPM, ['install', join(work, packed[0].filename), 'dana-node@1.5.11', `@types/node@${versionOf('@types/node')}`, ...QUIET], {
    cwd: app,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}, 180_000);

afterAll(() => {
  server?.kill('SIGTERM');
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package, installed in a fresh project', () => {
  it('ships the compiled build and no sources, tests or reports', () => {
    const installed = join(app, 'node_modules', 'dana-sim');
    for (const file of [
      'dist/index.js',
      'dist/msw.js',
      'dist/forward.js',
      'dist/verify.js',
      'dist/cli.js',
      'dist/dashboard/index.html',
      'dist/types/simulator/index.d.ts',
    ])
      expect(existsSync(join(installed, file)), file).toBe(true);
    for (const dir of ['simulator', 'contracts', 'test', '.ci', 'reports', 'scenarios/cli.ts'])
      expect(existsSync(join(installed, dir)), dir).toBe(false);
  });

  it('(a) drives the unmodified dana-node SDK against dana-sim/msw from plain Node, with the test helpers', () => {
    writeFileSync(
      join(app, 'sdk.mjs'),
      `import { Dana } from 'dana-node';
import { startMswSimulator } from 'dana-sim/msw';
import { Simulator } from 'dana-sim';
const sim = await startMswSimulator({ seed: 'package' });
const { env } = sim;
const dana = new Dana({ partnerId: env.X_PARTNER_ID, privateKey: env.PRIVATE_KEY, origin: env.ORIGIN, clientSecret: env.CLIENT_SECRET, env: 'sandbox' });
const user = '62811742234';
const before = { deposit: sim.deposit(), user: sim.userBalance(user) };
const reply = await dana.disbursementApi.transferToDana({
  partnerReferenceNo: 'package-1',
  customerNumber: user,
  amount: { value: '250.00', currency: 'IDR' },
  feeAmount: { value: '1.00', currency: 'IDR' },
  additionalInfo: { fundType: 'AGENT_TOPUP_FOR_USER_SETTLE' },
});
const after = { deposit: sim.deposit(), user: sim.userBalance(user) };
sim.faults.add({ endpoint: 'transferToDana', effect: { delayMs: 1 } });
await sim.advanceClock(60_000);
await sim.reset();
const reset = { deposit: sim.deposit(), user: sim.userBalance(user), faults: sim.faults.list().length };
console.log(JSON.stringify({ code: reply.responseCode, before, after, reset, sameClass: sim.simulator instanceof Simulator }));
await sim.close();
`,
    );
    const run = node(['sdk.mjs']);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout);
    expect(result.code).toBe('2003800');
    expect(Number(result.before.deposit) - Number(result.after.deposit)).toBe(251);
    expect(Number(result.after.user) - Number(result.before.user)).toBe(250);
    expect(result.reset).toEqual({ ...result.before, faults: 0 });
    expect(result.sameClass).toBe(true);
  });

  it('(a) require() gets the library (Node 20.19+) or an error that says to use import', () => {
    const run = node(['-e', "try { console.log(typeof require('dana-sim').Simulator) } catch (e) { console.log(e.message) }"]);
    expect(run.stdout.trim()).toMatch(/^function$|dana-sim is an ES module package/);
  });

  it('(a) dana-sim/verify checks a notification against the simulator key', () => {
    writeFileSync(
      join(app, 'verify.mjs'),
      `import { verifyDanaNotification } from 'dana-sim/verify';
import { generateKeyPairSync } from 'node:crypto';
const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
console.log(verifyDanaNotification({ path: '/notify', headers: { 'x-timestamp': 'now', 'x-signature': 'AAAA' }, body: '{}' }, publicKey));
`,
    );
    const run = node(['verify.mjs']);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('false');
  });

  it('(b) the installed bin serves on plain Node, `balance topup` funds the deposit and dana-sim/forward reaches it', async () => {
    const dana = join(app, 'node_modules', '.bin', 'dana-sim');
    const data = join(work, 'data');
    const child = spawn(dana, ['start', '--port', '0', '--data', data], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const url = await listeningUrl(child);

    const topped = spawnSync(dana, ['balance', 'topup', '--amount', '1000000.00', '--data', data, '--json'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(topped.stderr).toBe('');
    expect(JSON.parse(topped.stdout).deposit).toBe('101000000.00');
    expect((await (await fetch(`${url}/__sim/balance`)).json()).deposit).toBe('101000000.00');
    // The dashboard the package ships, with its script, served by the installed bin.
    const page = await (await fetch(`${url}/`)).text();
    const script = /src="(\/__sim\/ui\/app-\w+\.js)"/.exec(page)?.[1];
    expect((await fetch(`${url}${script}`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    // An unmodified app calling DANA's host, preloaded with dana-sim/forward, reaches this server.
    writeFileSync(
      join(app, 'forwarded.mjs'),
      `console.log((await (await fetch('https://api.sandbox.dana.id/__sim/balance')).json()).deposit);`,
    );
    const forwarded = node(['--import', 'dana-sim/forward', 'forwarded.mjs'], {
      env: { ...process.env, DANA_SIM_URL: url, DANA_SIM_QUIET: '1' },
    });
    expect(forwarded.stderr).toBe('');
    expect(forwarded.stdout.trim()).toBe('101000000.00');
    expect(errors).toBe('');
  });

  it('(c) a TypeScript consumer typechecks against the shipped declarations', () => {
    writeFileSync(
      join(app, 'consumer.ts'),
      `import { Simulator, dropOf, type SimulatorOptions } from 'dana-sim';
import { createHandlers, startMswSimulator, type MswSimulator, type RuleSpec } from 'dana-sim/msw';
import { verifyDanaNotificationRequest, verifyWooshpaySignature } from 'dana-sim/verify';

const options: SimulatorOptions = { seed: 'typed', background: false };
const sim: MswSimulator = await startMswSimulator(options);
const deposit: string = sim.deposit();
// @ts-expect-error amounts come back as DANA's strings, not numbers
const wrong: number = sim.userBalance('62811742234');
const rule: RuleSpec = { endpoint: 'transferToDana', effect: { delayMs: 1 } };
sim.faults.add(rule);
await sim.advanceClock(1000);
await sim.reset();
const own: Simulator = await Simulator.create(options);
const handlers = createHandlers(own);
const valid: Promise<boolean> = verifyDanaNotificationRequest(new Request('http://localhost/notify'), sim.env.DANA_PUBLIC_KEY);
const checked = verifyWooshpaySignature('{}', 't=1,v1=00', 'whsec_x', { toleranceS: 300, now: 1000 });
const timestamp: number | undefined = checked.ok ? checked.timestamp : undefined;
console.log(deposit, wrong, handlers.length, typeof dropOf, valid, timestamp);
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    const run = node([join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app]);
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
