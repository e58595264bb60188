import { describe, expect, it } from 'vitest';
import { createTestSimulator } from '../../test/helpers.ts';
import { customerName, putUser, userStatus } from './users.ts';

describe('DANA users', () => {
  it('generate a name from the seed and the number: the same pair always gives the same name, another seed or number another', async () => {
    const { sim } = await createTestSimulator({ background: false });
    const name = customerName(sim.db, 'seed-a', '62811742234');
    expect(name).toMatch(/\S+ \S+/);
    expect(customerName(sim.db, 'seed-a', '62811742234')).toBe(name);
    expect(customerName(sim.db, 'seed-b', '62811742234')).not.toBe(name);
    expect(customerName(sim.db, 'seed-a', '62811742235')).not.toBe(name);
  });

  it('generate the same name in every run: the seed and number fix it', async () => {
    const { sim } = await createTestSimulator({ background: false });
    expect(customerName(sim.db, 'seed-literal', '62811700099')).toBe('Kasim Halim');
  });

  it('keep a name that was set explicitly, whatever the seed', async () => {
    const { sim } = await createTestSimulator({ background: false });
    sim.db.transact((tx) => putUser(tx, { customerNumber: '62811742234', name: 'Siti Aminah', status: 'ACTIVE' }));
    expect(customerName(sim.db, 'seed-a', '62811742234')).toBe('Siti Aminah');
    expect(customerName(sim.db, 'seed-b', '62811742234')).toBe('Siti Aminah');
  });

  it('fall back to a generated name when the stored user has none', async () => {
    const { sim } = await createTestSimulator({ background: false });
    const generated = customerName(sim.db, 'seed-c', '62811740000');
    sim.db.transact((tx) => putUser(tx, { customerNumber: '62811740000', status: 'FROZEN' }));
    expect(customerName(sim.db, 'seed-c', '62811740000')).toBe(generated);
  });

  it('are ACTIVE unless a status was stored', async () => {
    const { sim } = await createTestSimulator({ background: false });
    expect(userStatus(sim.db, '62811749999')).toBe('ACTIVE');
    sim.db.transact((tx) => putUser(tx, { customerNumber: '62811749999', status: 'FROZEN' }));
    expect(userStatus(sim.db, '62811749999')).toBe('FROZEN');
  });
});
