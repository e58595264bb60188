import { describe, expect, it } from 'vitest';
import { queryMerchantResource } from '../contracts/merchant/index.ts';
import { SimulatorClock } from '../simulator/clock/clock.ts';
import { merchantDeposit, userBalance } from '../simulator/ledger/accounts.ts';
import { openApiRequest, snapRequest, tokenRequest } from '../simulator/signature/client.ts';
import type { LogEntry } from '../simulator/core/request-log.ts';
import { PATHS, VALID_CUSTOMER, controlCall, createTestSimulator, inquiryBody, topUpBody, vaInquiryBody, idr } from './helpers.ts';

// What the request log records of real traffic through the simulator, and the control API that
// reads it with filters. Nothing secret may ever appear in it: signatures, tokens, client secrets.

const AT_MS = Date.UTC(2030, 4, 1, 3, 4, 5, 6);

async function simulator() {
  return createTestSimulator({ clock: SimulatorClock.frozen(AT_MS) });
}

const lastEntry = (t: Awaited<ReturnType<typeof simulator>>): LogEntry => t.sim.log.since().at(-1)!;

describe('request log entries', () => {
  it('say whether the signature was checked and accepted: not when refused, nor when refused before the check', async () => {
    const t = await simulator();
    const signed = snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials });
    await t.sim.handle({ ...signed, body: signed.body.replace('"1.00"', '"2.00"') });
    expect(lastEntry(t)).toMatchObject({ code: '4013800', verified: false });
    const { 'x-timestamp': _dropped, ...withoutTimestamp } = Object.fromEntries(
      Object.entries(snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials }).headers).map(([k, v]) => [
        k.toLowerCase(),
        v,
      ]),
    );
    await t.sim.handle({ ...signed, headers: withoutTimestamp });
    expect(lastEntry(t)).toMatchObject({ code: '4003802', verified: false });
    await t.sim.handle(snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials }));
    expect(lastEntry(t)).toMatchObject({ code: '2003800', verified: true });
  });

  it('record headers, bodies, references, postings, time in WIB and the boot id of a top up', async () => {
    const t = await simulator();
    const body = topUpBody({ partnerReferenceNo: 'ref-log-1', amount: idr('10000.00'), feeAmount: idr('0.00') });
    const signed = snapRequest({ path: PATHS.topUp, body, credentials: t.credentials, externalId: 'ext-log-1' });
    const reply = await t.sim.handle(signed);
    const replyBody = JSON.parse(reply.body);
    expect(replyBody.responseCode).toBe('2003800');

    const entry = lastEntry(t);
    expect(entry).toMatchObject({
      seq: 1,
      bootId: t.sim.log.bootId,
      atMs: AT_MS,
      at: '2030-05-01T10:04:05.006+07:00',
      endpoint: 'transferToDana',
      partnerId: t.credentials.partnerId,
      httpStatus: 200,
      code: '2003800',
      verified: true,
      ledgerChanged: true,
    });
    expect(entry.request.headers).toMatchObject({
      'x-partner-id': t.credentials.partnerId,
      'x-external-id': 'ext-log-1',
      'x-timestamp': signed.headers['x-timestamp'],
      'x-signature': '***',
    });
    expect(entry.request.body).toEqual(body);
    expect(entry.reply.body).toEqual(replyBody);
    expect(entry.references).toMatchObject({ 'X-EXTERNAL-ID': 'ext-log-1', partnerReferenceNo: 'ref-log-1' });
    if (replyBody.referenceNo) expect(entry.references.referenceNo).toBe(replyBody.referenceNo);
    // The top up moves 10,000.00 from the merchant's deposit to the user; every posting sums to zero.
    expect(entry.postings).toContainEqual({ account: userBalance(VALID_CUSTOMER), amountMinor: 1_000_000 });
    expect(entry.postings.filter((p) => p.account === merchantDeposit(t.merchantId)).reduce((sum, p) => sum + p.amountMinor, 0)).toBe(
      -1_000_000,
    );
    expect(entry.postings.reduce((sum, p) => sum + p.amountMinor, 0)).toBe(0);
    expect(JSON.stringify(entry)).not.toContain(signed.headers['x-signature']);
  });

  it('record no postings for a request that moves no money, and none for a replayed top up', async () => {
    const t = await simulator();
    await t.snap(PATHS.inquiry, inquiryBody());
    expect(lastEntry(t)).toMatchObject({ endpoint: 'danaAccountInquiry', ledgerChanged: false, postings: [] });
    const body = topUpBody();
    await t.snap(PATHS.topUp, body);
    expect(lastEntry(t).postings.length).toBeGreaterThan(0);
    await t.snap(PATHS.topUp, body);
    expect(lastEntry(t)).toMatchObject({ code: '2003800', ledgerChanged: false, postings: [] });
  });

  it('never show an access token, a bearer header, a client secret or a signature', async () => {
    const t = await simulator();
    const tokenReply = await t.sim.handle(tokenRequest(t.bank.credentials));
    const accessToken = JSON.parse(tokenReply.body).accessToken as string;
    expect(accessToken.length).toBeGreaterThan(20);
    expect(lastEntry(t).reply.body).toMatchObject({ accessToken: '***' });

    const symmetric = snapRequest({
      path: PATHS.vaInquiry,
      body: vaInquiryBody(t.bank.partnerServiceId, VALID_CUSTOMER),
      credentials: t.bank.credentials,
      accessToken,
    });
    await t.sim.handle(symmetric);
    expect(lastEntry(t).request.headers).toMatchObject({ authorization: '***', 'x-signature': '***' });

    const openApi = openApiRequest({
      path: PATHS.merchantResource,
      function: queryMerchantResource.function,
      credentials: t.credentials,
      body: { requestMerchantId: t.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
    });
    const openApiReply = await t.sim.handle(openApi);
    expect(lastEntry(t).request.body).toMatchObject({ request: { head: { clientSecret: '***' } }, signature: '***' });

    const everything = JSON.stringify(t.sim.log.since());
    const openApiSignature = JSON.parse(openApi.body).signature as string;
    const replySignature = JSON.parse(openApiReply.body).signature as string;
    for (const secret of [
      accessToken,
      symmetric.headers['x-signature'],
      openApiSignature,
      replySignature,
      t.credentials.clientSecret,
      t.bank.credentials.clientSecret,
    ])
      expect(everything).not.toContain(secret);
  });

  it('record a refused request too, with what was sent', async () => {
    const t = await simulator();
    const signed = snapRequest({ path: PATHS.topUp, body: topUpBody({ partnerReferenceNo: 'ref-refused' }), credentials: t.credentials });
    await t.sim.handle({ ...signed, headers: { ...signed.headers, 'x-signature': 'bm90IGEgc2lnbmF0dXJl' } });
    const entry = lastEntry(t);
    expect(entry).toMatchObject({ endpoint: 'transferToDana', httpStatus: 401, postings: [] });
    expect(entry.references.partnerReferenceNo).toBe('ref-refused');
    expect(entry.request.headers['x-signature']).toBe('***');
    expect(JSON.stringify(entry)).not.toContain('bm90IGEgc2lnbmF0dXJl');
  });
});

