import { describe, expect, it } from 'vitest';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { TRANSACTIONS } from '../../core/idempotency.ts';
import type { Ids } from '../../clock/ids.ts';
import { userBalance } from '../../ledger/accounts.ts';
import { Database } from '../../ledger/database.ts';
import { MemoryStore } from '../../ledger/store.ts';
import { NOTIFICATIONS, type NotificationRecord } from '../../notifications/outbox.ts';
import { testKeys } from '../../../test/helpers.ts';
import { VA_BILLS, putDynamicVa, type VaBill } from './bills.ts';
import { checkExpiredInquiries, enqueueCreateVa, enqueueStatusCheck, vaCallbackHooks } from './callbacks.ts';
import { putPartner, type PartnerRecord } from '../../parties/banks.ts';
import { VA_INQUIRIES, VA_TIMERS, bankSettlement, type InquirySession } from './sessions.ts';

const BANK: PartnerRecord = {
  partnerId: 'bank-1',
  name: 'Bank',
  clientSecret: 's',
  publicKeyPem: testKeys().bank.publicKeyPem,
  partnerServiceId: '   12345',
  callbackUrl: 'http://bank.example/api/',
  createdAt: 0,
};
const ids = { referenceNo: () => 'REF-1' } as unknown as Ids;

async function setup(bank: PartnerRecord = BANK) {
  const db = await Database.open(new MemoryStore());
  db.transact((tx) => putPartner(tx, bank));
  const session = (overrides: Partial<InquirySession> = {}): InquirySession => {
    const value: InquirySession = {
      key: 'bank-1:inq-1',
      partnerId: 'bank-1',
      inquiryRequestId: 'inq-1',
      partnerServiceId: '   12345',
      customerNo: '62811742234',
      virtualAccountNo: '   1234562811742234',
      customerNumber: '62811742234',
      name: 'Budi',
      amountMinor: 5_000_000,
      trxType: 'O',
      startedAt: 0,
      deadline: 300_000,
      status: 'open',
      ...overrides,
    };
    db.transact((tx) => {
      tx.put(VA_INQUIRIES, value.key, value);
      if (value.status === 'open') tx.put(VA_TIMERS, value.key, { key: value.key, deadline: value.deadline });
    });
    return value;
  };
  const notifications = () => [...db.values<NotificationRecord>(NOTIFICATIONS)];
  const hooks = vaCallbackHooks({ now: () => 400_000 }, ids, () => undefined);
  return { db, session, notifications, hooks };
}

const statusOf = (db: Database, key = 'bank-1:inq-1') => db.get<InquirySession>(VA_INQUIRIES, key)?.status;

