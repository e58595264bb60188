import { describe, expect, expectTypeOf, it } from 'vitest';
import type { InputOf } from '../../contracts/common/endpoint.ts';
import { mandatory, optional, type Fields, type Money } from '../../contracts/common/fields.ts';
import { createOrder } from '../../contracts/payment-gateway/create-order.ts';
import { inputOf, validate } from './validate.ts';

const SPEC: Fields = {
  partnerReferenceNo: mandatory.string({ maxLength: 8 }),
  customerNumber: mandatory.string({ pattern: /^62\d{5,}$/ }),
  amount: mandatory.money(),
  feeAmount: optional.money(),
  count: optional.number({ max: 10 }),
  flag: optional.boolean(),
  additionalInfo: mandatory.object({
    fundType: mandatory.string({ oneOf: ['A', 'B'] }),
    payer: optional.object({ name: mandatory.string({ minLength: 2 }) }),
  }),
};

const valid = () => ({
  partnerReferenceNo: 'ref-1',
  customerNumber: '6281234',
  amount: { value: '10000.00', currency: 'IDR' },
  additionalInfo: { fundType: 'A' },
});

const missing = (detail: string) => ({ key: 'INVALID_MANDATORY_FIELD', detail });
const badFormat = (detail?: string) => (detail === undefined ? { key: 'INVALID_FIELD_FORMAT' } : { key: 'INVALID_FIELD_FORMAT', detail });

describe('validate', () => {
  it('accepts a valid body and ignores unknown members', () => {
    expect(validate(valid(), SPEC)).toBeUndefined();
    expect(validate({ ...valid(), unknown: { deep: [1] }, flag: false, count: 10 }, SPEC)).toBeUndefined();
  });

  it('reports a mandatory field that is absent, null or empty', () => {
    for (const value of [undefined, null, '']) {
      expect(validate({ ...valid(), partnerReferenceNo: value }, SPEC)).toEqual(missing('partnerReferenceNo'));
    }
    expect(validate(undefined, SPEC)).toEqual(missing('partnerReferenceNo'));
  });

  it('treats null or empty optional fields as absent', () => {
    expect(validate({ ...valid(), count: null, feeAmount: '', flag: null }, SPEC)).toBeUndefined();
  });

  it('reports the first problem in contract order', () => {
    expect(validate({ ...valid(), customerNumber: 'x', partnerReferenceNo: null }, SPEC)).toEqual(missing('partnerReferenceNo'));
    expect(validate({ ...valid(), customerNumber: 'x', amount: null }, SPEC)).toEqual(badFormat('customerNumber'));
  });

  it('reports wrong types, lengths, patterns and enums as format errors with the path', () => {
    expect(validate({ ...valid(), partnerReferenceNo: 12345 }, SPEC)).toEqual(badFormat('partnerReferenceNo'));
    expect(validate({ ...valid(), partnerReferenceNo: '123456789' }, SPEC)).toEqual(badFormat('partnerReferenceNo'));
    expect(validate({ ...valid(), partnerReferenceNo: '12345678' }, SPEC)).toBeUndefined();
    expect(validate({ ...valid(), customerNumber: '0812345' }, SPEC)).toEqual(badFormat('customerNumber'));
    expect(validate({ ...valid(), count: '5' }, SPEC)).toEqual(badFormat('count'));
    expect(validate({ ...valid(), count: 11 }, SPEC)).toEqual(badFormat('count'));
    expect(validate({ ...valid(), count: Number.NaN }, SPEC)).toEqual(badFormat('count'));
    expect(validate({ ...valid(), flag: 'true' }, SPEC)).toEqual(badFormat('flag'));
    expect(validate({ ...valid(), additionalInfo: [] }, SPEC)).toEqual(badFormat('additionalInfo'));
  });

  it('uses dotted paths inside nested objects', () => {
    expect(validate({ ...valid(), additionalInfo: {} }, SPEC)).toEqual(missing('additionalInfo.fundType'));
    expect(validate({ ...valid(), additionalInfo: { fundType: 'C' } }, SPEC)).toEqual(badFormat('additionalInfo.fundType'));
    const payer = (name: unknown) => ({ ...valid(), additionalInfo: { fundType: 'B', payer: { name } } });
    expect(validate(payer(null), SPEC)).toEqual(missing('additionalInfo.payer.name'));
    expect(validate(payer('x'), SPEC)).toEqual(badFormat('additionalInfo.payer.name'));
    expect(validate(payer('xy'), SPEC)).toBeUndefined();
  });
});

