import { describe, expect, it } from 'vitest';
import { TRANSACTIONS } from '../../core/idempotency.ts';
import { vaInquiry as inquiryContract, vaPayment as paymentContract } from '../../../contracts/virtual-account/index.ts';
import type { RequestContext } from '../../core/route.ts';
import { FUNDING_ACCOUNT, userBalance } from '../../ledger/accounts.ts';
import { createTestSimulator, handle, handlerContext, idr } from '../../../test/helpers.ts';
import { customerName } from '../../parties/users.ts';
import { VA_BILLS, putDynamicVa, type VaBill } from './bills.ts';
import { vaInquiry, vaPayment } from './handlers.ts';
import { PARTNERS, type PartnerRecord } from '../../parties/banks.ts';
import { VA_INQUIRIES, VA_TIMERS, bankSettlement, type InquirySession } from './sessions.ts';

// VA Inquiry (svc 24) and Payment (svc 25), called directly as the bank with the context the
// pipeline would give. The static VA of a user is the bank's partnerServiceId + the phone number.

const PHONE = '62811700002';
const WINDOW_MS = 5 * 60_000;

async function setup() {
  const t = await createTestSimulator({ background: false });
  const psid = t.bank.partnerServiceId;
  const bankId = t.bank.credentials.partnerId;
  const context = (now = 1_000, requestId = 'inq-1'): RequestContext =>
    handlerContext(t, {
      kind: 'bank',
      partnerId: bankId,
      externalId: 'ext-1',
      now,
      idempotency: { recordKey: `va:${bankId}:${requestId}:${now}`, keyValue: requestId, fingerprint: 'fp' },
    });
  const inquiry = (customerNo = PHONE, amount = '500.00', now = 1_000, requestId = 'inq-1', extra: Record<string, unknown> = {}) =>
    handle(
      inquiryContract,
      vaInquiry,
      {
        partnerServiceId: psid,
        customerNo,
        virtualAccountNo: psid + customerNo,
        amount: idr(amount),
        inquiryRequestId: requestId,
        ...extra,
      },
      context(now, requestId),
    );
  const payment = (customerNo = PHONE, amount = '500.00', now = 2_000, requestId = 'inq-1', extra: Record<string, unknown> = {}) =>
    handle(
      paymentContract,
      vaPayment,
      {
        partnerServiceId: psid,
        customerNo,
        virtualAccountNo: psid + customerNo,
        virtualAccountName: 'x',
        paymentRequestId: requestId,
        paidAmount: idr(amount),
        ...extra,
      },
      context(now, requestId),
    );
  const bill = (input: { amountMinor?: number; expiresAt?: number } = {}) => {
    const partner = t.sim.runtime.db.get<PartnerRecord>(PARTNERS, bankId)!;
    return t.sim.runtime.db.transact((tx) =>
      putDynamicVa(tx, t.sim.runtime.db, t.sim.services.seed, {
        partner: { ...partner, callbackUrl: undefined },
        customerNumber: PHONE,
        expiresAt: 1_000_000,
        trxId: 'trx-1',
        now: 0,
        ...input,
      }),
    );
  };
  const setBill = (value: VaBill) => t.sim.runtime.db.transact((tx) => tx.put(VA_BILLS, value.virtualAccountNo, value));
  const balance = (account: string) => t.sim.runtime.db.ledger.balance(account);
  const session = (requestId = 'inq-1') => t.sim.runtime.db.get<InquirySession>(VA_INQUIRIES, `${bankId}:${requestId}`);
  return { t, psid, bankId, context, inquiry, payment, bill, setBill, balance, session };
}

const failure = (key: string, detail?: string) => ({ ok: false, failure: { key, ...(detail ? { detail } : {}) } });