describe('Create VA (svc 27)', () => {
  it("is sent to the bank's callback path with the bill as a closed-amount VA", async () => {
    const { db, notifications } = await setup();
    const bill = db.transact((tx) =>
      putDynamicVa(tx, db, 'seed', {
        partner: BANK,
        customerNumber: '62811742234',
        name: 'Budi',
        amountMinor: 1_234_500,
        expiresAt: 600_000,
        trxId: 'trx-9',
        now: 0,
      }),
    );
    db.transact((tx) => enqueueCreateVa(tx, BANK, bill, 50));
    expect(notifications()).toEqual([
      expect.objectContaining({
        id: 'create-va-trx-9',
        kind: 'vaCreate',
        partnerId: 'bank-1',
        subject: bill.virtualAccountNo,
        url: 'http://bank.example/api/v1.0/transfer-va/create-va',
        status: 'pending',
        nextAttemptAt: 50,
        body: {
          partnerServiceId: '   12345',
          customerNo: bill.customerNo,
          virtualAccountNo: bill.virtualAccountNo,
          virtualAccountName: 'Budi',
          trxId: 'trx-9',
          totalAmount: { value: '12345.00', currency: 'IDR' },
          expiredDate: jakartaTimestamp(600_000),
          virtualAccountTrxType: 'C',
          additionalInfo: {},
        },
      }),
    ]);
  });

  it('offers an open-amount VA as type O with a zero total, and no expiry when it has none', async () => {
    const { db, notifications } = await setup({ ...BANK, callbackUrl: 'http://bank.example' });
    const bill: VaBill = {
      virtualAccountNo: '   12345900000000001',
      partnerServiceId: '   12345',
      customerNo: '900000000001',
      partnerId: 'bank-1',
      name: 'Open',
      trxId: 't',
      status: 'ACTIVE',
      createdAt: 0,
    };
    db.transact((tx) => enqueueCreateVa(tx, { ...BANK, callbackUrl: 'http://bank.example' }, bill, 0));
    const [sent] = notifications();
    expect(sent.url).toBe('http://bank.example/v1.0/transfer-va/create-va');
    expect(sent.body).toMatchObject({ totalAmount: { value: '0.00', currency: 'IDR' }, virtualAccountTrxType: 'O' });
    expect(sent.body).not.toHaveProperty('expiredDate');
  });

  it('has no URL when the bank gave no callback', async () => {
    const { db, notifications } = await setup();
    const bill: VaBill = {
      virtualAccountNo: 'v',
      partnerServiceId: '   12345',
      customerNo: '9',
      partnerId: 'bank-1',
      name: 'n',
      trxId: 't',
      status: 'ACTIVE',
      createdAt: 0,
    };
    db.transact((tx) => enqueueCreateVa(tx, { ...BANK, callbackUrl: undefined }, bill, 0));
    expect(notifications()[0].url).toBeUndefined();
  });

  it("marks the bill acknowledged on the bank's 2002700 and failed when delivery gives up", async () => {
    const { db, hooks } = await setup();
    const bill = db.transact((tx) =>
      putDynamicVa(tx, db, 'seed', { partner: BANK, customerNumber: '62811742234', expiresAt: 600_000, trxId: 'trx-1', now: 0 }),
    );
    const create = hooks.vaCreate;
    expect(create.acknowledges!(200, '{"responseCode":"2002700"}')).toBe(true);
    expect(create.acknowledges!(200, '{"responseCode":"2002600"}')).toBe(false);
    expect(create.acknowledges!(500, '{"responseCode":"2002700"}')).toBe(false);
    expect(create.acknowledges!(200, 'not json')).toBe(false);
    const record = { subject: bill.virtualAccountNo } as NotificationRecord;
    db.transact((tx) => create.onAnswer!(tx, record, {}));
    expect(db.get<VaBill>(VA_BILLS, bill.virtualAccountNo)?.createVa).toBe('acknowledged');
    db.transact((tx) => create.onGiveUp!(tx, record));
    expect(db.get<VaBill>(VA_BILLS, bill.virtualAccountNo)?.createVa).toBe('failed');
    db.transact((tx) => create.onAnswer!(tx, { subject: 'no such VA' } as NotificationRecord, {}));
    expect(db.get(VA_BILLS, 'no such VA')).toBeUndefined();
  });
});

