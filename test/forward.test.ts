import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dana } from 'dana-node';
import { afterAll, describe, expect, it } from 'vitest';
import { startForwarding } from '../simulator/adapters/forward.ts';
import { serve, type RunningServer } from '../simulator/adapters/server.ts';
import { testKeys, VALID_CUSTOMER } from './helpers.ts';

// An unmodified app using dana-node against a running simulator (`npm start`): the forwarding
// preload sends calls for DANA's hosts to the simulator's HTTP port.

let server: RunningServer | undefined;
let dataDir: string | undefined;
let forwarding: ReturnType<typeof startForwarding> | undefined;

afterAll(async () => {
  forwarding?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('forwarding DANA hosts to a running simulator', () => {
  it('lets dana-node, configured only from the credentials, top up through the HTTP server', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-forward-'));
    const { dana: danaKeys, merchant } = testKeys();
    server = await serve({ dataDir, host: '127.0.0.1', port: 0, danaKeys, merchant: { privateKeyPem: merchant.privateKeyPem }, seed: 'forward' });
    forwarding = startForwarding(server.url);
    const record = server.simulator.defaultMerchant();
    const dana = new Dana({ partnerId: record.partnerId, privateKey: merchant.privateKeyPem, origin: record.origin, clientSecret: record.clientSecret, env: 'sandbox' });
    const before = server.simulator.db.ledger.balance(`user:${VALID_CUSTOMER}`);
    const reply = await dana.disbursementApi.transferToDana({
      partnerReferenceNo: 'forwarded-1',
      customerNumber: VALID_CUSTOMER,
      amount: { value: '5.00', currency: 'IDR' },
      feeAmount: { value: '0.00', currency: 'IDR' },
      additionalInfo: { fundType: 'AGENT_TOPUP_FOR_USER_SETTLE' },
    });
    expect(reply.responseCode).toBe('2003800');
    expect(server.simulator.db.ledger.balance(`user:${VALID_CUSTOMER}`) - before).toBe(500);
  });
});