describe('request log and hostile bodies', () => {
  it('answers a body nested 5,000 deep in DANA shape, logging it cut at the depth limit', async () => {
    const t = await simulator();
    const signed = snapRequest({ path: PATHS.topUp, body: '['.repeat(5000) + ']'.repeat(5000), credentials: t.credentials });
    const reply = await t.sim.handle(signed);
    expect(reply.status).toBeLessThan(500);
    expect(JSON.parse(reply.body).responseCode).toMatch(/^4\d{6}$/);
    expect(JSON.stringify(lastEntry(t).request.body)).toContain('[too deep]');
  });
});

describe('GET /__sim/log', () => {
  async function traffic() {
    const t = await simulator();
    await t.snap(PATHS.topUp, topUpBody({ partnerReferenceNo: 'ref-a' }));
    await t.snap(PATHS.inquiry, inquiryBody());
    await t.snap(PATHS.topUp, topUpBody({ partnerReferenceNo: 'ref-b', amount: idr('1') }));
    await t.bank.snap(PATHS.vaInquiry, vaInquiryBody(t.bank.partnerServiceId, VALID_CUSTOMER));
    const read = async (query: string) => {
      const reply = await controlCall(t.sim, 'GET', `/__sim/log${query}`);
      return { status: reply.status, body: JSON.parse(reply.body) };
    };
    return { t, read };
  }
  const seqs = (body: { entries: LogEntry[] }) => body.entries.map((e) => e.seq);

  it('returns the boot id with the entries, oldest first', async () => {
    const { t, read } = await traffic();
    const { status, body } = await read('');
    expect(status).toBe(200);
    expect(body.bootId).toBe(t.sim.log.bootId);
    expect(seqs(body)).toEqual([1, 2, 3, 4]);
  });

  it('filters by endpoint, code, partner and reference; after and limit page', async () => {
    const { t, read } = await traffic();
    expect(seqs((await read('?endpoint=transferToDana')).body)).toEqual([1, 3]);
    const refused = (await read('?endpoint=transferToDana')).body.entries[1].code as string;
    expect(refused).not.toBe('2003800');
    expect(seqs((await read(`?code=${refused}`)).body)).toEqual([3]);
    expect(seqs((await read(`?partner=${t.bank.credentials.partnerId}`)).body)).toEqual([4]);
    expect(seqs((await read('?reference=ref-b')).body)).toEqual([3]);
    expect(seqs((await read('?after=2')).body)).toEqual([3, 4]);
    expect(seqs((await read('?limit=1')).body)).toEqual([4]);
    expect(seqs((await read('?endpoint=transferToDana&reference=ref-a')).body)).toEqual([1]);
  });

  it('refuses a bad after, limit or an empty filter with 400', async () => {
    const { read } = await traffic();
    expect((await read('?limit=0')).status).toBe(400);
    expect((await read('?after=-1')).status).toBe(400);
    const empty = await read('?partner=');
    expect(empty.status).toBe(400);
    expect(empty.body.error).toBe('partner must not be empty');
    const misspelt = await read('?endpoint=topup');
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error).toMatch(/^unknown endpoint "topup"; one of: .*transferToDana.*, or a path such as/);
    expect((await read('?endpoint=/v1.0/emoney/topup.htm')).status).toBe(200);
  });
});
