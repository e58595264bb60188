import { describe, expect, it } from 'vitest';
import { createTestSimulator, idr, inquiryBody, ledgerState, PATHS } from '../../../test/helpers.ts';

// DANA Account Inquiry (svc 37): names from the seed, limits, no state change.

describe('DANA account inquiry', () => {
  it('returns the documented success body and changes nothing', async () => {
    const t = await createTestSimulator();
    const before = ledgerState(t.sim);
    const body = inquiryBody({ customerNumber: '6281234500001' });
    const reply = await t.snap(PATHS.inquiry, body);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      responseCode: '2003700',
      responseMessage: 'Successful',
      partnerReferenceNo: body.partnerReferenceNo,
      customerNumber: '6281234500001',
      minAmount: idr('1.00'),
      maxAmount: idr('20000000.00'),
      amount: idr('1.00'),
      feeAmount: idr('0.00'),
    });
    expect(reply.body.customerName).toMatch(/\S+/);
    expect(ledgerState(t.sim)).toEqual(before);
  });

  it('names users deterministically from the seed', async () => {
    const a = await createTestSimulator({ seed: 'one' });
    const b = await createTestSimulator({ seed: 'one' });
    const c = await createTestSimulator({ seed: 'two' });
    const name = async (t: typeof a, customer: string) =>
      (await t.snap(PATHS.inquiry, inquiryBody({ customerNumber: customer }))).body.customerName;
    const numbers = ['6281100000001', '6281100000002', '6281100000003'];
    const namesA = await Promise.all(numbers.map((n) => name(a, n)));
    expect(await Promise.all(numbers.map((n) => name(b, n)))).toEqual(namesA);
    expect(await Promise.all(numbers.map((n) => name(c, n)))).not.toEqual(namesA);
  });

  it('requires customerNumber unless a customer token is sent, and rejects tokens it did not issue', async () => {
    const t = await createTestSimulator();
    const missing = await t.snap(PATHS.inquiry, inquiryBody({ customerNumber: undefined }));
    expect(missing.body).toMatchObject({ responseCode: '4003702', responseMessage: 'Invalid Mandatory Field customerNumber' });
    const token = await t.snap(
      PATHS.inquiry,
      inquiryBody({ customerNumber: undefined, additionalInfo: { fundType: 'AGENT_TOPUP_FOR_USER_SETTLE', accessToken: 'abc' } }),
    );
    expect(token).toMatchObject({ status: 401, body: { responseCode: '4013702', responseMessage: 'Invalid Customer Token' } });
  });
});
