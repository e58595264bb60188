import { afterAll, describe, expect, it } from 'vitest';
import { startMswSimulator, type MswSimulator } from '../simulator/adapters/msw.ts';
import { snapRequest, type SignedRequest } from '../simulator/signature/client.ts';
import { createTestSimulator, http, idr, PATHS, sendHttp, testKeys, topUpBody } from './helpers.ts';

// One core, two thin adapters: the same requests through express and through msw give the same
// statuses and bodies (apart from generated references and times).

let msw: MswSimulator | undefined;
afterAll(async () => msw?.close());

const volatile = (body: Record<string, unknown>) => {
  const { referenceNo: _r, originalReferenceNo: _o, originalExternalId: _e, customerName: _n, ...rest } = body;
  return rest;
};

describe('express and msw adapters', () => {
  it('answer a mixed sequence identically', async () => {
    const { dana, merchant } = testKeys();
    const viaExpress = await createTestSimulator({ seed: 'parity' });
    msw = await startMswSimulator({
      danaKeys: dana,
      merchant: { privateKeyPem: merchant.privateKeyPem },
      seed: 'parity',
      clientTimeoutMs: 100,
    });
    const credentialsFor = (partnerId: string) => ({ partnerId, privateKey: merchant.privateKeyPem });
    const ok = topUpBody();
    const steps: [string, unknown][] = [
      [PATHS.topUp, ok],
      [PATHS.topUp, ok],
      [PATHS.topUp, { ...ok, amount: idr('3.00') }],
      [PATHS.topUp, topUpBody({ customerNumber: '628996647679' })],
      [PATHS.topUp, topUpBody({ amount: idr('21000000.00') })],
      [PATHS.topUpStatus, { originalPartnerReferenceNo: ok.partnerReferenceNo, serviceCode: '38' }],
      [PATHS.topUpStatus, { originalPartnerReferenceNo: 'nope', serviceCode: '38' }],
      [PATHS.inquiry, { customerNumber: '628152768647', amount: idr('1.00'), additionalInfo: { fundType: 'AGENT_TOPUP_FOR_USER_SETTLE' } }],
      ['/v1.0/emoney/unknown.htm', {}],
    ];
    const agent = http(viaExpress.sim);
    for (const [path, body] of steps) {
      const expressReply = await sendHttp(
        agent,
        snapRequest({ path, body, credentials: credentialsFor(viaExpress.credentials.partnerId) }),
      );
      const signed: SignedRequest = snapRequest({ path, body, credentials: credentialsFor(msw.merchant.partnerId) });
      const response = await fetch(`https://api.sandbox.dana.id${path}`, { method: 'POST', headers: signed.headers, body: signed.body });
      const mswReply = { status: response.status, body: await response.json() };
      expect(mswReply.status, path).toBe(expressReply.status);
      expect(volatile(mswReply.body), path).toEqual(volatile(expressReply.body));
    }
  });
});
