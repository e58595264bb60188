import { describe, expect, it } from 'vitest';
import { PATHS, VALID_CUSTOMER, controlCall, createTestSimulator, idr, setBalance, topUpBody } from '../../test/helpers.ts';
import { userBalance } from '../ledger/accounts.ts';
import { SEEDED_USERS } from '../parties/users.ts';

describe('GET /__sim/users', () => {
  it('lists the seeded users and every user account in the ledger, with balances', async () => {
    const t = await createTestSimulator({ background: false });
    setBalance(t.sim, userBalance('6289900001111'), 12_345);
    const before = JSON.parse((await controlCall(t.sim, 'GET', '/__sim/users')).body);
    const topUp = await t.snap(PATHS.topUp, topUpBody({ partnerReferenceNo: 'ref-users-1', amount: idr('10000.00') }));
    expect(topUp.status).toBe(200);
    const reply = await controlCall(t.sim, 'GET', '/__sim/users');
    expect(reply.status).toBe(200);
    const users = JSON.parse(reply.body) as { customerNumber: string; balance: string; seeded: boolean; name: string }[];
    for (const number of SEEDED_USERS) expect(users.find((user) => user.customerNumber === number)?.seeded, number).toBe(true);
    expect(users.find((user) => user.customerNumber === '6289900001111')).toMatchObject({
      balance: '123.45',
      currency: 'IDR',
      seeded: false,
    });
    const was = Number(before.find((user: { customerNumber: string }) => user.customerNumber === VALID_CUSTOMER).balance);
    expect(Number(users.find((user) => user.customerNumber === VALID_CUSTOMER)!.balance)).toBe(was + 10_000);
    expect(users.every((user) => user.name.length > 0)).toBe(true);
    await t.sim.close();
  });
});