describe('validate objects', () => {
  it('reports a scalar or an array where an object belongs as a format error of that field', () => {
    expect(validate({ ...valid(), additionalInfo: 'A' }, SPEC)).toEqual(badFormat('additionalInfo'));
    expect(validate({ ...valid(), additionalInfo: [{ fundType: 'A' }] }, SPEC)).toEqual(badFormat('additionalInfo'));
  });
});

describe('validate money', () => {
  const withAmount = (amount: unknown) => validate({ ...valid(), amount }, SPEC);

  it('reports format problems without naming the field', () => {
    expect(withAmount({ value: '10000.00', currency: 'USD' })).toMatchObject(badFormat());
    expect(withAmount({ value: '1.5', currency: 'IDR' })).toMatchObject(badFormat());
    expect(withAmount({ value: '1', currency: 'IDR' })).toMatchObject(badFormat());
    expect(withAmount({ value: '-1.00', currency: 'IDR' })).toMatchObject(badFormat());
    expect(withAmount({ value: 10000, currency: 'IDR' })).toMatchObject(badFormat());
    // A number whose text looks like money is still not DANA's string amount.
    expect(withAmount({ value: 1.25, currency: 'IDR' })).toMatchObject(badFormat());
    expect(withAmount({ value: '10000.00', currency: 360 })).toMatchObject(badFormat());
    expect(withAmount('10000.00')).toMatchObject(badFormat());
    expect(withAmount([{ value: '1.00', currency: 'IDR' }])).toMatchObject(badFormat());
    // The reason (X-Debug-Mode, the request log) still names it.
    expect(withAmount({ value: '1.5', currency: 'IDR' })?.reason).toBe(
      'amount.value "1.5" is not an amount with two decimals such as "10000.00"',
    );
    expect(withAmount({ value: '1.00', currency: 'USD' })?.reason).toBe('amount.currency "USD" is not one of IDR');
  });

  it('rejects an amount that passes the pattern but not a safe integer of minor units', () => {
    expect(withAmount({ value: '9999999999999999.00', currency: 'IDR' })).toMatchObject(badFormat());
    expect(withAmount({ value: '90000000000000.00', currency: 'IDR' })).toBeUndefined();
  });

  it('reports a missing value or currency as a mandatory field with its path', () => {
    expect(withAmount({ currency: 'IDR' })).toEqual(missing('amount.value'));
    expect(withAmount({ value: '', currency: 'IDR' })).toEqual(missing('amount.value'));
    expect(withAmount({ value: '1.00' })).toEqual(missing('amount.currency'));
    expect(withAmount(null)).toEqual(missing('amount'));
    expect(validate({ ...valid(), feeAmount: { value: '1.00', currency: 'USD' } }, SPEC)).toMatchObject(badFormat());
  });
});

describe('validate mandatoryUnless', () => {
  const spec: Fields = {
    customerNumber: optional.string({ mandatoryUnless: ['additionalInfo.customerId', 'accessToken'] }),
    accessToken: optional.string(),
    additionalInfo: optional.object({ customerId: optional.string() }),
  };

  it('requires the field only when none of the alternatives is present', () => {
    expect(validate({}, spec)).toEqual(missing('customerNumber'));
    expect(validate({ additionalInfo: { customerId: '' } }, spec)).toEqual(missing('customerNumber'));
    expect(validate({ additionalInfo: { customerId: 'c-1' } }, spec)).toBeUndefined();
    expect(validate({ accessToken: 't' }, spec)).toBeUndefined();
    expect(validate({ customerNumber: '62811' }, spec)).toBeUndefined();
  });

  it('still checks the format of a conditional field that is present', () => {
    expect(validate({ customerNumber: 62811, accessToken: 't' }, spec)).toEqual(badFormat('customerNumber'));
  });
});

describe('validate arrays', () => {
  const spec: Fields = {
    kinds: mandatory.array(mandatory.string({ oneOf: ['TOPUP', 'REFUND'] }), { minItems: 1 }),
    payees: mandatory.array(mandatory.object({ name: mandatory.string() })),
  };
  const body = (overrides: Record<string, unknown>) => ({ kinds: ['TOPUP'], payees: [], ...overrides });

  it('enforces the array type and minItems', () => {
    expect(validate(body({}), spec)).toBeUndefined();
    expect(validate(body({ kinds: [] }), spec)).toEqual(badFormat('kinds'));
    expect(validate(body({ kinds: 'TOPUP' }), spec)).toEqual(badFormat('kinds'));
    expect(validate(body({ kinds: null }), spec)).toEqual(missing('kinds'));
  });

  it('checks each item and names it by index', () => {
    expect(validate(body({ kinds: ['TOPUP', 'REFUND'] }), spec)).toBeUndefined();
    expect(validate(body({ kinds: ['TOPUP', 'CASHOUT'] }), spec)).toEqual(badFormat('kinds[1]'));
    expect(validate(body({ kinds: ['TOPUP', null] }), spec)).toEqual(missing('kinds[1]'));
    expect(validate(body({ payees: [{ name: 'a' }, {}] }), spec)).toEqual(missing('payees[1].name'));
  });
});