describe('VA Inquiry', () => {
  it("opens a five-minute window on a user's static VA and answers the open amount", async () => {
    const { t, psid, bankId, inquiry, session } = await setup();
    expect(inquiry()).toEqual({
      ok: true,
      value: {
        key: 'SUCCESS',
        fields: {
          virtualAccountData: {
            inquiryStatus: '00',
            inquiryReason: { english: 'Success', indonesia: 'Sukses' },
            partnerServiceId: psid,
            customerNo: PHONE,
            virtualAccountNo: psid + PHONE,
            virtualAccountName: customerName(t.sim.services.seed, PHONE),
            inquiryRequestId: 'inq-1',
            totalAmount: idr('500.00'),
            feeAmount: idr('0.00'),
            virtualAccountTrxType: 'O',
          },
          additionalInfo: {},
        },
      },
    });
    expect(session()).toMatchObject({
      key: `${bankId}:inq-1`,
      customerNumber: PHONE,
      amountMinor: 50_000,
      trxType: 'O',
      startedAt: 1_000,
      deadline: 1_000 + WINDOW_MS,
      status: 'open',
    });
    expect(t.sim.runtime.db.get(VA_TIMERS, `${bankId}:inq-1`)).toEqual({ key: `${bankId}:inq-1`, deadline: 1_000 + WINDOW_MS });
    expect(t.sim.runtime.db.get(TRANSACTIONS, `va:${bankId}:inq-1:1000`)).toMatchObject({
      family: 'vaInquiry',
      status: '00',
      amount: idr('500.00'),
      details: { virtualAccountNo: psid + PHONE },
    });
  });

  it('refuses VA fields that disagree, and VAs the bank does not issue', async () => {
    const { psid, context, inquiry } = await setup();
    expect(
      handle(
        inquiryContract,
        vaInquiry,
        { partnerServiceId: psid, customerNo: PHONE, virtualAccountNo: `${psid}62811700003`, amount: idr('1.00'), inquiryRequestId: 'i' },
        context(),
      ),
    ).toEqual(failure('INVALID_FIELD_FORMAT', 'virtualAccountNo'));
    expect(inquiry('12345')).toEqual(failure('INVALID_BILL'));
  });

  it("quotes a dynamic VA's fixed amount and trxId, and refuses any other amount", async () => {
    const { inquiry, bill } = await setup();
    const created = bill({ amountMinor: 50_000 });
    expect(inquiry(created.customerNo, '500.01')).toEqual(failure('INVALID_AMOUNT'));
    const reply = inquiry(created.customerNo, '500.00');
    expect(reply).toMatchObject({
      ok: true,
      value: { fields: { virtualAccountData: { virtualAccountTrxType: 'C', additionalInfo: { trxId: 'trx-1' } } } },
    });
  });

  it('refuses a paid bill, an expired one and one at its expiry time; a millisecond before is fine', async () => {
    const { inquiry, bill, setBill } = await setup();
    const created = bill({ expiresAt: 5_000 });
    expect(inquiry(created.customerNo, '1.00', 4_999).ok).toBe(true);
    expect(inquiry(created.customerNo, '1.00', 5_000, 'inq-2')).toEqual(failure('EXPIRED_BILL'));
    setBill({ ...created, expiresAt: undefined, status: 'EXPIRED' });
    expect(inquiry(created.customerNo, '1.00', 1_000, 'inq-3')).toEqual(failure('EXPIRED_BILL'));
    setBill({ ...created, status: 'PAID' });
    expect(inquiry(created.customerNo, '1.00', 1_000, 'inq-4')).toEqual(failure('PAID_BILL'));
  });

  it('lets a user reach the balance cap exactly, not a cent over', async () => {
    const { t, inquiry } = await setup();
    const cap = 2_100_000_000;
    t.sim.runtime.db.transact((tx) =>
      tx.post({
        id: 'fill',
        at: 0,
        ref: 'test',
        memo: 'test',
        entries: [
          { account: FUNDING_ACCOUNT, amountMinor: -(cap - 50_000) },
          { account: userBalance(PHONE), amountMinor: cap - 50_000 },
        ],
      }),
    );
    expect(inquiry(PHONE, '500.01')).toEqual(failure('EXCEEDS_AMOUNT_LIMIT'));
    expect(inquiry(PHONE, '500.00', 1_000, 'inq-2').ok).toBe(true);
  });
});

