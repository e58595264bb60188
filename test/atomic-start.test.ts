import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serve } from '../simulator/adapters/server.ts';
import { testKeys } from './helpers.ts';

// serve() in this process: a start that fails after taking the data directory undoes every step
// (listeners, simulator, server record, lock), so the next start on the same directory just works.

let dataDir: string;
const { dana } = testKeys();

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-atomic-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function leftBehind(): string[] {
  return ['lock', 'server.json'].filter((name) => existsSync(join(dataDir, name)));
}

describe('a failed start undoes itself', () => {
  it('after loading: a bad rule file', async () => {
    const rules = join(dataDir, 'rules.yaml');
    await writeFile(rules, 'rules: [ {\n');
    await expect(serve({ dataDir, host: '127.0.0.1', port: 0, danaKeys: dana, faultFiles: [rules] })).rejects.toThrow(/indented/);
    expect(leftBehind()).toEqual([]);
    const next = await serve({ dataDir, host: '127.0.0.1', port: 0, danaKeys: dana });
    expect(leftBehind()).toEqual(['lock', 'server.json']);
    await next.stop();
    expect(leftBehind()).toEqual([]);
  });

  it('after listening: the TLS listener cannot bind, and the main port is closed again', async () => {
    const occupant = createServer();
    await new Promise<void>((listening) => occupant.listen(0, '127.0.0.1', listening));
    const { port: taken } = occupant.address() as AddressInfo;
    const probe = createServer();
    await new Promise<void>((listening) => probe.listen(0, '127.0.0.1', listening));
    const { port: mainPort } = probe.address() as AddressInfo;
    await new Promise((closed) => probe.close(closed));
    try {
      await expect(
        serve({ dataDir, host: '127.0.0.1', port: mainPort, danaKeys: dana, tls: true, tlsPort: taken, proxyPort: 0 }),
      ).rejects.toThrow(`cannot listen for HTTPS on port ${taken}: the port is in use`);
      expect(leftBehind()).toEqual([]);
      // The main listener was up before the TLS one failed: its port is free again.
      const again = createServer();
      await new Promise<void>((listening, failed) => {
        again.once('error', failed);
        again.listen(mainPort, '127.0.0.1', listening);
      });
      await new Promise((closed) => again.close(closed));
    } finally {
      await new Promise((closed) => occupant.close(closed));
    }
  });
});
