import { describe, expect, it } from 'vitest';
import { TRANSACTIONS } from '../../core/idempotency.ts';
import { accountInquiry, topUp as topUpContract, topUpStatus } from '../../../contracts/disbursement/index.ts';
import type { RequestContext } from '../../core/route.ts';
import { FEE_INCOME_ACCOUNT, merchantDeposit, userBalance } from '../../ledger/accounts.ts';
import { POSTINGS } from '../../ledger/database.ts';
import type { Posting } from '../../ledger/ledger.ts';
import { createTestSimulator, handle, handlerContext, idr, setBalance as setLedgerBalance } from '../../../test/helpers.ts';
import { danaAccountInquiry, transferToDana, transferToDanaInquiryStatus } from './handlers.ts';
import { customerName } from '../../parties/users.ts';

// Disbursement to DANA balance, called directly with the context the pipeline would give.

const CUSTOMER = '62811700001';

async function setup() {
  const t = await createTestSimulator({ background: false });
  const context = (partnerReferenceNo = 'ref-1'): RequestContext =>
    handlerContext(t, {
      externalId: 'ext-1',
      now: 1_000,
      idempotency: { recordKey: `topUp:${t.credentials.partnerId}:${partnerReferenceNo}`, keyValue: partnerReferenceNo, fingerprint: 'f' },
    });
  const balance = (account: string) => t.sim.runtime.db.ledger.balance(account);
  const setBalance = (account: string, minor: number) => setLedgerBalance(t.sim, account, minor);
  const topUp = (amount: string, fee = '0.00', extra: Record<string, unknown> = {}, ref = 'ref-1') =>
    handle(
      topUpContract,
      transferToDana,
      { partnerReferenceNo: ref, customerNumber: CUSTOMER, amount: idr(amount), feeAmount: idr(fee), additionalInfo: {}, ...extra },
      context(ref),
    );
  return { t, context, balance, setBalance, topUp };
}

describe('account inquiry', () => {
  it("answers the user with DANA's limits, no fee, and the echoed reference", async () => {
    const { t, context } = await setup();
    const reply = handle(
      accountInquiry,
      danaAccountInquiry,
      { partnerReferenceNo: 'inq-1', customerNumber: CUSTOMER, amount: idr('10.00'), additionalInfo: {} },
      context(),
    );
    expect(reply).toEqual({
      ok: true,
      value: {
        key: 'SUCCESS',
        fields: {
          referenceNo: expect.stringMatching(/^\d+$/),
          partnerReferenceNo: 'inq-1',
          customerNumber: CUSTOMER,
          customerName: customerName(t.sim.services.seed, CUSTOMER),
          minAmount: idr('1.00'),
          maxAmount: idr('20000000.00'),
          amount: idr('10.00'),
          feeAmount: idr('0.00'),
          feeType: 'NONE',
          additionalInfo: {},
        },
      },
    });
  });

  it('leaves out partnerReferenceNo when none was sent', async () => {
    const { context } = await setup();
    const reply = handle(
      accountInquiry,
      danaAccountInquiry,
      { customerNumber: CUSTOMER, amount: idr('10.00'), additionalInfo: {} },
      context(),
    );
    expect(reply.ok && reply.value.fields).not.toHaveProperty('partnerReferenceNo');
  });

  it('needs a customer number (customer tokens are not issued)', async () => {
    const { context } = await setup();
    expect(
      handle(accountInquiry, danaAccountInquiry, { amount: idr('10.00'), additionalInfo: { accessToken: 'token' } }, context()),
    ).toEqual({ ok: false, failure: { key: 'INVALID_CUSTOMER_TOKEN' } });
  });
});

