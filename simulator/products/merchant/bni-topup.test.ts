import { describe, expect, it } from 'vitest';
import { bniDepositTopUp as bniContract, depositVaNumber } from '../../../contracts/merchant/bni-deposit-topup.ts';
import { TRANSACTIONS } from '../../core/idempotency.ts';
import type { RequestContext } from '../../core/route.ts';
import { merchantDeposit } from '../../ledger/accounts.ts';
import { POSTINGS } from '../../ledger/database.ts';
import { createTestSimulator, handle, handlerContext } from '../../../test/helpers.ts';
import { BNI_FUNDING_ACCOUNT, bniDepositTopUp, merchantByDepositVa } from './bni-topup.ts';

async function setup() {
  const t = await createTestSimulator({ background: false });
  const context = (trxId: string): RequestContext =>
    handlerContext(t, {
      kind: 'bank',
      partnerId: 'bni',
      now: 1_000,
      idempotency: { recordKey: `bniTopUp:bni:${trxId}`, keyValue: trxId, fingerprint: 'f' },
    });
  return { t, context, va: depositVaNumber(t.merchantId) };
}

describe('BNI VA merchant deposit top-up', () => {
  it('finds the merchant by its deposit VA number', async () => {
    const { t, context, va } = await setup();
    expect(merchantByDepositVa(context('x'), va)?.merchantId).toBe(t.merchantId);
    expect(merchantByDepositVa(context('x'), '9880000000000000')).toBeUndefined();
  });

  it('credits the whole-rupiah amount to the deposit from BNI and records the top-up', async () => {
    const { t, context, va } = await setup();
    const deposit = t.sim.runtime.db.ledger.balance(merchantDeposit(t.merchantId));
    const bni = t.sim.runtime.db.ledger.balance(BNI_FUNDING_ACCOUNT);
    expect(handle(bniContract, bniDepositTopUp, { trx_id: 't1', virtual_account: va, payment_amount: '150000' }, context('t1'))).toEqual({
      ok: true,
      value: { key: 'SUCCESS', fields: {} },
    });
    expect(t.sim.runtime.db.ledger.balance(merchantDeposit(t.merchantId)) - deposit).toBe(15_000_000);
    expect(t.sim.runtime.db.ledger.balance(BNI_FUNDING_ACCOUNT) - bni).toBe(-15_000_000);
    expect(t.sim.runtime.db.get(POSTINGS, 'bni:bni:t1')).toMatchObject({
      at: 1_000,
      ref: 'bniTopUp:bni:t1',
      memo: `BNI VA deposit top-up ${va}`,
    });
    expect(t.sim.runtime.db.get(TRANSACTIONS, 'bniTopUp:bni:t1')).toMatchObject({
      family: 'bniTopUp',
      status: '00',
      amount: { value: '150000.00', currency: 'IDR' },
      details: { merchantId: t.merchantId },
      createdAt: 1_000,
    });
  });

  it('accepts one rupiah and refuses zero, decimals and non-numbers with Incomplete/invalid payment_amount', async () => {
    const { t, context, va } = await setup();
    const invalid = { ok: false, failure: { key: 'BNI_INVALID_PARAMETER', detail: 'payment_amount' } };
    const deposit = t.sim.runtime.db.ledger.balance(merchantDeposit(t.merchantId));
    expect(handle(bniContract, bniDepositTopUp, { trx_id: 'z', virtual_account: va, payment_amount: '0' }, context('z'))).toEqual(invalid);
    expect(handle(bniContract, bniDepositTopUp, { trx_id: 'd', virtual_account: va, payment_amount: '10.50' }, context('d'))).toEqual(
      invalid,
    );
    expect(handle(bniContract, bniDepositTopUp, { trx_id: 'n', virtual_account: va, payment_amount: 'abc' }, context('n'))).toEqual(
      invalid,
    );
    expect(t.sim.runtime.db.ledger.balance(merchantDeposit(t.merchantId))).toBe(deposit);
    expect(handle(bniContract, bniDepositTopUp, { trx_id: 'one', virtual_account: va, payment_amount: '1' }, context('one')).ok).toBe(true);
    expect(t.sim.runtime.db.ledger.balance(merchantDeposit(t.merchantId)) - deposit).toBe(100);
  });

  it('answers Invalid VA Number for a VA no merchant owns, and moves nothing', async () => {
    const { t, context } = await setup();
    const deposit = t.sim.runtime.db.ledger.balance(merchantDeposit(t.merchantId));
    expect(
      handle(bniContract, bniDepositTopUp, { trx_id: 'v', virtual_account: '9880000000000000', payment_amount: '100' }, context('v')),
    ).toEqual({ ok: false, failure: { key: 'BNI_INVALID_VA' } });
    expect(t.sim.runtime.db.ledger.balance(merchantDeposit(t.merchantId))).toBe(deposit);
  });
});