describe('inputOf', () => {
  // Typed like a contract's request (no `Fields` annotation), so the derived input type can be checked too.
  const request = {
    partnerReferenceNo: mandatory.string(),
    note: optional.string(),
    kind: mandatory.string({ oneOf: ['A', 'B'] }),
    amount: mandatory.money(),
    feeAmount: optional.money(),
    count: optional.number(),
    flag: optional.boolean(),
    additionalInfo: mandatory.object({ fundType: mandatory.string(), extra: optional.object() }),
    payOptions: optional.array(mandatory.object({ payMethod: mandatory.string(), transAmount: mandatory.money() })),
  };

  it("puts every Money field's minor units beside it, at any depth, and leaves the Money as sent", () => {
    const amount = { value: '10000.01', currency: 'IDR' };
    const body = {
      partnerReferenceNo: 'r',
      kind: 'A',
      amount,
      feeAmount: { value: '0.00', currency: 'IDR' },
      additionalInfo: { fundType: 'F' },
      payOptions: [{ payMethod: 'BALANCE', transAmount: { value: '1.50', currency: 'IDR' } }],
    };
    const input = inputOf(body, request);
    expect(input).toEqual({
      partnerReferenceNo: 'r',
      kind: 'A',
      amount,
      amountMinor: 1_000_001,
      feeAmount: { value: '0.00', currency: 'IDR' },
      feeAmountMinor: 0,
      additionalInfo: { fundType: 'F' },
      payOptions: [{ payMethod: 'BALANCE', transAmount: { value: '1.50', currency: 'IDR' }, transAmountMinor: 150 }],
    });
    expect(input.amount).toBe(amount);
    expect(body).not.toHaveProperty('amountMinor');
    expect(body.payOptions[0]).not.toHaveProperty('transAmountMinor');
  });

  it('leaves out absent, null and empty members and members the contract does not declare; free-form objects pass as sent', () => {
    const extra = { anything: [1, 2], nested: { deep: true } };
    const body = {
      partnerReferenceNo: 'r',
      note: '',
      kind: 'B',
      amount: { value: '1.00', currency: 'IDR' },
      feeAmount: null,
      count: 0,
      flag: false,
      unknown: 'x',
      additionalInfo: { fundType: 'F', extra, stray: 1 },
    };
    expect(inputOf(body, request)).toEqual({
      partnerReferenceNo: 'r',
      kind: 'B',
      amount: { value: '1.00', currency: 'IDR' },
      amountMinor: 100,
      count: 0,
      flag: false,
      additionalInfo: { fundType: 'F', extra },
    });
  });

  it('types the input from the specs: mandatory members present, optional ones possibly absent, strings narrowed by oneOf', () => {
    const input = inputOf(
      { partnerReferenceNo: 'r', kind: 'A', amount: { value: '1.00', currency: 'IDR' }, additionalInfo: { fundType: 'F' } },
      request,
    );
    expectTypeOf(input.partnerReferenceNo).toEqualTypeOf<string>();
    expectTypeOf(input.note).toEqualTypeOf<string | undefined>();
    expectTypeOf(input.kind).toEqualTypeOf<'A' | 'B'>();
    expectTypeOf(input.amount).toEqualTypeOf<Money>();
    expectTypeOf(input.amountMinor).toEqualTypeOf<number>();
    expectTypeOf(input.feeAmountMinor).toEqualTypeOf<number | undefined>();
    expectTypeOf(input.count).toEqualTypeOf<number | undefined>();
    expectTypeOf(input.flag).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(input.additionalInfo.fundType).toEqualTypeOf<string>();
    expectTypeOf(input.additionalInfo.extra).toEqualTypeOf<Readonly<Record<string, unknown>> | undefined>();
    expectTypeOf<NonNullable<typeof input.payOptions>[number]['transAmountMinor']>().toEqualTypeOf<number>();
    expectTypeOf<InputOf<typeof createOrder>['urlParams'][number]['type']>().toEqualTypeOf<'PAY_RETURN' | 'NOTIFICATION'>();
    expect(input.amountMinor).toBe(100);
  });
});
