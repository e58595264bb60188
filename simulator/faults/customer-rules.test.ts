import { describe, expect, it } from 'vitest';
import type { SnapEndpoint } from '../../contracts/common/endpoint.ts';
import { optional } from '../../contracts/common/fields.ts';
import { SANDBOX_RULES } from '../../contracts/sandbox-rules.ts';
import { SNAP_COMMON_KEYS } from '../../contracts/common/snap-keys.ts';
import { createTestSimulator } from '../../test/helpers.ts';
import { ENDPOINTS } from '../products/index.ts';
import type { Product } from '../core/product.ts';
import { ok } from '../core/result.ts';
import { route } from '../core/route.ts';
import { seededRandom } from '../core/random.ts';
import { snapRequest } from '../signature/client.ts';
import { RuleError, RuleTable } from './rules.ts';

// Rules matched on the customer a request names: the table's matching, the checks on adding such a
// rule, and the pipeline asking a route's resolver (any product's, not only Widget's) before the plan.

const CUSTOMER_ENDPOINTS = ['balanceInquiry', 'applyOTT', 'accountUnbinding'];
const table = () => new RuleTable(ENDPOINTS, seededRandom('x'), CUSTOMER_ENDPOINTS);

describe('customer rules in the table', () => {
  it('fire only for the customer named, never for a request that names nobody', () => {
    const rules = table();
    rules.add({ id: 'frozen', endpoint: 'applyOTT', customer: '6283811223355', effect: { result: 'DO_NOT_HONOR' } });
    expect(rules.fire('applyOTT', 'p1', {}, '6283811223355')?.rule.id).toBe('frozen');
    expect(rules.fire('applyOTT', 'p1', {}, '6281234567890')).toBeUndefined();
    expect(rules.fire('applyOTT', 'p1', {}, undefined)).toBeUndefined();
    expect(rules.fire('balanceInquiry', 'p1', {}, '6283811223355')).toBeUndefined();
    expect(rules.list()[0]).toMatchObject({ matched: 1, fired: 1 });
  });

  it('combine with partner, predicates and times like every other match', () => {
    const rules = table();
    rules.add({
      id: 'once',
      endpoint: '*',
      partnerId: 'p1',
      customer: '6283811223355',
      when: [{ field: 'partnerReferenceNo', op: 'eq', value: 'b-1' }],
      times: 1,
      effect: { result: 'GENERAL_ERROR' },
    });
    expect(rules.fire('balanceInquiry', 'p2', { partnerReferenceNo: 'b-1' }, '6283811223355')).toBeUndefined();
    expect(rules.fire('balanceInquiry', 'p1', { partnerReferenceNo: 'b-2' }, '6283811223355')).toBeUndefined();
    expect(rules.fire('balanceInquiry', 'p1', { partnerReferenceNo: 'b-1' }, '6283811223355')?.rule.id).toBe('once');
    expect(rules.list()).toEqual([]);
  });

  it('refuse a local spelling of the number and an endpoint that names no customer', () => {
    const rules = table();
    const base = { endpoint: 'applyOTT', effect: { result: 'DO_NOT_HONOR' } };
    expect(() => rules.add({ ...base, customer: '083811223355' })).toThrow(RuleError);
    expect(() => rules.add({ ...base, customer: 42 as unknown as string })).toThrow(/customerNumber/);
    expect(() => rules.add({ ...base, endpoint: 'transferToDana', customer: '6283811223355' })).toThrow(/names no customer/);
    expect(rules.list()).toEqual([]);
  });

  it('hold DANA\u2019s Widget sandbox users as defaults a table with the served routes accepts', () => {
    const rules = table();
    for (const rule of SANDBOX_RULES) rules.add(rule, 'sandbox');
    expect(rules.fire('applyOTT', 'p1', {}, '628551003634')?.effect).toEqual({ kind: 'result', result: 'CUSTOMER_TOKEN_EXPIRED' });
    expect(rules.fire('balanceInquiry', 'p1', {}, '62855100800')?.effect).toEqual({ kind: 'result', result: 'DO_NOT_HONOR' });
    expect(rules.fire('applyOTT', 'p1', {}, '6283811223355')).toBeUndefined();
  });
});

describe('customer rules through the pipeline', () => {
  // A product of the test's own: its customer is a body field, to show core asks the route, whatever product.
  const lookup = {
    key: 'lookupMember',
    title: 'Test member lookup',
    envelope: 'snap',
    serviceCode: '99',
    paths: ['/v1.0/test-member.htm'],
    timeoutMs: 8000,
    request: { member: optional.string({ maxLength: 20 }) },
    resultKeys: ['SUCCESS', 'DO_NOT_HONOR', ...SNAP_COMMON_KEYS],
  } satisfies SnapEndpoint;
  let handled = 0;
  const members: Product = {
    name: 'members',
    routes: [
      route(
        lookup,
        () => {
          handled += 1;
          return ok({ reply: { key: 'SUCCESS', fields: {} } });
        },
        { customer: (input) => input.member },
      ),
    ],
  };

  it('asks the route who the customer is before the plan; the handler never sees the rule', async () => {
    const t = await createTestSimulator({ background: false, extensions: [members] });
    t.sim.rules.add({ id: 'blocked', endpoint: 'lookupMember', customer: '6283811223355', effect: { result: 'DO_NOT_HONOR' } });
    const call = async (member?: string) => {
      const reply = await t.sim.handle(snapRequest({ path: lookup.paths[0], body: member ? { member } : {}, credentials: t.credentials }));
      return JSON.parse(reply.body).responseCode as string;
    };
    expect(await call('6283811223355')).toBe('4039905');
    expect(handled).toBe(0);
    expect(await call('6281234567890')).toBe('2009900');
    expect(await call()).toBe('2009900');
    expect(handled).toBe(2);
    expect(() => t.sim.rules.add({ endpoint: 'transferToDana', customer: '6283811223355', effect: { result: 'GENERAL_ERROR' } })).toThrow(
      /customer rules apply to: .*lookupMember/,
    );
  });
});