describe('top up', () => {
  it('takes amount plus fee from the deposit, gives the user the amount and DANA the fee, to the cent', async () => {
    const { t, balance, topUp } = await setup();
    const deposit = balance(merchantDeposit(t.merchantId));
    const fees = balance(FEE_INCOME_ACCOUNT);
    const reply = topUp('100.01', '2.50', { sessionId: 'session-9' });
    expect(reply).toEqual({
      ok: true,
      value: {
        key: 'SUCCESS',
        fields: {
          referenceNo: expect.stringMatching(/^\d+$/),
          partnerReferenceNo: 'ref-1',
          sessionId: 'session-9',
          customerNumber: CUSTOMER,
          customerName: customerName(t.sim.services.seed, CUSTOMER),
          amount: idr('100.01'),
          additionalInfo: {},
        },
      },
    });
    expect(deposit - balance(merchantDeposit(t.merchantId))).toBe(10_251);
    expect(balance(userBalance(CUSTOMER))).toBe(10_001);
    expect(balance(FEE_INCOME_ACCOUNT) - fees).toBe(250);
    const referenceNo = reply.ok ? (reply.value.fields.referenceNo as string) : '';
    const posting = t.sim.runtime.db.get<Posting>(POSTINGS, `topUp:${referenceNo}`);
    expect(posting).toMatchObject({ at: 1_000, ref: `topUp:${t.credentials.partnerId}:ref-1`, memo: `top up ${CUSTOMER}` });
    expect(t.sim.runtime.db.get(TRANSACTIONS, `topUp:${t.credentials.partnerId}:ref-1`)).toMatchObject({
      family: 'topUp',
      status: '00',
      referenceNo,
      amount: idr('100.01'),
      externalId: 'ext-1',
      details: { customerNumber: CUSTOMER, feeAmount: idr('2.50') },
    });
  });

  it('books no fee line when the fee is zero, and echoes no sessionId when none was sent', async () => {
    const { t, topUp } = await setup();
    const reply = topUp('5.00');
    expect(reply.ok && reply.value.fields).not.toHaveProperty('sessionId');
    const referenceNo = reply.ok ? (reply.value.fields.referenceNo as string) : '';
    expect(t.sim.runtime.db.get<Posting>(POSTINGS, `topUp:${referenceNo}`)!.entries).toEqual([
      { account: merchantDeposit(t.merchantId), amountMinor: -500 },
      { account: userBalance(CUSTOMER), amountMinor: 500 },
    ]);
  });

  it('spends the deposit down to zero, and refuses one cent more with Insufficient Funds', async () => {
    const { t, balance, setBalance, topUp } = await setup();
    setBalance(merchantDeposit(t.merchantId), 10_250);
    expect(topUp('100.01', '2.50', {}, 'short')).toEqual({ ok: false, failure: { key: 'INSUFFICIENT_FUNDS' } });
    expect(balance(userBalance(CUSTOMER))).toBe(0);
    expect(topUp('100.00', '2.50', {}, 'exact').ok).toBe(true);
    expect(balance(merchantDeposit(t.merchantId))).toBe(0);
  });

  it('fills the user up to the balance cap exactly, and refuses one cent over it', async () => {
    const { balance, setBalance, topUp } = await setup();
    setBalance(userBalance(CUSTOMER), 2_100_000_000 - 10_000);
    expect(topUp('100.01', '0.00', {}, 'over')).toEqual({ ok: false, failure: { key: 'EXCEEDS_AMOUNT_LIMIT' } });
    expect(topUp('100.00', '0.00', {}, 'cap').ok).toBe(true);
    expect(balance(userBalance(CUSTOMER))).toBe(2_100_000_000);
  });

  it("checks the deposit before the user's cap", async () => {
    const { t, setBalance, topUp } = await setup();
    setBalance(merchantDeposit(t.merchantId), 0);
    setBalance(userBalance(CUSTOMER), 2_100_000_000);
    expect(topUp('1.00')).toEqual({ ok: false, failure: { key: 'INSUFFICIENT_FUNDS' } });
  });

  it('needs a customer number, moving nothing without one', async () => {
    const { t, balance, context } = await setup();
    const deposit = balance(merchantDeposit(t.merchantId));
    expect(
      handle(
        topUpContract,
        transferToDana,
        { partnerReferenceNo: 'r', amount: idr('1.00'), feeAmount: idr('0.00'), additionalInfo: {} },
        context('r'),
      ),
    ).toEqual({ ok: false, failure: { key: 'INVALID_CUSTOMER_TOKEN' } });
    expect(balance(merchantDeposit(t.merchantId))).toBe(deposit);
  });

  it('reports its status under service code 38', async () => {
    const { context, topUp } = await setup();
    topUp('3.00');
    expect(handle(topUpStatus, transferToDanaInquiryStatus, { originalPartnerReferenceNo: 'ref-1' }, context())).toMatchObject({
      ok: true,
      value: { fields: { serviceCode: '38', latestTransactionStatus: '00', amount: idr('3.00'), originalExternalId: 'ext-1' } },
    });
  });
});
