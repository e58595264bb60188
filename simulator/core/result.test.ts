import { describe, expect, it } from 'vitest';
import { fail, ok } from './result.ts';

describe('ok and fail', () => {
  it('wraps a value', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
  });

  it('builds a failure from a catalogue key and its extras', () => {
    expect(fail('INVALID_FIELD_FORMAT')).toEqual({ ok: false, failure: { key: 'INVALID_FIELD_FORMAT' } });
    expect(fail('INVALID_FIELD_FORMAT', { detail: 'amount' })).toEqual({
      ok: false,
      failure: { key: 'INVALID_FIELD_FORMAT', detail: 'amount' },
    });
  });
});
