import { describe, expect, it } from 'vitest';
import type { Idempotency } from '../../contracts/common/endpoint.ts';
import { Database } from '../ledger/database.ts';
import { MemoryStore } from '../ledger/store.ts';
import { TRANSACTIONS, fingerprint, isRecordedFailure, lookup, recordKey, saveTransaction, type TransactionRecord } from './idempotency.ts';
import type { RequestContext } from './route.ts';

const TOP_UP: Idempotency = {
  family: 'topUp',
  keyField: 'partnerReferenceNo',
  compare: ['amount.value', 'customerNumber', 'additionalInfo.fundType'],
};

function record(overrides: Partial<TransactionRecord> = {}): TransactionRecord {
  return {
    family: 'topUp',
    partnerId: 'p1',
    partnerReferenceNo: 'ref-1',
    fingerprint: '["1.00"]',
    status: '00',
    reply: { ok: true, reply: { key: 'SUCCESS', fields: {} } },
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

describe('recordKey', () => {
  it('joins family, partner and key value with colons', () => {
    expect(recordKey('topUp', 'p1', 'ref-1')).toBe('topUp:p1:ref-1');
  });
});

describe('fingerprint', () => {
  it('lists the compared fields in contract order, by dotted path', () => {
    const body = { amount: { value: '1.00', currency: 'IDR' }, customerNumber: '628', additionalInfo: { fundType: 'F' }, other: 'ignored' };
    expect(fingerprint(body, TOP_UP)).toBe('["1.00","628","F"]');
  });

  it('writes absent fields as null, so absent and present differ', () => {
    expect(fingerprint({ amount: { value: '1.00' } }, TOP_UP)).toBe('["1.00",null,null]');
    expect(fingerprint({ amount: { value: '1.00' }, customerNumber: '628' }, TOP_UP)).not.toBe(
      fingerprint({ amount: { value: '1.00' } }, TOP_UP),
    );
  });

  it('ignores fields the contract does not compare', () => {
    expect(fingerprint({ amount: { value: '1.00' }, note: 'a' }, TOP_UP)).toBe(
      fingerprint({ amount: { value: '1.00' }, note: 'b' }, TOP_UP),
    );
  });
});

describe('lookup', () => {
  it('finds nothing for an unknown key', async () => {
    const db = await Database.open(new MemoryStore());
    expect(lookup(db, 'topUp:p1:ref-1', '[]')).toEqual({ kind: 'new' });
  });

  it('replays a record with the same fingerprint and names a conflict for a different one', async () => {
    const db = await Database.open(new MemoryStore());
    const stored = record({ fingerprint: '["1.00"]' });
    db.transact((tx) => tx.put(TRANSACTIONS, 'topUp:p1:ref-1', stored));
    expect(lookup(db, 'topUp:p1:ref-1', '["1.00"]')).toEqual({ kind: 'replay', record: stored });
    expect(lookup(db, 'topUp:p1:ref-1', '["2.00"]')).toEqual({ kind: 'conflict', record: stored });
  });

  it('keeps families and partners apart', async () => {
    const db = await Database.open(new MemoryStore());
    db.transact((tx) => tx.put(TRANSACTIONS, recordKey('topUp', 'p1', 'ref-1'), record()));
    expect(lookup(db, recordKey('transfer', 'p1', 'ref-1'), '["1.00"]').kind).toBe('new');
    expect(lookup(db, recordKey('topUp', 'p2', 'ref-1'), '["1.00"]').kind).toBe('new');
  });
});

describe('isRecordedFailure', () => {
  it('records business rejections (403 and 404)', () => {
    expect(isRecordedFailure('INSUFFICIENT_FUNDS')).toBe(true);
    expect(isRecordedFailure('DO_NOT_HONOR')).toBe(true);
    expect(isRecordedFailure('INVALID_ACCOUNT')).toBe(true);
    expect(isRecordedFailure('TRANSACTION_NOT_FOUND')).toBe(true);
  });

  it('never records an inconsistent retry, which would overwrite the first transaction', () => {
    expect(isRecordedFailure('INCONSISTENT_REQUEST')).toBe(false);
  });

  it('leaves request-level rejections and server errors unrecorded', () => {
    for (const key of [
      'BAD_REQUEST',
      'INVALID_FIELD_FORMAT',
      'INVALID_SIGNATURE',
      'CONFLICT',
      'TOO_MANY_REQUESTS',
      'GENERAL_ERROR',
      'TIMEOUT',
      'SUCCESS',
      'IN_PROGRESS',
    ] as const) {
      expect(isRecordedFailure(key), key).toBe(false);
    }
  });

  it('leaves Open API and BNI keys unrecorded', () => {
    expect(isRecordedFailure('MERCHANT_NOT_EXIST')).toBe(false);
    expect(isRecordedFailure('BNI_INVALID_VA')).toBe(false);
  });
});

describe('saveTransaction', () => {
  const context = (idempotency?: RequestContext['idempotency']): RequestContext =>
    ({
      client: { kind: 'merchant', partnerId: 'p1', clientSecret: '', publicKeyPem: '' },
      externalId: 'ext-1',
      now: 42,
      services: {} as never,
      idempotency,
    }) as RequestContext;

  it('stores the record under the request key with partner, key value, fingerprint and times', async () => {
    const db = await Database.open(new MemoryStore());
    const identity = { recordKey: 'topUp:p1:ref-1', keyValue: 'ref-1', fingerprint: '["1.00"]' };
    const reply = { ok: true, reply: { key: 'SUCCESS', fields: {} } } as const;
    const saved = db.transact((tx) => saveTransaction(tx, 'topUp', context(identity), { status: '00', referenceNo: 'r9', reply }));
    const expected = {
      family: 'topUp',
      partnerId: 'p1',
      partnerReferenceNo: 'ref-1',
      externalId: 'ext-1',
      fingerprint: '["1.00"]',
      createdAt: 42,
      updatedAt: 42,
      status: '00',
      referenceNo: 'r9',
      reply,
    };
    expect(saved).toEqual(expected);
    expect(db.get(TRANSACTIONS, 'topUp:p1:ref-1')).toEqual(expected);
  });

  it('refuses an endpoint without idempotency, a bug in the product', async () => {
    const db = await Database.open(new MemoryStore());
    expect(() =>
      db.transact((tx) =>
        saveTransaction(tx, 'topUp', context(), { status: '00', reply: { ok: true, reply: { key: 'SUCCESS', fields: {} } } }),
      ),
    ).toThrow('endpoint of family topUp is not idempotent');
  });
});
