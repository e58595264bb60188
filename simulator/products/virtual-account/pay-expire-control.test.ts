import { describe, expect, it } from 'vitest';
import { PATHS, controlCall, createTestSimulator, idr, vaInquiryBody, type TestSimulator } from '../../../test/helpers.ts';
import { userBalance } from '../../ledger/accounts.ts';
import { executeSandboxTool } from './sandbox-tools.ts';

// POST /__sim/va/pay and /__sim/va/expire: a VA paid as DANA's sandbox tools pay it (the same code
// path and postings), or expired so the bank's next inquiry finds it expired.

const CUSTOMER = '6281300000402';
const call = async (t: TestSimulator, path: string, body: unknown) => {
  const reply = await controlCall(t.sim, 'POST', path, JSON.stringify(body));
  return { status: reply.status, body: JSON.parse(reply.body) };
};
const ok = async (t: TestSimulator, path: string, body: unknown) => {
  const reply = await call(t, path, body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
};
const refused = async (t: TestSimulator, path: string, body: unknown) => {
  const reply = await call(t, path, body);
  expect(reply.status).toBe(400);
  return reply.body.error as string;
};
const balance = (t: TestSimulator) => t.sim.runtime.db.ledger.balance(userBalance(CUSTOMER));

describe('POST /__sim/va/pay', () => {
  it('pays a fixed VA its amount, an open one the amount given, and credits the user once', async () => {
    const t = await createTestSimulator({ background: false });
    const fixed = await ok(t, '/__sim/va', { customer: CUSTOMER, amount: '7000.00' });
    expect(await refused(t, '/__sim/va/pay', { virtualAccountNo: fixed.virtualAccountNo, amount: '6999.00' })).toBe(
      `VA ${fixed.virtualAccountNo} is for exactly 7000.00, not 6999.00`,
    );
    expect(await ok(t, '/__sim/va/pay', { virtualAccountNo: fixed.virtualAccountNo.trim() })).toMatchObject({
      status: 'PAID',
      amount: '7000.00',
    });
    expect(balance(t)).toBe(700_000);
    expect(await refused(t, '/__sim/va/pay', { virtualAccountNo: fixed.virtualAccountNo })).toMatch(/is already paid$/);
    expect(balance(t)).toBe(700_000);

    const open = await ok(t, '/__sim/va', { customer: CUSTOMER });
    expect(await refused(t, '/__sim/va/pay', { virtualAccountNo: open.virtualAccountNo })).toMatch(
      /is open-amount; give the amount to pay$/,
    );
    expect(await refused(t, '/__sim/va/pay', { virtualAccountNo: open.virtualAccountNo, amount: '12' })).toBe(
      'amount must look like 50000.00 or be a number of rupiah such as 50000, got "12"',
    );
    // A number was silently ignored (and the open VA then refused); anything but text or a number is refused.
    for (const amount of [true, null, { value: '1.00' }, 12.345, -5, 0, Number.MAX_SAFE_INTEGER])
      expect(await refused(t, '/__sim/va/pay', { virtualAccountNo: open.virtualAccountNo, amount }), JSON.stringify(amount)).toMatch(
        /^amount must look like 50000.00 or be a number of rupiah/,
      );
    expect(await refused(t, '/__sim/va/pay', { virtualAccountNo: open.virtualAccountNo, amount: '0.00' })).toMatch(/amount must look like/);
    expect(await refused(t, '/__sim/va/pay', { virtualAccountNo: open.virtualAccountNo, amount: '21000000.00' })).toMatch(
      /would take 6281300000402 over DANA's balance cap$/,
    );
    expect(balance(t)).toBe(700_000);
    expect(await ok(t, '/__sim/va/pay', { virtualAccountNo: open.virtualAccountNo, amount: '1234.00' })).toMatchObject({ status: 'PAID' });
    expect(balance(t)).toBe(823_400);
    const [listed] = JSON.parse((await controlCall(t.sim, 'GET', '/__sim/transactions?kind=va')).body);
    expect(listed).toMatchObject({ status: 'PAID', amount: idr('1234.00'), actions: [] });
    const numbered = await ok(t, '/__sim/va', { customer: CUSTOMER });
    expect(await ok(t, '/__sim/va/pay', { virtualAccountNo: numbered.virtualAccountNo, amount: 22200.5 })).toMatchObject({
      status: 'PAID',
    });
    expect(balance(t)).toBe(823_400 + 2_220_050);
    expect(await refused(t, '/__sim/va/pay', { virtualAccountNo: '999' })).toBe('no VA 999');
    expect(await refused(t, '/__sim/va/pay', {})).toBe('virtualAccountNo is required');
    await t.sim.close();
  });

  it('moves the same money as the sandbox tools page', async () => {
    const t = await createTestSimulator({ background: false });
    const viaControl = await ok(t, '/__sim/va', { customer: CUSTOMER, amount: '5000.00' });
    const viaPage = await ok(t, '/__sim/va', { customer: CUSTOMER, amount: '5000.00' });
    await ok(t, '/__sim/va/pay', { virtualAccountNo: viaControl.virtualAccountNo });
    const page = await executeSandboxTool(t.sim.runtime, {
      method: 'POST',
      url: new URL('http://dana-sim/merchant-portal-app/api/sandbox-tools/execute'),
      body: JSON.stringify({ urlEndpoint: '/v1.0/transfer-va/payment.htm', requestBody: { virtualAccountNo: viaPage.virtualAccountNo } }),
    });
    expect(page.status).toBe(200);
    const items = JSON.parse((await controlCall(t.sim, 'GET', '/__sim/transactions?kind=va')).body) as { postings: unknown[] }[];
    expect(items[0]!.postings).toEqual(items[1]!.postings);
    expect(balance(t)).toBe(1_000_000);
    await t.sim.close();
  });
});

describe('POST /__sim/va/expire', () => {
  it("expires an open VA: the bank's inquiry and a payment find it expired", async () => {
    const t = await createTestSimulator({ background: false });
    const bill = await ok(t, '/__sim/va', { customer: CUSTOMER, amount: '7000.00' });
    const expired = await ok(t, '/__sim/va/expire', { virtualAccountNo: bill.virtualAccountNo });
    expect(expired).toMatchObject({ virtualAccountNo: bill.virtualAccountNo, status: 'EXPIRED' });
    const inquiry = await t.bank.snap(PATHS.vaInquiry, vaInquiryBody(t.bank.partnerServiceId, bill.customerNo, { amount: idr('7000.00') }));
    expect(inquiry.body.responseCode).toBe('4042419');
    expect(await refused(t, '/__sim/va/pay', { virtualAccountNo: bill.virtualAccountNo })).toMatch(/has expired$/);
    expect(await refused(t, '/__sim/va/expire', { virtualAccountNo: bill.virtualAccountNo })).toMatch(/has expired$/);
    const [listed] = JSON.parse((await controlCall(t.sim, 'GET', '/__sim/transactions?kind=va')).body);
    expect(listed).toMatchObject({ status: 'EXPIRED', actions: [], postings: [] });
    expect(balance(t)).toBe(0);
    await t.sim.close();
  });
});
