import { MONEY_CURRENCIES, MONEY_VALUE, type FieldSpec, type Fields, type FieldsInput } from '../../contracts/common/fields.ts';
import { minorOf, toMinor } from '../ledger/money.ts';
import { getPath, isPresent } from '../../contracts/common/paths.ts';
import type { Failure } from './result.ts';

// Validates a request body against its contract, once, at the edge. Fields are checked in contract
// order, depth first; the first problem wins, as DANA reports one field per reply. Money problems
// are reported without a field name because DANA answers a USD currency with the bare
// "Invalid Field Format" (sandbox-magic-values.md sections 3, 5, 6).

export function validate(body: unknown, fields: Fields): Failure | undefined {
  return validateFields(body, body, fields, '');
}

function validateFields(root: unknown, container: unknown, fields: Fields, prefix: string): Failure | undefined {
  for (const [name, spec] of Object.entries(fields)) {
    const path = prefix + name;
    const value = (container as Record<string, unknown> | undefined)?.[name];
    const failure = validateField(root, value, spec, path);
    if (failure) return failure;
  }
  return undefined;
}

function isMandatory(root: unknown, spec: FieldSpec): boolean {
  if (spec.presence === 'M') return true;
  if (spec.mandatoryUnless) return !spec.mandatoryUnless.some((path) => isPresent(getPath(root, path)));
  return false;
}

const missing = (path: string): Failure => ({ key: 'INVALID_MANDATORY_FIELD', detail: path });
const badFormat = (path?: string): Failure => ({ key: 'INVALID_FIELD_FORMAT', detail: path });
/** DANA's wording names no field here; the reason (X-Debug-Mode, the log) still does. */
const unnamedFormat = (reason: string): Failure => ({ key: 'INVALID_FIELD_FORMAT', reason });

function validateField(root: unknown, value: unknown, spec: FieldSpec, path: string): Failure | undefined {
  if (!isPresent(value)) return isMandatory(root, spec) ? missing(path) : undefined;
  switch (spec.type) {
    case 'string': {
      if (typeof value !== 'string') return badFormat(path);
      if (spec.minLength !== undefined && value.length < spec.minLength) return badFormat(path);
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return badFormat(path);
      if (spec.pattern && !spec.pattern.test(value)) return badFormat(path);
      if (spec.oneOf && !spec.oneOf.includes(value)) return badFormat(path);
      return undefined;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return badFormat(path);
      if (spec.max !== undefined && value > spec.max) return badFormat(path);
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : badFormat(path);
    case 'money': {
      const named = spec.namedErrors ? path : undefined;
      const moneyFormat = (reason: string) => (named ? badFormat(named) : unnamedFormat(reason));
      if (typeof value !== 'object' || Array.isArray(value)) return moneyFormat(`${path} must be {"value": "10000.00", "currency": "IDR"}`);
      const { value: amount, currency } = value as Record<string, unknown>;
      if (!isPresent(amount)) return spec.namedErrors ? badFormat(named) : missing(`${path}.value`);
      if (!isPresent(currency)) return missing(`${path}.currency`);
      if (typeof amount !== 'string' || !MONEY_VALUE.test(amount) || toMinor(amount) === undefined)
        return moneyFormat(`${path}.value ${JSON.stringify(amount)} is not an amount with two decimals such as "10000.00"`);
      if (typeof currency !== 'string' || !(MONEY_CURRENCIES as readonly string[]).includes(currency))
        return moneyFormat(`${path}.currency ${JSON.stringify(currency)} is not one of ${MONEY_CURRENCIES.join(', ')}`);
      return undefined;
    }
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) return badFormat(path);
      return spec.fields ? validateFields(root, value, spec.fields, `${path}.`) : undefined;
    case 'array': {
      if (!Array.isArray(value)) return badFormat(path);
      if (spec.minItems !== undefined && value.length < spec.minItems) return badFormat(path);
      for (let i = 0; i < value.length; i++) {
        const failure = validateField(root, value[i], spec.items, `${path}[${i}]`);
        if (failure) return failure;
      }
      return undefined;
    }
  }
}

/**
 * The handler's input from a body that passed validate(): the members the contract declares that
 * are present (absent, null and "" members are left out, unknown ones too), and beside every Money
 * member `x` its amount in minor units as `xMinor`, converted here once for every handler.
 */
export function inputOf<F extends Fields>(body: unknown, fields: F): FieldsInput<F> {
  return inputFields(body, fields) as FieldsInput<F>;
}

function inputFields(container: unknown, fields: Fields): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields)) {
    const value = (container as Record<string, unknown> | undefined)?.[name];
    if (!isPresent(value)) continue;
    input[name] = inputValue(value, spec);
    if (spec.type === 'money') input[`${name}Minor`] = minorOf((value as { value: string }).value);
  }
  return input;
}

function inputValue(value: unknown, spec: FieldSpec): unknown {
  if (spec.type === 'object' && spec.fields) return inputFields(value, spec.fields);
  if (spec.type === 'array') return (value as unknown[]).map((item) => (isPresent(item) ? inputValue(item, spec.items) : item));
  return value;
}
