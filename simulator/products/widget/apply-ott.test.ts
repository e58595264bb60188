import { describe, expect, it } from 'vitest';
import { controlCall, createTestSimulator, type TestSimulator } from '../../../test/helpers.ts';
import { UAT_FAKE_SIGNATURE } from '../../../test/oracle/provoke.ts';
import { customerCall, customerTokens } from '../../../test/widget-binding.ts';
import { SimulatorClock } from '../../clock/clock.ts';
import { snapRequest } from '../../signature/client.ts';
import { OTTS } from './ott.ts';

// Apply OTT (svc 49) against the in-memory simulator: the OTT it issues, the format, signature and
// token checks in DANA's order, and DANA's sandbox users, which are rules matched on the customer.

const APPLY_OTT = '/rest/v1.1/qr/apply-ott';

async function setup() {
  const clock = SimulatorClock.frozen(Date.parse('2026-12-06T05:00:00Z'));
  const t = await createTestSimulator({ background: false, clock });
  return { t, clock };
}

const applyOtt = (t: TestSimulator, token: string | undefined, userResources: unknown = ['OTT']) =>
  customerCall(t, APPLY_OTT, { userResources }, token);

describe('Apply OTT', () => {
  it('issues a URL-safe OTT for the bound user, a new one each call, kept in the ledger database', async () => {
    const { t } = await setup();
    const { accessToken } = await customerTokens(t);
    const first = await applyOtt(t, accessToken);
    expect(first).toMatchObject({
      status: 200,
      body: { responseCode: '2004900', responseMessage: 'Successful', userResources: [{ resourceType: 'OTT' }] },
    });
    const ott = first.body.userResources[0].value as string;
    expect(ott).toMatch(/^[A-Za-z0-9_-]{16,128}$/);
    const second = await applyOtt(t, accessToken);
    expect(second.body.userResources[0].value).not.toBe(ott);
    expect(t.sim.runtime.db.get(OTTS, ott)).toMatchObject({ customerNumber: '6283811223355', partnerId: t.credentials.partnerId });
  });

  it('answers a resource other than OTT with 4004901 naming userResources, and an empty list too', async () => {
    const { t } = await setup();
    const { accessToken } = await customerTokens(t);
    for (const resources of [['OTTasd!#$'], ['OTT', 'BALANCE'], []]) {
      const reply = await applyOtt(t, accessToken, resources);
      expect(reply).toMatchObject({
        status: 400,
        body: { responseCode: '4004901', responseMessage: 'Invalid Field Format userResources' },
      });
    }
    expect((await applyOtt(t, accessToken, null)).body.responseCode).toBe('4004902');
    expect(t.sim.runtime.db.size(OTTS)).toBe(0);
  });

  it('checks X-TIMESTAMP and the signature before the customer token (UAT: empty body, no token -> 400)', async () => {
    const { t } = await setup();
    const { accessToken } = await customerTokens(t);
    const signed = snapRequest({ path: APPLY_OTT, body: {}, credentials: t.credentials });
    const empty = await t.sim.handle({ ...signed, headers: { ...signed.headers, 'x-timestamp': '' } });
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.body)).toMatchObject({ responseCode: '4004902', responseMessage: 'Invalid Mandatory Field X-TIMESTAMP' });
    const body = { userResources: ['OTT'], additionalInfo: { accessToken, deviceId: '1234567890' } };
    const good = snapRequest({ path: APPLY_OTT, body, credentials: t.credentials });
    const forged = await t.sim.handle({
      ...good,
      headers: { ...good.headers, 'authorization-customer': `Bearer ${accessToken}`, 'x-signature': UAT_FAKE_SIGNATURE },
    });
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body)).toMatchObject({ responseCode: '4014900', responseMessage: 'Unauthorized. Invalid Signature' });
  });

  it('refuses an unknown or unbound token with 4014902 and an expired one with 4014901', async () => {
    const { t, clock } = await setup();
    expect((await applyOtt(t, 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d')).body).toMatchObject({
      responseCode: '4014902',
      responseMessage: 'Invalid Customer Token',
    });
    const bound = await customerTokens(t);
    const unbind = { merchantId: t.merchantId, partnerReferenceNo: 'unbind-1' };
    expect((await customerCall(t, '/v1.0/registration-account-unbinding.htm', unbind, bound.accessToken)).body.responseCode).toBe(
      '2000900',
    );
    expect((await applyOtt(t, bound.accessToken)).body.responseCode).toBe('4014902');
    const { accessToken } = await customerTokens(t);
    clock.advance(15 * 60_000);
    expect(await applyOtt(t, accessToken)).toMatchObject({
      status: 401,
      body: { responseCode: '4014901', responseMessage: 'Token Expired' },
    });
    expect(t.sim.runtime.db.size(OTTS)).toBe(0);
  });

  it('answers DANA\u2019s sandbox users with their fixed codes (rules on the customer), and no OTT', async () => {
    const { t } = await setup();
    const cases = [
      ['08551003634', '574008', 401, '4014901', 'Token Expired'],
      ['0855100800', '146838', 403, '4034905', 'Do Not Honor'],
      ['0815919191', '945922', 500, '5004900', 'General Error'],
      ['081298055132', '677832', 500, '5004901', 'Internal Server Error'],
    ] as const;
    for (const [phone, pin, status, responseCode, responseMessage] of cases) {
      const { accessToken } = await customerTokens(t, phone, pin);
      expect(await applyOtt(t, accessToken), phone).toMatchObject({ status, body: { responseCode, responseMessage } });
    }
    expect(t.sim.runtime.db.size(OTTS)).toBe(0);
    const log = t.sim.log.since().filter((entry) => entry.endpoint === 'applyOTT');
    expect(log.map((entry) => entry.rule)).toEqual([
      'sandbox.apply-ott.628551003634',
      'sandbox.apply-ott.62855100800',
      'sandbox.apply-ott.62815919191',
      'sandbox.apply-ott.6281298055132',
    ]);
  });

  it('lists the customer rules among the sandbox defaults, and takes a user rule on a customer through the control API', async () => {
    const { t } = await setup();
    const listed = JSON.parse((await controlCall(t.sim, 'GET', '/__sim/faults?source=sandbox')).body) as Array<{
      id: string;
      customer?: string;
    }>;
    expect(listed.filter((rule) => rule.customer).map((rule) => rule.id)).toEqual([
      'sandbox.balance-inquiry.62855100800',
      'sandbox.balance-inquiry.62815919191',
      'sandbox.apply-ott.628551003634',
      'sandbox.apply-ott.62855100800',
      'sandbox.apply-ott.62815919191',
      'sandbox.apply-ott.6281298055132',
    ]);
    const rule = { id: 'frozen-user', endpoint: 'applyOTT', customer: '6283811223355', effect: { result: 'DO_NOT_HONOR' } };
    expect((await controlCall(t.sim, 'POST', '/__sim/faults', JSON.stringify(rule))).status).toBe(200);
    const other = await customerTokens(t, '0812 3456 7890');
    const { accessToken } = await customerTokens(t);
    expect((await applyOtt(t, accessToken)).body.responseCode).toBe('4034905');
    // Another user, and a token that names nobody, are not matched by it.
    expect((await applyOtt(t, other.accessToken)).body.responseCode).toBe('2004900');
    expect((await applyOtt(t, 'not-a-token')).body.responseCode).toBe('4014902');
    for (const bad of [
      { ...rule, id: 'local', customer: '083811223355' },
      { ...rule, id: 'no-customer-here', endpoint: 'widgetPayment' },
    ]) {
      const refused = await controlCall(t.sim, 'POST', '/__sim/faults', JSON.stringify(bad));
      expect(refused.status, bad.id).toBe(400);
    }
  });
});
