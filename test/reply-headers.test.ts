import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryMerchantResource } from '../contracts/merchant/index.ts';
import { SimulatorClock, jakartaTimestamp } from '../simulator/clock/clock.ts';
import { openApiRequest, snapRequest, type SignedRequest } from '../simulator/signature/client.ts';
import { ADAPTERS, type AdapterDriver } from './conformance/adapters.ts';
import type { CaseRequest, Outcome } from './conformance/cases.ts';
import { createTestSimulator, PATHS, topUpBody, type TestSimulator } from './helpers.ts';

// Every SNAP reply, success or error, carries Content-Type and X-TIMESTAMP (the reply time in Jakarta on
// the simulator clock), whichever adapter carries it; Open API replies keep their own envelope, whose
// head.respTime tells the time, and get no X-TIMESTAMP.

/** A simulator clock a day ahead of the wall clock: a header from Date.now() would not match it. */
const SIM_NOW = Date.UTC(2031, 0, 2, 3, 4, 5);
const JAKARTA = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

const asRequest = (signed: SignedRequest, extra: Record<string, string> = {}): CaseRequest => ({
  method: signed.method,
  path: signed.path,
  headers: { ...signed.headers, ...extra },
  body: signed.body,
});

function replied(outcome: Outcome) {
  if (outcome === 'network-error') throw new Error('the client got a network error');
  return outcome;
}

describe.each(ADAPTERS.map((make) => make()).map((driver) => [driver.name, driver] as const))(
  'reply headers via %s',
  (_name, driver: AdapterDriver) => {
    let t: TestSimulator;

    beforeAll(async () => {
      t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(SIM_NOW) });
      // The plain and guarded slots share one simulator: these cases need neither guard.
      await driver.start({ plain: t.sim, guarded: t.sim });
    });

    afterAll(async () => {
      await driver.stop();
      await t.sim.close();
    });

    const send = (request: CaseRequest) => driver.send('plain', request).then(replied);
    const signedTopUp = () => snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials });

    it('a SNAP success carries X-TIMESTAMP on the simulator clock and Content-Type JSON', async () => {
      t.sim.clock.advance(61_000);
      const reply = await send(asRequest(signedTopUp()));
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body).responseCode).toBe('2003800');
      expect(reply.headers['x-timestamp']).toBe(jakartaTimestamp(t.sim.clock.now()));
      expect(reply.headers['content-type']).toMatch(/^application\/json/);
    });

    it('a SNAP error (bad signature) carries them too', async () => {
      const reply = await send(asRequest(signedTopUp(), { 'x-signature': Buffer.from('not a signature').toString('base64') }));
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body).responseCode).toBe('4013800');
      expect(reply.headers['x-timestamp']).toBe(jakartaTimestamp(t.sim.clock.now()));
      expect(reply.headers['content-type']).toMatch(/^application\/json/);
    });

    it('a SNAP error raised before the envelope is opened (unparsable body after the signature) carries them', async () => {
      const signed = snapRequest({ path: PATHS.createOrder, body: '{', credentials: t.credentials });
      const reply = await send(asRequest(signed));
      expect(reply.status).toBe(400);
      expect(reply.headers['x-timestamp']).toMatch(JAKARTA);
    });

    it("an unknown path's SNAP-shaped 404 carries them", async () => {
      const reply = await send({
        method: 'POST',
        path: '/v1.0/emoney/nothing.htm',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(reply.status).toBe(404);
      expect(reply.headers['x-timestamp']).toBe(jakartaTimestamp(t.sim.clock.now()));
    });

    it('an Open API reply keeps its envelope time and gets no X-TIMESTAMP', async () => {
      const signed = openApiRequest({
        path: PATHS.merchantResource,
        function: queryMerchantResource.function,
        credentials: t.credentials,
        body: { requestMerchantId: t.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
      });
      const reply = await send(asRequest(signed));
      expect(reply.status).toBe(200);
      expect(reply.headers['x-timestamp']).toBeUndefined();
      expect(JSON.parse(reply.body).response.head.respTime).toBe(jakartaTimestamp(t.sim.clock.now()));
    });
  },
);
