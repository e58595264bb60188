// A small, data-only schema language for request bodies. The simulator validates requests with it
// (simulator/core/validate.ts) and the tests read the same specs to generate bad input, so the
// contract is written once.

export type FieldSpec =
  | StringSpec
  | NumberSpec
  | BooleanSpec
  | MoneySpec
  | ObjectSpec
  | ArraySpec;

interface BaseSpec {
  /** M = mandatory (absent, null or "" is a missing field), O = optional. */
  readonly presence: 'M' | 'O';
  /** Optional fields become mandatory unless one of these paths is present (DANA "conditional"). */
  readonly mandatoryUnless?: readonly string[];
}

export interface StringSpec extends BaseSpec {
  readonly type: 'string';
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  readonly oneOf?: readonly string[];
}

export interface NumberSpec extends BaseSpec {
  readonly type: 'number';
  readonly max?: number;
}

export interface BooleanSpec extends BaseSpec {
  readonly type: 'boolean';
}

/** DANA Money: {"value": "10000.00", "currency": "IDR"}; both members JSON strings. */
export interface MoneySpec extends BaseSpec {
  readonly type: 'money';
  /** Name the field in format errors: Payment Gateway does ("Invalid Field Format amount"), Disbursement does not. */
  readonly namedErrors?: boolean;
}

export interface ObjectSpec extends BaseSpec {
  readonly type: 'object';
  /** Known members; unknown members are ignored, as DANA's gateway ignores them. */
  readonly fields?: Readonly<Record<string, FieldSpec>>;
}

export interface ArraySpec extends BaseSpec {
  readonly type: 'array';
  readonly items: FieldSpec;
  readonly minItems?: number;
}

export type Fields = Readonly<Record<string, FieldSpec>>;

type Options<T> = Omit<T, 'type' | 'presence'>;

export const mandatory = {
  string: (options: Options<StringSpec> = {}): StringSpec => ({ type: 'string', presence: 'M', ...options }),
  number: (options: Options<NumberSpec> = {}): NumberSpec => ({ type: 'number', presence: 'M', ...options }),
  money: (options: Options<MoneySpec> = {}): MoneySpec => ({ type: 'money', presence: 'M', ...options }),
  object: (fields?: Fields): ObjectSpec => ({ type: 'object', presence: 'M', fields }),
  array: (items: FieldSpec, options: Options<Omit<ArraySpec, 'items'>> = {}): ArraySpec => ({ type: 'array', presence: 'M', items, ...options }),
};

export const optional = {
  string: (options: Options<StringSpec> = {}): StringSpec => ({ type: 'string', presence: 'O', ...options }),
  number: (options: Options<NumberSpec> = {}): NumberSpec => ({ type: 'number', presence: 'O', ...options }),
  boolean: (): BooleanSpec => ({ type: 'boolean', presence: 'O' }),
  money: (options: Options<MoneySpec> = {}): MoneySpec => ({ type: 'money', presence: 'O', ...options }),
  array: (items: FieldSpec, options: Options<Omit<ArraySpec, 'items'>> = {}): ArraySpec => ({ type: 'array', presence: 'O', items, ...options }),
  object: (fields?: Fields): ObjectSpec => ({ type: 'object', presence: 'O', fields }),
};

/** DANA's documented date-time: `YYYY-MM-DDTHH:mm:ss+07:00` (README convention 3). */
export const JAKARTA_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

/** Amount strings: digits, a dot, two fraction digits; at most 19 characters (Money.value). */
export const MONEY_VALUE = /^\d{1,16}\.\d{2}$/;
export const MONEY_CURRENCIES = ['IDR'] as const;
