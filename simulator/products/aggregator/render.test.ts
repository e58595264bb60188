import { describe, expect, it } from 'vitest';
import { errorBody, fail, isFailure, listPage, renderError, renderJson, type Failure, type ListEnvelope } from './render.ts';

const items = Array.from({ length: 25 }, (_, i) => ({ id: `pi_${25 - i}` })); // newest first
const ids = (page: ListEnvelope<{ id: string }> | Failure) => {
  if (isFailure(page)) throw new Error(page.error);
  return { ids: page.data.map((item) => item.id), has_more: page.has_more };
};

describe('aggregator replies', () => {
  it('render JSON and catalogue errors with their HTTP status', () => {
    expect(renderJson(200, { a: 1 })).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    const reply = renderError(fail('resource_missing', { object: 'payment_intent', id: 'pi_1', param: 'id' }));
    expect(reply.status).toBe(404);
    expect(reply.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(reply.body)).toEqual({
      error: { type: 'invalid_request_error', code: 'resource_missing', message: "No such payment_intent: 'pi_1'", param: 'id' },
    });
    expect(errorBody(fail('idempotency_mismatch', { key: 'k' })).error).toEqual({
      type: 'idempotency_error',
      message:
        "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'k' if you meant to execute a different request.",
    });
    expect(isFailure({ error: 'not_a_key' })).toBe(false);
  });

  it('list newest first, 10 by default, with has_more', () => {
    expect(ids(listPage(items, {}, '/v1/payment_intents'))).toEqual({ ids: items.slice(0, 10).map((i) => i.id), has_more: true });
    const page = listPage(items, { limit: 100 }, '/v1/payment_intents');
    expect(page).toMatchObject({ object: 'list', url: '/v1/payment_intents', has_more: false });
  });

  it('page older with starting_after and newer with ending_before', () => {
    expect(ids(listPage(items, { limit: 3, starting_after: 'pi_20' }, '/x'))).toEqual({ ids: ['pi_19', 'pi_18', 'pi_17'], has_more: true });
    expect(ids(listPage(items, { limit: 3, starting_after: 'pi_3' }, '/x'))).toEqual({ ids: ['pi_2', 'pi_1'], has_more: false });
    expect(ids(listPage(items, { limit: 3, ending_before: 'pi_10' }, '/x'))).toEqual({ ids: ['pi_13', 'pi_12', 'pi_11'], has_more: true });
    expect(ids(listPage(items, { limit: 3, ending_before: 'pi_23' }, '/x'))).toEqual({ ids: ['pi_25', 'pi_24'], has_more: false });
  });

  it('refuse a bad limit, both cursors, or an unknown cursor', () => {
    expect(listPage(items, { limit: 0 }, '/x')).toEqual({ error: 'limit_out_of_range', values: { value: 0 } });
    expect(listPage(items, { limit: 101 }, '/x')).toMatchObject({ error: 'limit_out_of_range' });
    expect(listPage(items, { starting_after: 'pi_1', ending_before: 'pi_2' }, '/x')).toEqual({ error: 'pagination_both_cursors' });
    expect(listPage(items, { starting_after: 'pi_x' }, '/x')).toEqual({
      error: 'resource_missing',
      values: { object: 'object', id: 'pi_x', param: 'starting_after' },
    });
    expect(listPage(items, { ending_before: 'pi_x' }, '/x')).toMatchObject({ error: 'resource_missing' });
  });
});
