import { serve } from '../../simulator/adapters/server.ts';

// Child-process entry point for crash.test.ts: serves a data directory on a loopback port with the
// keys the parent passes in DANA_SIM_TEST_KEYS, prints one JSON line with its URL, then serves until
// it is killed. Run with `node --import tsx test/reliability/child-server.ts <data dir>`.

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: child-server.ts <data dir>');
const keys = JSON.parse(process.env.DANA_SIM_TEST_KEYS ?? '{}') as {
  dana: { privateKeyPem: string; publicKeyPem: string };
  merchantPrivateKeyPem: string;
};
const server = await serve({
  dataDir,
  host: '127.0.0.1',
  port: 0,
  danaKeys: keys.dana,
  merchant: { privateKeyPem: keys.merchantPrivateKeyPem },
  seed: 'crash',
});
process.stdout.write(
  `${JSON.stringify({ url: server.url, partnerId: server.simulator.parties.defaultMerchant().partnerId, pid: process.pid })}\n`,
);
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
