import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../simulator/control/env-guides.ts';
import { parseDotenv } from '../simulator/adapters/cli/env-command.ts';
import { serve } from '../simulator/adapters/server.ts';
import { generateRsaKeyPair } from '../simulator/signature/keys.ts';
import { runCli } from './run-cli.ts';

// GET /__sim/credentials from a server that wrote merchant.env: the private key is served, and each
// language's block is exactly what `dana-sim env --lang L --format dotenv` prints for that data directory.

describe('GET /__sim/credentials from `dana-sim start`', () => {
  it("answers the credentials file's merchant with its key, and the CLI's dotenv block per language", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dana-sim-credentials-'));
    const server = await serve({ dataDir: dir, host: '127.0.0.1', port: 0, fsync: false, background: false });
    try {
      const get = async (query = '') => {
        const reply = await fetch(`${server.url}/__sim/credentials${query}`);
        expect(reply.status).toBe(200);
        return (await reply.json()) as Record<string, any>;
      };
      const body = await get();
      const file = parseDotenv(await readFile(server.envFile, 'utf8'));
      expect(body).toMatchObject({ merchantId: file.MERCHANT_ID, partnerId: file.X_PARTNER_ID, envFile: server.envFile });
      expect(body.privateKey).toBe(file.PRIVATE_KEY);
      expect(body.note).toBeUndefined();
      expect(body.variables).toEqual(file);
      for (const [index, lang] of LANGUAGES.entries()) {
        const printed = await runCli('env', '--lang', lang, '--format', 'dotenv', '--data', dir);
        expect(printed.code).toBe(0);
        expect(body.languages[index]).toEqual({ lang, env: printed.stdout });
      }

      // A merchant registered with its own public key: its private key never reached dana-sim.
      const keys = generateRsaKeyPair();
      const added = await fetch(`${server.url}/__sim/merchants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ partnerId: 'own-key-partner', publicKey: keys.publicKeyPem }),
      });
      expect(added.status).toBe(200);
      const own = await get('?merchant=own-key-partner');
      expect(own).toMatchObject({ partnerId: 'own-key-partner', privateKey: null });
      expect(own.envFile).toBeUndefined();
      expect(own.note).toMatch(/never held this merchant's private key/);
      expect(own.languages[0].env).not.toContain('PRIVATE_KEY');
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
