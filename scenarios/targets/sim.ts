import { startMswSimulator, type MswSimulator } from '../../simulator/adapters/msw.ts';
import { DANA_BASE_URLS } from '../../simulator/adapters/msw.ts';
import { DEFAULT_PAGES_URL, type SimulatorOptions } from '../../simulator/index.ts';
import { controlOver, watchServer, type Target } from './types.ts';

// The in-process simulator: a fresh one in memory, behind msw on DANA's own hosts, so the raw signer
// and unmodified SDKs reach it the same way.

export async function simTarget(options: SimulatorOptions = {}): Promise<Target> {
  const running: MswSimulator = await startMswSimulator({ seed: 'uat', ...options });
  const sim = running.simulator;
  const partner = sim.parties.defaultBank();
  const call = async (method: string, path: string, body?: unknown) => {
    const reply = await sim.fetch(
      new Request(`http://dana-sim/__sim${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: reply.status, body: await reply.json() };
  };
  return {
    name: 'sim (in-process)',
    baseUrl: DANA_BASE_URLS[0],
    pagesUrl: DEFAULT_PAGES_URL,
    merchant: {
      partnerId: running.env.X_PARTNER_ID,
      privateKey: running.env.PRIVATE_KEY,
      clientSecret: running.env.CLIENT_SECRET,
      origin: running.env.ORIGIN,
      merchantId: running.env.MERCHANT_ID,
    },
    bank: {
      partnerId: partner.partnerId,
      privateKey: partner.privateKeyPem!,
      clientSecret: partner.clientSecret,
      partnerServiceId: partner.partnerServiceId,
    },
    control: controlOver(call),
    danaPublicKey: running.env.DANA_PUBLIC_KEY,
    async payVa(virtualAccountNo) {
      const response = await fetch('https://dashboard-sandbox.dana.id/merchant-portal-app/api/sandbox-tools/execute', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ urlEndpoint: '/v1.0/transfer-va/payment.htm', requestBody: { virtualAccountNo } }),
      });
      return { status: response.status, body: await response.json() };
    },
    routeSdk: async () => undefined,
    watchRequests: (listener) => watchServer(running.server, listener),
    close: () => running.close(),
  };
}
