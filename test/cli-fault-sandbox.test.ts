import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SANDBOX_RULES } from '../contracts/sandbox-rules.ts';
import { serve } from '../simulator/adapters/server.ts';
import { runCli } from './run-cli.ts';

// `dana-sim fault sandbox on|off` against a running simulator: the sandbox rule set leaves and comes back.

describe('dana-sim fault sandbox', () => {
  it('switches the sandbox rules off and on, and names what it takes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dana-sim-cli-sandbox-'));
    const server = await serve({ dataDir: dir, host: '127.0.0.1', port: 0, fsync: false, background: false });
    try {
      const off = await runCli('fault', 'sandbox', 'off', '--data', dir);
      expect(off).toMatchObject({ code: 0, stdout: 'sandbox rules off' });
      expect(server.simulator.rules.list('sandbox')).toEqual([]);
      const on = await runCli('fault', 'sandbox', 'on', '--data', dir);
      expect(on).toMatchObject({ code: 0, stdout: `sandbox rules on (${SANDBOX_RULES.length})` });
      expect(server.simulator.rules.list('sandbox').map((rule) => rule.id)).toEqual(SANDBOX_RULES.map((rule) => rule.id));
      const wrong = await runCli('fault', 'sandbox', 'maybe', '--data', dir);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/^dana-sim fault sandbox: say on or off, got "maybe"/);
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