describe('Inquiry Status (svc 26)', () => {
  it('asks the bank about an open session and puts it in checking, off the timer', async () => {
    const { db, session, notifications } = await setup();
    const open = session();
    const sent = db.transact((tx) => enqueueStatusCheck(tx, open, 777));
    expect(sent).toMatchObject({
      id: 'va-status-bank-1-inq-1-777',
      kind: 'vaInquiryStatus',
      partnerId: 'bank-1',
      subject: 'bank-1:inq-1',
      url: 'http://bank.example/api/v1.0/transfer-va/status',
      body: {
        partnerServiceId: '   12345',
        customerNo: '62811742234',
        virtualAccountNo: '   1234562811742234',
        inquiryRequestId: 'inq-1',
        paymentRequestId: 'inq-1',
        additionalInfo: {},
      },
    });
    expect(notifications()).toHaveLength(1);
    expect(statusOf(db)).toBe('checking');
    expect(db.get(VA_TIMERS, 'bank-1:inq-1')).toBeUndefined();
  });

  it('leaves a session that is not open in its status when asked on demand', async () => {
    const { db, session } = await setup();
    const paid = session({ status: 'paid' });
    db.transact((tx) => enqueueStatusCheck(tx, paid, 1));
    expect(statusOf(db)).toBe('paid');
  });

  it('asks only once the window has passed: a session at its deadline is still open', async () => {
    const { db, session, notifications } = await setup();
    session();
    expect(checkExpiredInquiries(db, 300_000)).toBe(0);
    expect(notifications()).toHaveLength(0);
    expect(checkExpiredInquiries(db, 300_001)).toBe(1);
    expect(notifications()).toHaveLength(1);
    expect(statusOf(db)).toBe('checking');
    expect(checkExpiredInquiries(db, 300_002)).toBe(0);
  });

  it('drops the timer of a session that is no longer open without asking', async () => {
    const { db, session, notifications } = await setup();
    const open = session();
    db.transact((tx) => tx.put(VA_INQUIRIES, open.key, { ...open, status: 'paid' }));
    expect(checkExpiredInquiries(db, 400_000)).toBe(1);
    expect(notifications()).toHaveLength(0);
    expect(db.get(VA_TIMERS, open.key)).toBeUndefined();
  });

  it("accepts only the bank's 2002600 as an answer", async () => {
    const { hooks } = await setup();
    const status = hooks.vaInquiryStatus;
    expect(status.acknowledges!(200, '{"responseCode":"2002600"}')).toBe(true);
    expect(status.acknowledges!(200, '{"responseCode":"2002700"}')).toBe(false);
    expect(status.acknowledges!(200, '{}')).toBe(false);
  });

  it("a paid answer credits the user from the bank's settlement and marks session, bill and transaction paid", async () => {
    const { db, session, hooks } = await setup();
    const bill = db.transact((tx) =>
      putDynamicVa(tx, db, 'seed', {
        partner: BANK,
        customerNumber: '62811742234',
        amountMinor: 5_000_000,
        expiresAt: 600_000,
        trxId: 'trx-7',
        now: 0,
      }),
    );
    session({ status: 'checking', customerNo: bill.customerNo, virtualAccountNo: bill.virtualAccountNo });
    db.transact((tx) =>
      hooks.vaInquiryStatus.onAnswer!(tx, { subject: 'bank-1:inq-1' } as NotificationRecord, {
        virtualAccountData: { paymentFlagStatus: '00' },
      }),
    );
    expect(db.ledger.balance(userBalance('62811742234'))).toBe(5_000_000);
    expect(db.ledger.balance(bankSettlement('bank-1'))).toBe(-5_000_000);
    expect(statusOf(db)).toBe('paid');
    expect(db.get<VaBill>(VA_BILLS, bill.virtualAccountNo)?.status).toBe('PAID');
    expect(db.get(TRANSACTIONS, 'vaPayment:bank-1:inq-1')).toMatchObject({
      referenceNo: 'REF-1',
      status: '00',
      amount: { value: '50000.00', currency: 'IDR' },
      createdAt: 400_000,
    });
    expect(JSON.parse(db.get<{ fingerprint: string }>(TRANSACTIONS, 'vaPayment:bank-1:inq-1')!.fingerprint)).toEqual([
      bill.virtualAccountNo,
      { value: '50000.00', currency: 'IDR' },
      'trx-7',
    ]);
  });

  it('a paid answer on a static VA credits the user and leaves no bill', async () => {
    const { db, session, hooks } = await setup();
    session({ status: 'checking' });
    db.transact((tx) =>
      hooks.vaInquiryStatus.onAnswer!(tx, { subject: 'bank-1:inq-1' } as NotificationRecord, {
        virtualAccountData: { paymentFlagStatus: '00' },
      }),
    );
    expect(db.ledger.balance(userBalance('62811742234'))).toBe(5_000_000);
    expect(JSON.parse(db.get<{ fingerprint: string }>(TRANSACTIONS, 'vaPayment:bank-1:inq-1')!.fingerprint)).toEqual([
      '   1234562811742234',
      { value: '50000.00', currency: 'IDR' },
      null,
    ]);
    expect(db.size(VA_BILLS)).toBe(0);
  });

  it('a paid answer for a bill that already expired credits the user but leaves the bill expired', async () => {
    const { db, session, hooks } = await setup();
    const bill = db.transact((tx) =>
      putDynamicVa(tx, db, 'seed', {
        partner: BANK,
        customerNumber: '62811742234',
        amountMinor: 5_000_000,
        expiresAt: 600_000,
        trxId: 'trx-6',
        now: 0,
      }),
    );
    db.transact((tx) => tx.put(VA_BILLS, bill.virtualAccountNo, { ...bill, status: 'EXPIRED' }));
    session({ status: 'checking', customerNo: bill.customerNo, virtualAccountNo: bill.virtualAccountNo });
    db.transact((tx) =>
      hooks.vaInquiryStatus.onAnswer!(tx, { subject: 'bank-1:inq-1' } as NotificationRecord, {
        virtualAccountData: { paymentFlagStatus: '00' },
      }),
    );
    expect(db.ledger.balance(userBalance('62811742234'))).toBe(5_000_000);
    expect(db.get<VaBill>(VA_BILLS, bill.virtualAccountNo)?.status).toBe('EXPIRED');
    expect(statusOf(db)).toBe('paid');
  });

  it('any other answer expires the session and its active bill, moving no money', async () => {
    const { db, session, hooks } = await setup();
    const bill = db.transact((tx) =>
      putDynamicVa(tx, db, 'seed', { partner: BANK, customerNumber: '62811742234', expiresAt: 600_000, trxId: 'trx-8', now: 0 }),
    );
    session({ status: 'checking', customerNo: bill.customerNo, virtualAccountNo: bill.virtualAccountNo });
    db.transact((tx) =>
      hooks.vaInquiryStatus.onAnswer!(tx, { subject: 'bank-1:inq-1' } as NotificationRecord, {
        virtualAccountData: { paymentFlagStatus: '01' },
      }),
    );
    expect(statusOf(db)).toBe('expired');
    expect(db.get<VaBill>(VA_BILLS, bill.virtualAccountNo)?.status).toBe('EXPIRED');
    expect(db.ledger.balance(userBalance('62811742234'))).toBe(0);
    expect(db.get(TRANSACTIONS, 'vaPayment:bank-1:inq-1')).toBeUndefined();
  });

  it('an answer without a body expires the session; a paid bill stays paid', async () => {
    const { db, session, hooks } = await setup();
    const bill = db.transact((tx) =>
      putDynamicVa(tx, db, 'seed', { partner: BANK, customerNumber: '62811742234', expiresAt: 600_000, trxId: 'trx-8', now: 0 }),
    );
    db.transact((tx) => tx.put(VA_BILLS, bill.virtualAccountNo, { ...bill, status: 'PAID' }));
    session({ status: 'checking', customerNo: bill.customerNo, virtualAccountNo: bill.virtualAccountNo });
    db.transact((tx) => hooks.vaInquiryStatus.onAnswer!(tx, { subject: 'bank-1:inq-1' } as NotificationRecord, undefined));
    expect(statusOf(db)).toBe('expired');
    expect(db.get<VaBill>(VA_BILLS, bill.virtualAccountNo)?.status).toBe('PAID');
  });

  it('ignores answers about sessions already paid, expired or unknown', async () => {
    for (const status of ['paid', 'expired'] as const) {
      const { db, session, hooks } = await setup();
      session({ status });
      db.transact((tx) =>
        hooks.vaInquiryStatus.onAnswer!(tx, { subject: 'bank-1:inq-1' } as NotificationRecord, {
          virtualAccountData: { paymentFlagStatus: '00' },
        }),
      );
      expect(statusOf(db)).toBe(status);
      expect(db.ledger.balance(userBalance('62811742234'))).toBe(0);
    }
    const { db, hooks } = await setup();
    db.transact((tx) =>
      hooks.vaInquiryStatus.onAnswer!(tx, { subject: 'bank-1:none' } as NotificationRecord, {
        virtualAccountData: { paymentFlagStatus: '00' },
      }),
    );
    expect(db.ledger.balance(userBalance('62811742234'))).toBe(0);
  });

  it('giving up expires an open or checking session, never a paid one', async () => {
    for (const [status, after] of [
      ['open', 'expired'],
      ['checking', 'expired'],
      ['paid', 'paid'],
    ] as const) {
      const { db, session, hooks } = await setup();
      session({ status });
      db.transact((tx) => hooks.vaInquiryStatus.onGiveUp!(tx, { subject: 'bank-1:inq-1' } as NotificationRecord));
      expect(statusOf(db)).toBe(after);
    }
    const { db, hooks } = await setup();
    expect(() => db.transact((tx) => hooks.vaInquiryStatus.onGiveUp!(tx, { subject: 'bank-1:none' } as NotificationRecord))).not.toThrow();
    expect(db.get(VA_INQUIRIES, 'bank-1:none')).toBeUndefined();
  });
});
