import { findMerchant } from '../parties/find.ts';
import { merchantEnv } from './credentials.ts';
import { dotenvBlock } from './env-block.ts';
import { LANGUAGES, guideFor, guideInputFor } from './env-guides.ts';
import type { HostRoutes } from './host.ts';

// GET /__sim/credentials: what an app needs to reach this simulator as a merchant, per SDK language,
// the same dotenv block `dana-sim env --lang L --format dotenv` prints. Secrets are included: the
// control API is loopback-only (and token-guarded when configured), and the dashboard hides them
// until asked.

/** `dana-sim start`'s default data directory, named in the guides when the simulator has none. */
const DEFAULT_DATA_DIR = '.dana-sim';
const DEFAULT_PROXY_URL = 'http://127.0.0.1:8788';
const DEFAULT_URL = 'http://127.0.0.1:8787';
const NO_URL_NOTE = `; DANA_SIM_URL is left out: this simulator runs in-process and serves no URL of its own (the guides show dana-sim start's default ${DEFAULT_URL})`;

/**
 * The simulator's own URL, when it has one: in-process its page URL is DANA's cashier host, which msw
 * answers for; naming that as DANA_SIM_URL would send an app to the real sandbox.
 */
const ownUrl = (pagesUrl: string) => (/(^|\.)dana\.id$/.test(new URL(pagesUrl).hostname) ? undefined : pagesUrl);

export const CREDENTIALS_ROUTES: HostRoutes = {
  'GET /credentials': (sim, request) => {
    const merchant = findMerchant(sim.runtime.db, request.query.get('merchant') || undefined);
    const source = sim.credentials();
    const url = source?.url ?? ownUrl(sim.runtime.pagesUrl());
    // Served only by a server that wrote the key to its credentials file: the same secret, one place more.
    const privateKey = source && merchant.privateKeyPem ? merchant.privateKeyPem : null;
    const env = merchantEnv(merchant, { danaPublicKeyPem: sim.danaPublicKeyPem, bni: sim.bni() }, url);
    const { PRIVATE_KEY: _key, ...publicParts } = env;
    const variables = privateKey ? env : publicParts;
    const input = guideInputFor(source?.dataDir ?? DEFAULT_DATA_DIR, url ?? DEFAULT_URL, source?.proxyUrl ?? DEFAULT_PROXY_URL);
    return {
      merchantId: merchant.merchantId,
      partnerId: merchant.partnerId,
      ...(source?.envFilePartnerId === merchant.partnerId ? { envFile: source.envFile } : {}),
      privateKey,
      ...(privateKey ? {} : { note: missingKeyNote(Boolean(source), Boolean(merchant.privateKeyPem)) + (url ? '' : NO_URL_NOTE) }),
      variables,
      languages: LANGUAGES.map((lang) => ({ lang, env: dotenvBlock(variables, url, guideFor(lang, input)) })),
    };
  },
};

function missingKeyNote(server: boolean, held: boolean): string {
  if (server || !held)
    return "dana-sim never held this merchant's private key: it was registered with its own public key (POST /__sim/merchants); PRIVATE_KEY is the key it was registered with";
  return 'this simulator runs in-process and wrote no credentials file, so it serves no private key; `dana-sim start` writes it as PRIVATE_KEY to <data>/merchant.env (default .dana-sim/merchant.env)';
}
