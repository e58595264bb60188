// A small, data-only schema language for request bodies. The simulator validates requests with it
// (simulator/core/validate.ts), the tests read the same specs to generate bad input, and handlers
// get their input type from it (InputOf below), so the contract is written once.

export type Presence = 'M' | 'O';

export type FieldSpec = StringSpec | NumberSpec | BooleanSpec | MoneySpec | ObjectSpec | ArraySpec;

// Each spec carries its presence (and what it holds) as type parameters, so a contract's `request`
// keeps at type level which fields are mandatory and what each one holds; the defaults are the
// plain specs that validation and tooling work with.

interface BaseSpec<P extends Presence> {
  /** M = mandatory (absent, null or "" is a missing field), O = optional. */
  readonly presence: P;
  /** Optional fields become mandatory unless one of these paths is present (DANA "conditional"). */
  readonly mandatoryUnless?: readonly string[];
}

export interface StringSpec<P extends Presence = Presence, V extends string = string> extends BaseSpec<P> {
  readonly type: 'string';
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  readonly oneOf?: readonly V[];
}

export interface NumberSpec<P extends Presence = Presence> extends BaseSpec<P> {
  readonly type: 'number';
  readonly max?: number;
}

export interface BooleanSpec<P extends Presence = Presence> extends BaseSpec<P> {
  readonly type: 'boolean';
}

/** DANA Money: {"value": "10000.00", "currency": "IDR"}; both members JSON strings. */
export interface MoneySpec<P extends Presence = Presence> extends BaseSpec<P> {
  readonly type: 'money';
  /** Name the field in format errors: Payment Gateway does ("Invalid Field Format amount"), Disbursement does not. */
  readonly namedErrors?: boolean;
}

/** `F` is undefined for a free-form object (members not described, passed on as sent). */
export interface ObjectSpec<P extends Presence = Presence, F extends Fields | undefined = Fields | undefined> extends BaseSpec<P> {
  readonly type: 'object';
  /** Known members; unknown members are ignored, as DANA's gateway ignores them. */
  readonly fields?: F;
}

export interface ArraySpec<P extends Presence = Presence, I extends FieldSpec = FieldSpec> extends BaseSpec<P> {
  readonly type: 'array';
  readonly items: I;
  readonly minItems?: number;
}

export type Fields = Readonly<Record<string, FieldSpec>>;

type StringOptions<V extends string> = Omit<StringSpec<Presence, V>, 'type' | 'presence'>;
type Options<T> = Omit<T, 'type' | 'presence'>;

/** The builders for one presence; `oneOf` narrows a string to its listed values. */
function builders<P extends Presence>(presence: P) {
  return {
    string: <const V extends string = string>(options: StringOptions<V> = {}): StringSpec<P, V> => ({
      type: 'string',
      presence,
      ...options,
    }),
    number: (options: Options<NumberSpec> = {}): NumberSpec<P> => ({ type: 'number', presence, ...options }),
    boolean: (): BooleanSpec<P> => ({ type: 'boolean', presence }),
    money: (options: Options<MoneySpec> = {}): MoneySpec<P> => ({ type: 'money', presence, ...options }),
    object: <F extends Fields | undefined = undefined>(fields?: F): ObjectSpec<P, F> => ({ type: 'object', presence, fields }),
    array: <I extends FieldSpec>(items: I, options: Options<Omit<ArraySpec, 'items'>> = {}): ArraySpec<P, I> => ({
      type: 'array',
      presence,
      items,
      ...options,
    }),
  };
}

export const mandatory = builders('M');
export const optional = builders('O');

/** DANA's documented date-time: `YYYY-MM-DDTHH:mm:ss+07:00` (README convention 3). */
export const JAKARTA_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

/** Amount strings: digits, a dot, two fraction digits; at most 19 characters (Money.value). */
export const MONEY_VALUE = /^\d{1,16}\.\d{2}$/;
export const MONEY_CURRENCIES = ['IDR'] as const;

// What a handler receives for a contract's fields (InputOf in endpoint.ts), derived from the specs:
// mandatory fields are present, optional ones may be absent (the pipeline leaves absent, null and ""
// members out), and every Money field `x` comes with `xMinor`, its amount as an integer of minor
// units, converted once by the pipeline (simulator/core/validate.ts inputOf). `xMinor` sits beside
// the Money object rather than inside it, so echoing `x` in a reply or a record sends exactly what
// the caller sent.

/** A validated Money member. */
export interface Money {
  readonly value: string;
  readonly currency: (typeof MONEY_CURRENCIES)[number];
}

/** An object whose members the contract does not describe. */
export type FreeForm = Readonly<Record<string, unknown>>;

export type ValueOf<S extends FieldSpec> =
  S extends StringSpec<Presence, infer V>
    ? V
    : S extends NumberSpec
      ? number
      : S extends BooleanSpec
        ? boolean
        : S extends MoneySpec
          ? Money
          : S extends ObjectSpec<Presence, infer F>
            ? F extends Fields
              ? FieldsInput<F>
              : FreeForm
            : S extends ArraySpec<Presence, infer I>
              ? readonly ValueOf<I>[]
              : never;

type KeysWhere<F extends Fields, S> = { [K in keyof F]: F[K] extends S ? K : never }[keyof F] & string;
type MandatoryKeys<F extends Fields> = KeysWhere<F, { readonly presence: 'M' }>;
type OptionalKeys<F extends Fields> = Exclude<keyof F & string, MandatoryKeys<F>>;
type MoneyField = { readonly type: 'money' };

type Described<F extends Fields> = { readonly [K in MandatoryKeys<F>]: ValueOf<F[K]> } & {
  readonly [K in OptionalKeys<F>]?: ValueOf<F[K]>;
};
type Minor<F extends Fields> = { readonly [K in MandatoryKeys<F> & KeysWhere<F, MoneyField> as `${K}Minor`]: number } & {
  readonly [K in OptionalKeys<F> & KeysWhere<F, MoneyField> as `${K}Minor`]?: number;
};

/** What the fields `F` describe, as a handler gets it; the plain `Fields` (any fields at all) give a free-form object. */
export type FieldsInput<F extends Fields> = string extends keyof F ? FreeForm : Flat<Described<F> & Minor<F>>;

type Flat<T> = { [K in keyof T]: T[K] } & {};
