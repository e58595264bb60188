import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SetupServer } from 'msw/node';
import { startForwarding } from '../../simulator/adapters/forward.ts';
import type { Credentials } from '../clients/types.ts';
import { controlOver, watchServer, type Target } from './types.ts';

// Targets over the network: a running dana-sim at a base URL (credentials from the environment or its
// data directory's .env files), or DANA's real sandbox (credentials from the environment; no control,
// so cases that need rules, balances or a reachable notification receiver are skipped there).

const DANA_SANDBOX_URL = 'https://api.sandbox.dana.id';
const DANA_SANDBOX_TOOLS_URL = 'https://dashboard-sandbox.dana.id/merchant-portal-app/api/sandbox-tools/execute';

export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(?:"(.*)"|(.*))$/.exec(line.trim());
    if (match)
      env[match[1]] = match[2] !== undefined ? match[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\') : match[3];
  }
  return env;
}

async function envFile(path: string): Promise<Record<string, string>> {
  try {
    return parseEnvFile(await readFile(path, 'utf8'));
  } catch {
    return {};
  }
}

function merchantFrom(env: Record<string, string | undefined>, where: string): Credentials & { merchantId: string } {
  const missing = ['X_PARTNER_ID', 'PRIVATE_KEY', 'MERCHANT_ID'].filter((name) => !env[name]);
  if (missing.length) throw new Error(`missing ${missing.join(', ')} (${where})`);
  return {
    partnerId: env.X_PARTNER_ID!,
    privateKey: env.PRIVATE_KEY!,
    clientSecret: env.CLIENT_SECRET ?? '',
    origin: env.ORIGIN,
    merchantId: env.MERCHANT_ID!,
  };
}

async function payVaAt(url: string, virtualAccountNo: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ urlEndpoint: '/v1.0/transfer-va/payment.htm', requestBody: { virtualAccountNo } }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: response.status, body };
}

function sdkRouting(baseUrl: string) {
  let forwarding: SetupServer | undefined;
  return {
    routeSdk: async () => {
      forwarding ??= startForwarding(baseUrl);
    },
    stop: () => forwarding?.close(),
    // SDK calls to DANA's hosts pass through the forwarding: their headers are the evidence a report shows.
    watch: (listener: (request: Request) => void) => watchServer(forwarding, listener),
  };
}

/** A running dana-sim. Credentials: X_PARTNER_ID etc. from the environment, else <dataDir>/merchant.env and bank.env. */
export async function remoteSimTarget(
  baseUrl: string,
  dataDir = '.dana-sim',
  env: Record<string, string | undefined> = process.env,
): Promise<Target> {
  const base = baseUrl.replace(/\/$/, '');
  const fromFile = await envFile(join(dataDir, 'merchant.env'));
  const bankEnv = await envFile(join(dataDir, 'bank.env'));
  const merchant = merchantFrom(
    env.X_PARTNER_ID ? env : fromFile,
    env.X_PARTNER_ID ? 'environment' : `${join(dataDir, 'merchant.env')} or the environment`,
  );
  const routing = sdkRouting(base);
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}/__sim${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(env.DANA_SIM_CONTROL_TOKEN ? { authorization: `Bearer ${env.DANA_SIM_CONTROL_TOKEN}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  return {
    name: `dana-sim at ${base}`,
    baseUrl: base,
    pagesUrl: base,
    merchant,
    ...(bankEnv.X_PARTNER_ID
      ? {
          bank: {
            partnerId: bankEnv.X_PARTNER_ID,
            privateKey: bankEnv.PRIVATE_KEY,
            clientSecret: bankEnv.CLIENT_SECRET,
            partnerServiceId: bankEnv.PARTNER_SERVICE_ID,
          },
        }
      : {}),
    control: controlOver(call),
    danaPublicKey: env.DANA_PUBLIC_KEY ?? fromFile.DANA_PUBLIC_KEY,
    payVa: (virtualAccountNo) => payVaAt(`${base}/merchant-portal-app/api/sandbox-tools/execute`, virtualAccountNo),
    routeSdk: routing.routeSdk,
    watchRequests: routing.watch,
    close: async () => routing.stop(),
  };
}

/**
 * DANA's sandbox, with the merchant's own credentials from the environment (X_PARTNER_ID,
 * PRIVATE_KEY, CLIENT_SECRET, MERCHANT_ID, ORIGIN). DANA_SANDBOX_BASE_URL and DANA_SANDBOX_TOOLS_URL
 * override the hosts (the tests point them at a local server).
 */
export async function sandboxTarget(env: Record<string, string | undefined> = process.env): Promise<Target> {
  const base = (env.DANA_SANDBOX_BASE_URL ?? DANA_SANDBOX_URL).replace(/\/$/, '');
  const routing = sdkRouting(base);
  return {
    name: `DANA sandbox (${base})`,
    baseUrl: base,
    merchant: merchantFrom(env, 'environment'),
    payVa: (virtualAccountNo) => payVaAt(env.DANA_SANDBOX_TOOLS_URL ?? DANA_SANDBOX_TOOLS_URL, virtualAccountNo),
    // The SDK already talks to DANA's sandbox; only an overridden host needs forwarding.
    routeSdk: async () => {
      if (base !== DANA_SANDBOX_URL) await routing.routeSdk();
    },
    close: async () => routing.stop(),
  };
}
