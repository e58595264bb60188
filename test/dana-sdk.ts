import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dana } from 'dana-node';
import { WidgetUtils } from 'dana-node/widget/v1';
import { afterEach, expect, vi } from 'vitest';
import { startMswSimulator, type MswSimulator } from '../simulator/adapters/msw.ts';
import { FileStore } from '../simulator/storage/file-store.ts';
import { testKeys } from './helpers.ts';
import { fieldOf } from './widget-binding.ts';

// The official dana-node SDK (npm 1.5.11, unmodified) against an in-process simulator behind msw,
// which intercepts DANA's hard-coded hosts: the API host and the pages host of the binding page.

/** The SDK configured only from what the credentials file holds, under the SDK's own variable names. */
export function danaFromEnv(env: Record<string, string>): Dana {
  return new Dana({
    partnerId: env.X_PARTNER_ID,
    privateKey: env.PRIVATE_KEY,
    origin: env.ORIGIN,
    clientSecret: env.CLIENT_SECRET,
    env: 'sandbox',
  });
}

export interface SdkRun {
  readonly sim: MswSimulator;
  readonly dana: Dana;
}

/**
 * For a test file: `start()` runs a simulator (on a data directory from `dataDir()` to test a
 * restart) and an SDK pointed at it; everything is closed and removed after each test.
 */
export function sdkHarness(seed: string) {
  let running: MswSimulator | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await running?.close();
    running = undefined;
    vi.unstubAllEnvs();
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return {
    async dataDir(): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), `dana-sim-${seed}-`));
      dirs.push(dir);
      return dir;
    },
    async start(dataDir?: string): Promise<SdkRun> {
      const keys = testKeys();
      running = await startMswSimulator({
        store: dataDir ? new FileStore(dataDir) : undefined,
        danaKeys: keys.dana,
        merchant: { privateKeyPem: keys.merchant.privateKeyPem },
        seed,
      });
      // WidgetUtils reads the partner id from the environment, as DANA's README tells users to set it.
      vi.stubEnv('X_PARTNER_ID', running.env.X_PARTNER_ID);
      return { sim: running, dana: danaFromEnv(running.env) };
    },
  };
}

export const postForm = (url: string | URL, form: Record<string, string>) =>
  fetch(url, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });

/**
 * Opens the binding URL WidgetUtils builds and submits its two forms as a browser would (phone, then
 * PIN); the redirect back to the merchant, which carries authCode and state.
 */
export async function bindThroughSdkUrl(
  data: { merchantId?: string; redirectUrl: string; state?: string; externalId?: string },
  phoneNumber = '83811223355',
  pin = '181818',
): Promise<URL> {
  const url = WidgetUtils.generateOauthUrl(data as never);
  expect(new URL(url).host).toBe('m.sandbox.dana.id');
  const page = await fetch(url).then((reply) => reply.text());
  const pinPage = await postForm(new URL('/v1.0/get-auth-code/login', url), { request: fieldOf(page, 'request')!, phoneNumber }).then(
    (reply) => reply.text(),
  );
  const done = await postForm(new URL('/v1.0/get-auth-code/verify-pin', url), { session: fieldOf(pinPage, 'session')!, pin });
  expect(done.status).toBe(302);
  return new URL(done.headers.get('location')!);
}
