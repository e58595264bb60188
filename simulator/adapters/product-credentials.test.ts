import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Product } from '../core/product.ts';
import { serve, type RunningServer } from './server.ts';

// A product's own credentials file (Product.credentialsFile): written at start next to merchant.env,
// owner-only, and rewritten after a request changes what it holds (a secret made later appears);
// a product whose env is undefined gets no file.

const state = { secret: undefined as string | undefined };
const keys: Product = {
  name: 'keys',
  credentialsFile: {
    name: 'keys.env',
    env: (runtime) => ({ KEYS_API_BASE: runtime.pagesUrl(), ...(state.secret ? { KEYS_WEBHOOK_SECRET: state.secret } : {}) }),
  },
  api: {
    hosts: [],
    matches: (_method, path) => path === '/v1/secret',
    failure: (status, message) => ({ status, headers: {}, body: message }),
    handle: () => {
      state.secret = 'whsec_later';
      return { status: 200, headers: {}, body: '{}' };
    },
  },
};
const silent: Product = { name: 'silent', credentialsFile: { name: 'silent.env', env: () => undefined } };

let server: RunningServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  state.secret = undefined;
});

describe('product credentials files', () => {
  it('are written at start and rewritten when a request changes them', async () => {
    dir = await mkdtemp(join(tmpdir(), 'dana-sim-product-env-'));
    server = await serve({ dataDir: dir, host: '127.0.0.1', port: 0, fsync: false, background: false, extensions: [keys, silent] });
    const path = join(dir, 'keys.env');
    // The built-in aggregator writes its own file too.
    expect(server.productEnvFiles).toEqual([
      { product: 'aggregator', path: join(dir, 'aggregator.env') },
      { product: 'keys', path },
    ]);
    expect(await readFile(join(dir, 'aggregator.env'), 'utf8')).toContain(`WOOSHPAY_API_BASE="${server.url}"`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toContain(`KEYS_API_BASE="${server.url}"`);
    await expect(stat(join(dir, 'silent.env'))).rejects.toThrow();
    await fetch(`${server.url}/v1/secret`, { method: 'POST', body: '' });
    await server.stop();
    expect(await readFile(path, 'utf8')).toContain('KEYS_WEBHOOK_SECRET="whsec_later"');
  });
});
