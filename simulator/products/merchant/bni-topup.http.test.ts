import { describe, expect, it } from 'vitest';
import { depositVaNumber } from '../../../contracts/merchant/bni-deposit-topup.ts';
import { bniRequest, createTestSimulator, http, type TestSimulator } from '../../../test/helpers.ts';

// The sandbox's BNI-format merchant deposit top-up (merchant.md section 5), over HTTP as the UAT
// helper sends it: the deposit seen by queryMerchantResource rises by payment_amount.

const inner = (t: TestSimulator, overrides: Record<string, unknown> = {}) => ({
  trx_amount: '1000',
  trx_id: `2026112110${Math.floor(Math.random() * 1e6)}`,
  virtual_account: depositVaNumber(t.merchantId),
  customer_name: 'rudy',
  payment_amount: '1000000000',
  cumulative_payment_amount: '1000',
  payment_ntb: '233171',
  datetime_payment: '2026-11-21 10:00:00',
  datetime_payment_iso8601: '2026-11-21T10:00:00+07:00',
  ...overrides,
});

async function post(t: TestSimulator, request: ReturnType<typeof bniRequest>) {
  const response = await http(t.sim).post(request.path).set('content-type', 'application/json').send(request.body);
  return { status: response.status, body: JSON.parse(response.text) };
}

const deposit = async (t: TestSimulator) =>
  JSON.parse((await t.balanceCheck()).body.response.body.merchantResourceInformations[0].value).amount;

describe('BNI VA merchant deposit top-up', () => {
  it('credits payment_amount to the merchant deposit, once per trx_id', async () => {
    const t = await createTestSimulator();
    expect(await deposit(t)).toBe('100000000.00');
    const request = bniRequest(t.sim, inner(t));
    expect(await post(t, request)).toEqual({ status: 200, body: { status: '000' } });
    expect(await deposit(t)).toBe('1100000000.00');
    expect((await post(t, bniRequest(t.sim, JSON.parse(JSON.stringify(inner(t, { trx_id: 'same-1' })))))).body.status).toBe('000');
    expect((await post(t, bniRequest(t.sim, inner(t, { trx_id: 'same-1' })))).body.status).toBe('000');
    expect(await deposit(t)).toBe('2100000000.00');
    expect(t.sim.runtime.db.ledger.totalMinor()).toBe(0);
  });

  it('rejects a wrong client id (002), a wrong secret (001), an unknown VA (006) and garbage (001), always as HTTP 200', async () => {
    const t = await createTestSimulator();
    const credentials = t.sim.bni();
    const wrongClient = await post(t, bniRequest(t.sim, inner(t), { ...credentials, clientId: '911' }));
    expect(wrongClient).toMatchObject({ status: 200, body: { status: '002' } });
    expect((await post(t, bniRequest(t.sim, inner(t), { ...credentials, secretKey: '0'.repeat(32) }))).body.status).toBe('001');
    expect((await post(t, bniRequest(t.sim, inner(t, { virtual_account: '9880000000000000' })))).body).toMatchObject({
      status: '006',
      message: 'Invalid VA Number',
    });
    const garbage = await http(t.sim).post('/ifcsupergw/bni/topup/merchant/request.htm').send('not json');
    expect(garbage.status).toBe(200);
    expect(JSON.parse(garbage.text).status).toBe('001');
    expect(await deposit(t)).toBe('100000000.00');
  });
});
