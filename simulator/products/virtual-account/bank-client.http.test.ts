import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../adapters/server.ts';
import { snapRequest, tokenRequest, type SignedRequest } from '../../signature/client.ts';
import { testKeys } from '../../../test/helpers.ts';

// A bank that knows only its credentials file (bank.env) and the README: gets a token, inquires a VA
// created through the control API (as `dana-sim va create` does), pays it with symmetric signatures,
// and sees the user's balance rise by exactly the amount; paying again and paying late are refused.

let server: RunningServer | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function readEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)="(.*)"$/.exec(line);
    if (match) env[match[1]] = match[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  return env;
}

describe('a bank client over HTTP with only bank.env', () => {
  it('tokens, inquires, pays, sees the credit; the second payment is a paid bill, a late one expired', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-bank-'));
    const { dana, merchant } = testKeys();
    server = await serve({
      dataDir,
      host: '127.0.0.1',
      port: 0,
      danaKeys: dana,
      merchant: { privateKeyPem: merchant.privateKeyPem },
      seed: 'bank',
    });
    const env = readEnv(await readFile(join(dataDir, 'bank.env'), 'utf8'));
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['X_PARTNER_ID', 'PRIVATE_KEY', 'CLIENT_SECRET', 'PARTNER_SERVICE_ID', 'DANA_PUBLIC_KEY', 'DANA_SIM_URL']),
    );
    const base = env.DANA_SIM_URL;
    const credentials = { partnerId: env.X_PARTNER_ID, privateKey: env.PRIVATE_KEY, clientSecret: env.CLIENT_SECRET };
    const call = async (request: SignedRequest) => {
      const response = await fetch(base + request.path, { method: 'POST', headers: request.headers, body: request.body });
      return { status: response.status, body: await response.json() };
    };
    const control = async (path: string, body?: unknown) =>
      (
        await fetch(
          `${base}/__sim${path}`,
          body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        )
      ).json();

    const va = await control('/va', { customer: '6281300000055', amount: '125000.00' });
    expect(va.virtualAccountNo.startsWith(env.PARTNER_SERVICE_ID)).toBe(true);
    const balance = async () => Number((await control('/user?customer=6281300000055')).balance);
    const before = await balance();

    const { body: tokenReply } = await call(tokenRequest(credentials));
    const accessToken = tokenReply.accessToken as string;
    const va24 = { partnerServiceId: env.PARTNER_SERVICE_ID, customerNo: va.customerNo, virtualAccountNo: va.virtualAccountNo };
    const inquiry = await call(
      snapRequest({
        path: '/v1.0/transfer-va/inquiry.htm',
        body: { ...va24, amount: { value: '125000.00', currency: 'IDR' }, inquiryRequestId: 'inq-1' },
        credentials,
        accessToken,
      }),
    );
    expect(inquiry.body).toMatchObject({
      responseCode: '2002400',
      virtualAccountData: { totalAmount: { value: '125000.00', currency: 'IDR' } },
    });
    const payment = {
      ...va24,
      virtualAccountName: inquiry.body.virtualAccountData.virtualAccountName,
      paidAmount: { value: '125000.00', currency: 'IDR' },
    };
    const paid = await call(
      snapRequest({ path: '/v1.0/transfer-va/payment.htm', body: { ...payment, paymentRequestId: 'inq-1' }, credentials, accessToken }),
    );
    expect(paid).toMatchObject({ status: 200, body: { responseCode: '2002500' } });
    expect((await balance()) - before).toBeCloseTo(125000, 2);

    const again = await call(
      snapRequest({
        path: '/v1.0/transfer-va/payment.htm',
        body: { ...payment, paymentRequestId: 'pay-2', trxId: va.trxId },
        credentials,
        accessToken,
      }),
    );
    expect(again).toMatchObject({ status: 404, body: { responseCode: '4042514', responseMessage: 'Paid Bill' } });

    const open = {
      partnerServiceId: env.PARTNER_SERVICE_ID,
      customerNo: '6281300000055',
      virtualAccountNo: env.PARTNER_SERVICE_ID + '6281300000055',
    };
    await call(
      snapRequest({
        path: '/v1.0/transfer-va/inquiry.htm',
        body: { ...open, amount: { value: '1000.00', currency: 'IDR' }, inquiryRequestId: 'inq-late' },
        credentials,
        accessToken,
      }),
    );
    await control('/clock/advance', { duration: '5m1s' });
    const renewed = (await call(tokenRequest(credentials))).body.accessToken;
    const late = await call(
      snapRequest({
        path: '/v1.0/transfer-va/payment.htm',
        body: { ...open, virtualAccountName: 'x', paidAmount: { value: '1000.00', currency: 'IDR' }, paymentRequestId: 'inq-late' },
        credentials,
        accessToken: renewed,
      }),
    );
    expect(late).toMatchObject({ status: 404, body: { responseCode: '4042519' } });
    expect((await balance()) - before).toBeCloseTo(125000, 2);
  });
});
