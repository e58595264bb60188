import { randomUUID } from 'node:crypto';
import { topUp } from '../../contracts/disbursement/index.ts';
import { fingerprint, recordKey } from '../../simulator/core/idempotency.ts';
import { runHandler } from '../../simulator/core/process.ts';
import { route, type RequestContext } from '../../simulator/core/route.ts';
import { Simulator } from '../../simulator/index.ts';
import { FileStore } from '../../simulator/storage/file-store.ts';
import { transferToDana } from '../../simulator/products/disbursement/handlers.ts';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

// History for the growth benchmark, written through the ledger: the top-up handler runs for each
// transaction (posting + transaction record, one journal entry each), as it would for a request,
// without paying for HTTP and signatures 100,000 times.

/** Entries per write, as a server at 50 connections batches them. */
const SYNC_EVERY = 50;

async function seedInProcess(dataDir: string, count: number): Promise<void> {
  const sim = await Simulator.create({ store: new FileStore(join(dataDir, 'state'), { fsync: false }), background: false });
  const merchant = sim.parties.find(sim.parties.defaultMerchant().partnerId)!;
  const topUpRoute = route(topUp, transferToDana);
  for (let i = 0; i < count; i++) {
    const body = {
      partnerReferenceNo: `history-${randomUUID()}`,
      customerNumber: `62813${String(i % 5000).padStart(7, '0')}`,
      amount: { value: '1.00', currency: 'IDR' },
      feeAmount: { value: '0.00', currency: 'IDR' },
      additionalInfo: { fundType: 'AGENT_TOPUP_FOR_USER_SETTLE' },
    };
    const context: RequestContext = {
      client: merchant,
      externalId: randomUUID(),
      now: sim.runtime.clock.now(),
      services: sim.services,
      idempotency: {
        recordKey: recordKey('topUp', merchant.partnerId, body.partnerReferenceNo),
        keyValue: body.partnerReferenceNo,
        fingerprint: fingerprint(body, topUp.idempotency!),
      },
    };
    const result = runHandler(topUpRoute, body, context);
    if (!result.ok) throw new Error(`seeding failed at ${i}: ${result.failure.key}`);
    // A server under load acknowledges each request once its entry is written, in batches of about
    // its connection count (group commit): the same here, so memory behaves as it would in a server.
    if (i % SYNC_EVERY === SYNC_EVERY - 1) await sim.runtime.db.sync();
  }
  await sim.runtime.db.sync();
  // Measured before close, with every top up still held as a server holds them: the figure for
  // "RSS after N top ups in one process" without paying for N signed HTTP requests.
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  await sim.close();
  console.log(JSON.stringify({ rssMb }));
}

/**
 * Seeds in a child process, so the bench's own heap stays small and its GC never competes with the
 * server. Returns the seeding process's RSS with all `count` top ups made.
 */
export function seedHistory(dataDir: string, count: number): { rssMb: number } {
  const output = execFileSync(process.execPath, [bundledSeeder(), dataDir, String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as { rssMb: number };
}

/**
 * This file as plain JavaScript, bundled like dist/ is: run under tsx, the seeder's RSS would carry
 * tsx's own ~35 MB and say nothing about the simulator. Built once per bench into node_modules/.cache
 * (packages resolve from there, as from dist/).
 */
function bundledSeeder(): string {
  const outfile = join(fileURLToPath(new URL('../../node_modules/.cache/dana-sim-bench/', import.meta.url)), 'seed.mjs');
  if (!built) {
    buildSync({
      entryPoints: [fileURLToPath(import.meta.url)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'warning',
    });
    built = true;
  }
  return outfile;
}
let built = false;

if (process.argv[1] === fileURLToPath(import.meta.url) || process.argv[1]?.endsWith('seed.mjs'))
  await seedInProcess(process.argv[2], Number(process.argv[3]));
