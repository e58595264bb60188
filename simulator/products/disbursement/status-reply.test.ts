import { describe, expect, it } from 'vitest';
import { TRANSACTIONS, recordKey, type TransactionRecord } from '../../core/idempotency.ts';
import type { RequestContext } from '../../core/route.ts';
import { createTestSimulator, handlerContext } from '../../../test/helpers.ts';
import { describeStatus, findTransaction, statusReply } from './status-reply.ts';

// Inquiry-status replies read straight from the transactions table, so each test writes the records it asks about.

async function setup() {
  const t = await createTestSimulator({ background: false });
  const context = (partnerId = t.credentials.partnerId): RequestContext => handlerContext(t, { partnerId });
  const put = (record: Partial<TransactionRecord> & { family: string; partnerReferenceNo: string }) => {
    const full: TransactionRecord = {
      partnerId: t.credentials.partnerId,
      fingerprint: 'f',
      status: '00',
      reply: { ok: true, reply: { key: 'SUCCESS', fields: {} } },
      createdAt: 0,
      updatedAt: 0,
      ...record,
    };
    t.sim.runtime.db.transact((tx) => tx.put(TRANSACTIONS, recordKey(full.family, full.partnerId, full.partnerReferenceNo), full));
    return full;
  };
  return { t, context, put };
}

describe('describeStatus', () => {
  it('names each latestTransactionStatus and calls anything else Unknown', () => {
    expect(describeStatus('00')).toBe('Success');
    expect(describeStatus('06')).toBe('Failed');
    expect(describeStatus('99')).toBe('Unknown');
  });
});

describe('findTransaction', () => {
  it('finds by DANA reference only within the family and the caller', async () => {
    const { context, put } = await setup();
    put({ family: 'other', partnerReferenceNo: 'a', referenceNo: 'R1' });
    put({ family: 'topUp', partnerReferenceNo: 'b', referenceNo: 'R1', partnerId: 'someone-else' });
    expect(findTransaction(context(), 'topUp', { originalReferenceNo: 'R1' })).toBeUndefined();
    const mine = put({ family: 'topUp', partnerReferenceNo: 'c', referenceNo: 'R1' });
    put({ family: 'topUp', partnerReferenceNo: 'd', referenceNo: 'R2' });
    expect(findTransaction(context(), 'topUp', { originalReferenceNo: 'R1' })).toEqual(mine);
    expect(findTransaction(context(), 'topUp', { originalReferenceNo: 'R3' })).toBeUndefined();
  });

  it('prefers the merchant reference: the lookup is by key, not by scan', async () => {
    const { context, put } = await setup();
    const record = put({ family: 'topUp', partnerReferenceNo: 'p1', referenceNo: 'R1' });
    expect(findTransaction(context(), 'topUp', { originalPartnerReferenceNo: 'p1', originalReferenceNo: 'R9' })).toEqual(record);
    expect(findTransaction(context('another'), 'topUp', { originalPartnerReferenceNo: 'p1' })).toBeUndefined();
  });
});

describe('statusReply', () => {
  it('reports the record with every reference it has, the service code, amount and status description', async () => {
    const { context, put } = await setup();
    put({
      family: 'topUp',
      partnerReferenceNo: 'p1',
      referenceNo: 'R1',
      externalId: 'X1',
      status: '06',
      amount: { value: '10.00', currency: 'IDR' },
    });
    expect(
      statusReply(context(), 'topUp', '39', { originalPartnerReferenceNo: 'p1', originalReferenceNo: 'R1', originalExternalId: 'X1' }),
    ).toEqual({
      ok: true,
      value: {
        key: 'SUCCESS',
        fields: {
          originalPartnerReferenceNo: 'p1',
          originalReferenceNo: 'R1',
          originalExternalId: 'X1',
          serviceCode: '39',
          amount: { value: '10.00', currency: 'IDR' },
          latestTransactionStatus: '06',
          transactionStatusDesc: 'Failed',
          additionalInfo: {},
        },
      },
    });
  });

  it('leaves out references the record lacks', async () => {
    const { context, put } = await setup();
    put({ family: 'topUp', partnerReferenceNo: 'p1', status: '01' });
    const reply = statusReply(context(), 'topUp', '00', {
      originalPartnerReferenceNo: 'p1',
      originalReferenceNo: 'R1',
      originalExternalId: 'X1',
    });
    expect(reply).toMatchObject({
      ok: true,
      value: { fields: { originalPartnerReferenceNo: 'p1', latestTransactionStatus: '01', transactionStatusDesc: 'Initiated' } },
    });
    const fields = (reply as { value: { fields: Record<string, unknown> } }).value.fields;
    expect(fields).not.toHaveProperty('originalReferenceNo');
    expect(fields).not.toHaveProperty('originalExternalId');
  });

  it('answers Transaction Not Found for an unknown record or a mismatching DANA reference or external id', async () => {
    const { context, put } = await setup();
    put({ family: 'topUp', partnerReferenceNo: 'p1', referenceNo: 'R1', externalId: 'X1' });
    const notFound = { ok: false, failure: { key: 'TRANSACTION_NOT_FOUND' } };
    expect(statusReply(context(), 'topUp', '39', { originalPartnerReferenceNo: 'nope' })).toEqual(notFound);
    expect(statusReply(context(), 'topUp', '39', { originalPartnerReferenceNo: 'p1', originalReferenceNo: 'R2' })).toEqual(notFound);
    expect(statusReply(context(), 'topUp', '39', { originalPartnerReferenceNo: 'p1', originalExternalId: 'X2' })).toEqual(notFound);
    expect(
      statusReply(context(), 'topUp', '39', { originalPartnerReferenceNo: 'p1', originalReferenceNo: 'R1', originalExternalId: 'X1' }).ok,
    ).toBe(true);
  });
});
