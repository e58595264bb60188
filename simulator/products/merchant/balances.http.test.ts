import { describe, expect, it } from 'vitest';
import { OPEN_API_RESULTS } from '../../../contracts/response-codes.ts';
import { queryMerchantResource } from '../../../contracts/merchant/index.ts';
import { openApiRequest } from '../../signature/client.ts';
import { rawMemberText } from '../../signature/open-api.ts';
import { rsaSign, rsaVerify } from '../../signature/snap.ts';
import { createTestSimulator, PATHS, topUpBody, topUpDeposit } from '../../../test/helpers.ts';

// Check Disbursement Account (queryMerchantResource): Open API envelope, balances from the ledger,
// resultInfo codes, and DANA's signature on the reply.

const ALL_TYPES = ['MERCHANT_AVAILABLE_BALANCE', 'MERCHANT_TOTAL_BALANCE', 'MERCHANT_DEPOSIT_BALANCE'];
const amountOf = (info: { value: string }) => JSON.parse(info.value).amount as string;

describe('queryMerchantResource', () => {
  it('reports the three balances from the ledger as JSON strings, signed by the DANA key', async () => {
    const t = await createTestSimulator();
    const reply = await t.balanceCheck({ requestMerchantId: t.merchantId, merchantResourceInfoList: ALL_TYPES });
    expect(reply.status).toBe(200);
    const { response, signature } = reply.body;
    expect(response.head).toMatchObject({ version: '2.0', function: queryMerchantResource.function, clientId: t.credentials.partnerId });
    expect(response.body.resultInfo).toEqual(OPEN_API_RESULTS.SUCCESS);
    const infos = response.body.merchantResourceInformations as { resourceType: string; value: string }[];
    expect(infos.map((info) => info.resourceType)).toEqual(ALL_TYPES);
    for (const info of infos) expect(JSON.parse(info.value)).toEqual({ amount: t.deposit(), currency: 'IDR' });
    expect(rsaVerify(JSON.stringify(response), signature, t.sim.danaKeys.publicKeyPem)).toBe(true);
  });

  it('follows deposit top ups and disbursements', async () => {
    const t = await createTestSimulator();
    const before = Number(t.deposit());
    topUpDeposit(t.sim, '1000000.00');
    await t.snap(PATHS.topUp, topUpBody());
    const reply = await t.balanceCheck();
    expect(Number(amountOf(reply.body.response.body.merchantResourceInformations[0]))).toBeCloseTo(before + 1000000 - 2, 2);
  });

  it.each([
    ['a merchant id that is not 21 digits', { requestMerchantId: '123', merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] }],
    ['an empty resource list', { merchantResourceInfoList: [] }],
    ['an unknown resource type', { merchantResourceInfoList: ['MERCHANT_SECRET_BALANCE'] }],
    ['a missing resource list', { merchantResourceInfoList: undefined }],
    ['a resource list that is a string', { merchantResourceInfoList: 'MERCHANT_DEPOSIT_BALANCE' }],
  ])('answers PARAM_ILLEGAL for %s', async (_name, override) => {
    const t = await createTestSimulator();
    const reply = await t.balanceCheck({
      ...{ requestMerchantId: t.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
      ...override,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.response.body.resultInfo).toMatchObject({ resultStatus: 'F', resultCodeId: '00000004', resultCode: 'PARAM_ILLEGAL' });
    expect(reply.body.response.body.merchantResourceInformations).toBeUndefined();
  });

  it('answers MERCHANT_NOT_EXIST for an unknown merchant id', async () => {
    const t = await createTestSimulator();
    const reply = await t.balanceCheck({
      requestMerchantId: '216600000000000000000',
      merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'],
    });
    expect(reply.body.response.body.resultInfo).toMatchObject({
      resultStatus: 'F',
      resultCodeId: '12158006901',
      resultCode: 'MERCHANT_NOT_EXIST',
    });
  });

  it('answers SYSTEM_ERROR (U) when a rule injects it, once', async () => {
    const t = await createTestSimulator();
    t.sim.rules.add({ endpoint: 'queryMerchantResource', effect: { result: 'SYSTEM_ERROR' }, times: 1 });
    expect((await t.balanceCheck()).body.response.body.resultInfo).toMatchObject({
      resultStatus: 'U',
      resultCodeId: '00000900',
      resultCode: 'SYSTEM_ERROR',
    });
    expect((await t.balanceCheck()).body.response.body.resultInfo.resultStatus).toBe('S');
  });

  it('rejects a bad signature, an unknown client, a wrong secret and a wrong function', async () => {
    const t = await createTestSimulator();
    const body = { requestMerchantId: t.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] };
    const send = async (overrides: Partial<Parameters<typeof openApiRequest>[0]>, mutate = (text: string) => text) => {
      const signed = openApiRequest({
        path: PATHS.merchantResource,
        function: queryMerchantResource.function,
        credentials: t.credentials,
        body,
        ...overrides,
      });
      const reply = await t.sim.handle({ ...signed, body: mutate(signed.body) });
      return JSON.parse(reply.body).response.body.resultInfo.resultCode as string;
    };
    expect(await send({}, (text) => text.replace('MERCHANT_DEPOSIT_BALANCE', 'MERCHANT_TOTAL_BALANCE'))).toBe('INVALID_SIGNATURE');
    expect(await send({ credentials: { ...t.credentials, partnerId: 'nobody' } })).toBe('UNKNOWN_CLIENT');
    expect(await send({ credentials: { ...t.credentials, clientSecret: 'wrong' } })).toBe('VERIFY_CLIENT_SECRET_FAIL');
    expect(await send({ function: 'dana.merchant.somethingElse' })).toBe('FUNCTION_MISMATCH');
    const garbage = await t.sim.handle({ method: 'POST', path: PATHS.merchantResource, headers: {}, body: '{"request":' });
    expect(JSON.parse(garbage.body).response.body.resultInfo.resultCode).toBe('MSG_PARSE_ERROR');
  });

  it('verifies envelopes signed over Python-style spaced JSON, exactly as sent', async () => {
    const t = await createTestSimulator();
    const request = {
      head: {
        version: '2.0',
        function: queryMerchantResource.function,
        clientId: t.credentials.partnerId,
        clientSecret: t.credentials.clientSecret,
        reqTime: '2026-11-21T10:00:00+07:00',
        reqMsgId: 'm1',
        reserve: '{}',
      },
      body: { requestMerchantId: t.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
    };
    const spaced = JSON.stringify(request).replace(/,"/g, ', "').replace(/":/g, '": ');
    const envelope = `{"request": ${spaced}, "signature": "${rsaSign(spaced, t.credentials.privateKey)}"}`;
    expect(rawMemberText(envelope, 'request')).toBe(spaced);
    const reply = await t.sim.handle({ method: 'POST', path: PATHS.merchantResource, headers: {}, body: envelope });
    expect(JSON.parse(reply.body).response.body.resultInfo.resultCode).toBe('SUCCESS');
  });

  it('serves the legacy bare path of dana-node 1.2-1.3 from the same ledger', async () => {
    const t = await createTestSimulator();
    const signed = openApiRequest({
      path: '/merchant/queryMerchantResource.htm',
      function: queryMerchantResource.function,
      credentials: t.credentials,
      body: { requestMerchantId: t.merchantId, merchantResourceInfoList: ['MERCHANT_TOTAL_BALANCE'] },
    });
    const body = JSON.parse((await t.sim.handle(signed)).body).response.body;
    expect(body.resultInfo.resultCode).toBe('SUCCESS');
    expect(amountOf(body.merchantResourceInformations[0])).toBe(t.deposit());
  });
});
