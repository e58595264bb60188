import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnvFile } from '../../scenarios/targets/http.ts';
import { toPrivateKey } from '../../simulator/signature/keys.ts';
import { load, signedTopUps } from './load.ts';
import { seedHistory } from './seed.ts';
import { rssMb, startDanaSim } from './servers.ts';

const stored = Number(process.argv[2] ?? 100_000);
const dir = process.argv[3] || (await mkdtemp(join(tmpdir(), 'prof-')));
if (!process.argv[3]) {
  await (await startDanaSim(dir)).stop();
  seedHistory(dir, stored);
}
const sim = await startDanaSim(dir);
console.error('start ms', Math.round(sim.startMs), 'rss', Math.round(rssMb(sim.pid)));
const env = parseEnvFile(await readFile(join(dir, 'merchant.env'), 'utf8'));
const merchant = {
  partnerId: env.X_PARTNER_ID,
  privateKey: toPrivateKey(env.PRIVATE_KEY),
  clientSecret: env.CLIENT_SECRET,
  merchantId: env.MERCHANT_ID,
};
const rounds = Number(process.argv[4] ?? 1);
for (let round = 0; round < rounds; round++) {
  const r = await load(sim.url, signedTopUps(merchant, 16000), 50, 3);
  console.error(dir, r, 'rss', Math.round(rssMb(sim.pid)));
}
await sim.stop();
