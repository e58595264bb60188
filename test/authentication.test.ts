import { describe, expect, it } from 'vitest';
import { snapRequest, type SignedRequest } from '../simulator/signature/client.ts';
import { signAsymmetric } from '../simulator/signature/snap.ts';
import { createTestSimulator, http, ledgerState, PATHS, sendHttp, topUpBody } from './helpers.ts';

// SNAP header and signature checks over real HTTP (auth.md sections 2 and 7): tampering with the
// body, a header or the path is rejected and leaves no trace in the ledger.

const FAKE_SIGNATURE = '85be817c55b2c135157c7e89f52499bf0c25ad6eeebe04a986e8c862561b19a5';

async function setup() {
  const t = await createTestSimulator();
  const agent = http(t.sim);
  const signed = (path: string, body: unknown, extra: Partial<Parameters<typeof snapRequest>[0]> = {}) =>
    snapRequest({ path, body, credentials: t.credentials, ...extra });
  return { t, agent, signed, send: (request: SignedRequest) => sendHttp(agent, request) };
}

const withHeader = (request: SignedRequest, name: string, value: string): SignedRequest => ({
  ...request,
  headers: { ...request.headers, [name]: value },
});

describe('SNAP authentication', () => {
  it('rejects one changed byte of a signed body with 401xx00 and no ledger change', async () => {
    const { t, signed, send } = await setup();
    const request = signed(PATHS.topUp, topUpBody());
    const before = ledgerState(t.sim);
    const tampered = { ...request, body: request.body.replace('"1.00"', '"9.00"') };
    expect(tampered.body).not.toBe(request.body);
    const reply = await send(tampered);
    expect(reply).toMatchObject({ status: 401, body: { responseCode: '4013800', responseMessage: 'Unauthorized. Invalid Signature' } });
    expect(ledgerState(t.sim)).toEqual(before);
    expect((await send(request)).body.responseCode).toBe('2003800');
  });

  it('rejects a changed timestamp header and a request sent to another path than signed', async () => {
    const { t, signed, send } = await setup();
    const request = signed('/v1.0/emoney/topup.htm', topUpBody());
    const before = ledgerState(t.sim);
    expect((await send(withHeader(request, 'x-timestamp', '2030-01-01T00:00:00+07:00'))).body.responseCode).toBe('4013800');
    expect((await send({ ...request, path: '/rest/v1.0/emoney/topup' })).body.responseCode).toBe('4013800');
    expect(ledgerState(t.sim)).toEqual(before);
  });

  it("answers DANA's fake UAT signature, an empty signature and an empty timestamp with their codes", async () => {
    const { signed, send } = await setup();
    const status = signed(PATHS.topUpStatus, { originalPartnerReferenceNo: 'x', serviceCode: '38' });
    expect((await send(withHeader(status, 'x-signature', FAKE_SIGNATURE))).body).toMatchObject({
      responseCode: '4013900',
      responseMessage: 'Unauthorized. Invalid Signature',
    });
    expect(await send(withHeader(status, 'x-timestamp', ''))).toMatchObject({
      status: 400,
      body: { responseCode: '4003902', responseMessage: 'Invalid Mandatory Field X-TIMESTAMP' },
    });
    expect((await send(withHeader(status, 'x-signature', ''))).body).toMatchObject({
      responseCode: '4003902',
      responseMessage: 'Invalid Mandatory Field X-SIGNATURE',
    });
    expect((await send(withHeader(status, 'x-timestamp', '2026-01-01 10:00:00+07:00'))).body).toMatchObject({
      responseCode: '4003901',
      responseMessage: 'Invalid Field Format X-TIMESTAMP',
    });
  });

  it('accepts X-TIMESTAMP in any offset, including Z as dana-node sends on UTC hosts, without a skew check', async () => {
    const { signed, send } = await setup();
    for (const timestamp of [
      '2026-11-21T03:00:00Z',
      '2026-11-21T10:00:00+07:00',
      '2020-01-01T00:00:00-05:00',
      '2035-06-01T12:00:00.123+0900',
    ]) {
      const reply = await send(signed(PATHS.topUp, topUpBody(), { timestamp }));
      expect(reply.body.responseCode, timestamp).toBe('2003800');
    }
  });

  it('verifies bodies sent with Python-style spacing while signed over compact JSON', async () => {
    const { t, send } = await setup();
    const body = topUpBody();
    const compact = JSON.stringify(body);
    const spaced = JSON.stringify(body).replace(/,"/g, ', "').replace(/":/g, '": ');
    const timestamp = '2026-11-21T10:00:00+07:00';
    const signature = signAsymmetric({ method: 'POST', path: PATHS.topUp, body: compact, timestamp }, t.credentials.privateKey);
    const request = snapRequest({ path: PATHS.topUp, body: spaced, credentials: t.credentials, timestamp });
    expect((await send(withHeader(request, 'x-signature', signature))).body.responseCode).toBe('2003800');
  });

  it('rejects an unknown partner and a key that does not match the partner', async () => {
    const { t, signed, send } = await setup();
    const unknown = await send(withHeader(signed(PATHS.topUp, topUpBody()), 'x-partner-id', 'nobody'));
    expect(unknown).toMatchObject({ status: 401, body: { responseCode: '4013800' } });
    const { generateRsaKeyPair } = await import('../simulator/signature/keys.ts');
    const stranger = snapRequest({
      path: PATHS.topUp,
      body: topUpBody(),
      credentials: { ...t.credentials, privateKey: generateRsaKeyPair().privateKeyPem },
    });
    expect((await send(stranger)).body).toMatchObject({ responseCode: '4013800', responseMessage: 'Unauthorized. Invalid Signature' });
  });

  it('answers a reused X-EXTERNAL-ID on the same day with 409xx00, and accepts it the next day', async () => {
    const { t, signed, send } = await setup();
    const first = await send(signed(PATHS.topUp, topUpBody(), { externalId: 'ext-1' }));
    expect(first.body.responseCode).toBe('2003800');
    const reused = await send(signed(PATHS.topUp, topUpBody(), { externalId: 'ext-1' }));
    expect(reused).toMatchObject({ status: 409, body: { responseCode: '4093800', responseMessage: 'Conflict' } });
    t.sim.clock.advance(24 * 60 * 60 * 1000);
    expect((await send(signed(PATHS.topUp, topUpBody(), { externalId: 'ext-1' }))).body.responseCode).toBe('2003800');
  });

  it('checks headers in DANA order: presence before signature', async () => {
    const { signed, send } = await setup();
    const request = withHeader(withHeader(signed(PATHS.topUp, topUpBody()), 'x-signature', FAKE_SIGNATURE), 'x-external-id', '');
    expect((await send(request)).body).toMatchObject({ responseCode: '4003802', responseMessage: 'Invalid Mandatory Field X-EXTERNAL-ID' });
  });

  it('accepts the long CHANNEL-ID that dana-node and dana-java send', async () => {
    const { t, signed, send } = await setup();
    const reply = await send(withHeader(signed(PATHS.topUp, topUpBody()), 'channel-id', `${t.credentials.partnerId}-SERVER`));
    expect(reply.body.responseCode).toBe('2003800');
  });
});
