import { afterEach, describe, expect, it } from 'vitest';
import type { Product } from '../simulator/core/product.ts';
import { PRODUCTS } from '../simulator/products/index.ts';
import { createTestSimulator } from './helpers.ts';

// The clock-driven tick runs every product's due work; a failure there is reported as a bug and the
// simulator keeps serving and ticking, instead of an unhandled rejection ending the process (or a
// round that failed at once staying the running one, which stopped due work for good).

const unhandled: unknown[] = [];
const record = (reason: unknown) => void unhandled.push(reason);
afterEach(() => {
  process.off('unhandledRejection', record);
});

describe('the due-work tick', () => {
  it('reports a failing tick through onBug, keeps ticking, and leaves no unhandled rejection', async () => {
    process.on('unhandledRejection', record);
    const bugs: unknown[] = [];
    let calls = 0;
    const failing: Product = {
      name: 'failing-due-work',
      due: () => {
        calls++;
        throw new Error('due work failed');
      },
    };
    const t = await createTestSimulator({ background: true, products: [...PRODUCTS, failing], onBug: (error) => bugs.push(error) });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(bugs.length).toBeGreaterThanOrEqual(2);
    expect((bugs[0] as Error).message).toBe('due work failed');
    expect(unhandled).toEqual([]);
    const health = await t.sim.fetch(new Request('http://127.0.0.1/__sim/health'));
    expect(health.status).toBe(200);
  });
});