describe('VA Payment', () => {
  it("within the window credits the user from the bank's settlement, to the cent", async () => {
    const { t, psid, bankId, inquiry, payment, balance, session } = await setup();
    inquiry(PHONE, '500.01');
    const reply = payment(PHONE, '500.01', 1_000 + WINDOW_MS);
    expect(reply).toMatchObject({
      ok: true,
      value: {
        key: 'SUCCESS',
        fields: {
          virtualAccountData: {
            paymentFlagStatus: '00',
            partnerServiceId: psid,
            customerNo: PHONE,
            paymentRequestId: 'inq-1',
            paidAmount: idr('500.01'),
          },
        },
      },
    });
    expect(reply.ok && (reply.value.fields.virtualAccountData as Record<string, unknown>)).not.toHaveProperty('trxId');
    expect(balance(userBalance(PHONE))).toBe(50_001);
    expect(balance(bankSettlement(bankId))).toBe(-50_001);
    expect(session()!.status).toBe('paid');
    // The pipeline keeps the record under the key it gave the request, in Payment VA's family.
    expect(t.sim.runtime.db.get(TRANSACTIONS, `va:${bankId}:inq-1:${1_000 + WINDOW_MS}`)).toMatchObject({
      family: 'vaPayment',
      externalId: 'ext-1',
      fingerprint: 'fp',
      status: '00',
      amount: idr('500.01'),
    });
  });

  it('after the window, or once the bank was asked, answers Expired Bill', async () => {
    const { t, bankId, inquiry, payment, balance } = await setup();
    inquiry();
    expect(payment(PHONE, '500.00', 1_001 + WINDOW_MS)).toEqual(failure('EXPIRED_BILL'));
    const open = t.sim.runtime.db.get<InquirySession>(VA_INQUIRIES, `${bankId}:inq-1`)!;
    t.sim.runtime.db.transact((tx) => tx.put(VA_INQUIRIES, open.key, { ...open, status: 'checking' }));
    expect(payment(PHONE, '500.00', 2_000)).toEqual(failure('EXPIRED_BILL'));
    expect(balance(userBalance(PHONE))).toBe(0);
  });

  it('answers Paid Bill for a second payment of the same inquiry', async () => {
    const { inquiry, payment, balance } = await setup();
    inquiry();
    expect(payment().ok).toBe(true);
    expect(payment()).toEqual(failure('PAID_BILL'));
    expect(balance(userBalance(PHONE))).toBe(50_000);
  });

  it("needs the inquiry's VA and amount", async () => {
    const { inquiry, payment } = await setup();
    inquiry();
    expect(payment('62811700003')).toEqual(failure('INVALID_BILL'));
    expect(payment(PHONE, '500.01')).toEqual(failure('INVALID_AMOUNT'));
  });

  it('without an inquiry needs a dynamic VA and its exact trxId', async () => {
    const { payment, bill, balance } = await setup();
    expect(payment()).toEqual(failure('INVALID_BILL'));
    const created = bill({ amountMinor: 50_000 });
    expect(payment(created.customerNo, '500.00', 2_000, 'pay-1')).toEqual(failure('INVALID_BILL'));
    expect(payment(created.customerNo, '500.00', 2_000, 'pay-1', { trxId: 'other' })).toEqual(failure('INVALID_BILL'));
    expect(payment(created.customerNo, '500.01', 2_000, 'pay-1', { trxId: 'trx-1' })).toEqual(failure('INVALID_AMOUNT'));
    const reply = payment(created.customerNo, '500.00', 2_000, 'pay-1', { trxId: 'trx-1' });
    expect(reply).toMatchObject({ ok: true, value: { fields: { virtualAccountData: { trxId: 'trx-1' } } } });
    expect(balance(userBalance(PHONE))).toBe(50_000);
    expect(payment(created.customerNo, '500.00', 2_000, 'pay-2', { trxId: 'trx-1' })).toEqual(failure('PAID_BILL'));
  });

  it('after an inquiry of a dynamic VA reports its trxId, and refuses it once the bill expired', async () => {
    const { inquiry, payment, bill } = await setup();
    const created = bill({ expiresAt: 3_000 });
    inquiry(created.customerNo, '7.00', 1_000, 'inq-d');
    expect(payment(created.customerNo, '7.00', 3_000, 'inq-d')).toEqual(failure('EXPIRED_BILL'));
    expect(payment(created.customerNo, '7.00', 2_999, 'inq-d')).toMatchObject({
      ok: true,
      value: { fields: { virtualAccountData: { trxId: 'trx-1', paidAmount: idr('7.00') } } },
    });
  });

  it('lets a user reach the balance cap exactly, not a cent over', async () => {
    const { t, payment, bill, balance } = await setup();
    const cap = 2_100_000_000;
    t.sim.runtime.db.transact((tx) =>
      tx.post({
        id: 'fill',
        at: 0,
        ref: 'test',
        memo: 'test',
        entries: [
          { account: FUNDING_ACCOUNT, amountMinor: -(cap - 50_000) },
          { account: userBalance(PHONE), amountMinor: cap - 50_000 },
        ],
      }),
    );
    const created = bill();
    expect(payment(created.customerNo, '500.01', 2_000, 'p1', { trxId: 'trx-1' })).toEqual(failure('EXCEEDS_AMOUNT_LIMIT'));
    expect(payment(created.customerNo, '500.00', 2_000, 'p2', { trxId: 'trx-1' }).ok).toBe(true);
    expect(balance(userBalance(PHONE))).toBe(cap);
  });
});
