import { describe, expect, it } from 'vitest';
import { booleanParam, integerParam, parseForm, parseJson, readParams, rejectUnknown, stringParam, type Params } from './form.ts';
import { errorBody, isFailure, type Failure } from './render.ts';

function params(value: Params | Failure): Params {
  if (isFailure(value)) throw new Error(`refused: ${value.error}`);
  return value;
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('form parameters (Stripe bracket notation)', () => {
  it('nests brackets, indexes into arrays and appends with []', () => {
    const parsed = params(
      parseForm(
        'amount=100&currency=IDR&metadata[order]=A+1&line_items[1][quantity]=2&line_items[0][price_data][unit_amount]=500&expand[]=payment_intent&expand[]=x&empty',
      ),
    );
    expect(plain(parsed)).toEqual({
      amount: '100',
      currency: 'IDR',
      metadata: { order: 'A 1' },
      line_items: [{ price_data: { unit_amount: '500' } }, { quantity: '2' }],
      expand: ['payment_intent', 'x'],
      empty: '',
    });
    expect(Object.getPrototypeOf(parsed)).toBe(null);
    expect(Object.getPrototypeOf(parsed.metadata)).toBe(null);
  });

  it('decodes percent escapes and refuses broken ones or unpaired brackets', () => {
    expect(plain(params(parseForm('return_url=https%3A%2F%2Fshop.test%2Fr%3Fa%3D1')))).toEqual({ return_url: 'https://shop.test/r?a=1' });
    expect(parseForm('a=%E0%A4%A')).toEqual({ error: 'body_unreadable', values: { format: 'form data' } });
    expect(parseForm('a[b=1')).toMatchObject({ error: 'body_unreadable' });
  });

  it('refuses a name used both as a value and as a container', () => {
    expect(parseForm('a=1&a[b]=2')).toMatchObject({ error: 'body_unreadable' });
    expect(parseForm('a[b]=2&a=1')).toMatchObject({ error: 'body_unreadable' });
    expect(parseForm('a[]=1&a[x]=2')).toMatchObject({ error: 'body_unreadable' });
  });

  it('refuses keys that could reach a prototype', () => {
    expect(parseForm('__proto__[polluted]=1')).toEqual({ error: 'parameter_unknown', values: { param: '__proto__[polluted]' } });
    expect(parseForm('metadata[constructor]=1')).toMatchObject({ error: 'parameter_unknown' });
    expect(parseJson('{"a":{"__proto__":{"x":1}}}')).toEqual({ error: 'parameter_unknown', values: { param: '__proto__' } });
    expect(parseJson('{"list":[{"prototype":1}]}')).toMatchObject({ error: 'parameter_unknown' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads JSON into the same plain shape, keeping a parameter named error apart from a refusal', () => {
    const parsed = params(parseJson('{"amount":100,"error":"parameter_missing","items":[{"a":true},null]}'));
    expect(plain(parsed)).toEqual({ amount: 100, error: 'parameter_missing', items: [{ a: true }, null] });
    expect(isFailure(parsed)).toBe(false);
    expect(plain(params(parseJson('  ')))).toEqual({});
    expect(parseJson('{')).toEqual({ error: 'body_unreadable', values: { format: 'JSON' } });
    expect(parseJson('[1]')).toEqual({ error: 'body_unreadable', values: { format: 'a JSON object' } });
  });

  it('chooses the reader by content type, form when none is given', () => {
    expect(plain(params(readParams('application/json; charset=utf-8', '{"a":1}')))).toEqual({ a: 1 });
    expect(plain(params(readParams('application/x-www-form-urlencoded', 'a=1')))).toEqual({ a: '1' });
    expect(plain(params(readParams(undefined, 'a=1')))).toEqual({ a: '1' });
  });
});

describe('parameter coercion', () => {
  const given = params(
    parseJson('{"n":7,"s":"12","bad":"10.5","big":"99999999999999999999","t":"true","f":false,"x":"yes","str":"a","num":5}'),
  );

  it('reads integers from numbers and decimal strings', () => {
    expect(integerParam(given, 'n')).toBe(7);
    expect(integerParam(given, 's')).toBe(12);
    expect(integerParam(given, 'missing')).toBeUndefined();
    const refused = integerParam(given, 'bad') as Failure;
    expect(errorBody(refused)).toEqual({
      error: { type: 'invalid_request_error', code: 'parameter_invalid_integer', message: 'Invalid integer: 10.5', param: 'bad' },
    });
    expect(integerParam(given, 'big')).toMatchObject({ error: 'parameter_invalid_integer' });
    expect(integerParam(given, 'f')).toEqual({ error: 'parameter_invalid_integer', values: { param: 'f', value: 'false' } });
  });

  it('reads booleans and strings', () => {
    expect([booleanParam(given, 't'), booleanParam(given, 'f'), booleanParam(given, 'missing')]).toEqual([true, false, undefined]);
    expect(booleanParam(given, 'x')).toEqual({ error: 'parameter_invalid_boolean', values: { param: 'x', value: 'yes' } });
    expect(stringParam(given, 'str')).toBe('a');
    expect(stringParam(given, 'missing')).toBeUndefined();
    expect(stringParam(given, 'num')).toEqual({ error: 'parameter_invalid_string', values: { param: 'num', value: '5' } });
  });

  it('names the first unknown parameter', () => {
    expect(rejectUnknown(given, Object.keys(given))).toBeUndefined();
    expect(rejectUnknown(given, ['n'])).toEqual({ error: 'parameter_unknown', values: { param: 's' } });
  });
});
