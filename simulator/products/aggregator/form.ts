import { fail, isFailure, type Failure } from './render.ts';

// Request parameters as one plain object, whether they came form-encoded (WooshPay's API
// Introduction; Stripe's bracket keys `a[b]=1`, `a[0][b]=x`, `a[]=x`), as JSON (every WooshPay
// endpoint page) or in a GET's query string. Objects have no prototype and keys that could reach
// one (`__proto__`, `constructor`, `prototype`) are refused, so client input never changes ours.

export type Param = string | number | boolean | null | Params | Param[];
export interface Params {
  [name: string]: Param;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function emptyParams(): Params {
  return Object.create(null) as Params;
}

/** The parameters of a request body; `application/json` is read as JSON, anything else as a form. */
export function readParams(contentType: string | undefined, body: string): Params | Failure {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return parseJson(body);
  return parseForm(body);
}

export function parseJson(body: string): Params | Failure {
  if (body.trim() === '') return emptyParams();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return fail('body_unreadable', { format: 'JSON' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail('body_unreadable', { format: 'a JSON object' });
  return copyJson(parsed) as Params | Failure;
}

function copyJson(value: unknown): Param | Failure {
  if (Array.isArray(value)) {
    const list: Param[] = [];
    for (const item of value) {
      const copied = copyJson(item);
      if (isFailure(copied)) return copied;
      list.push(copied);
    }
    return list;
  }
  if (typeof value !== 'object' || value === null) return value as Param;
  const params = emptyParams();
  for (const [name, item] of Object.entries(value)) {
    if (FORBIDDEN.has(name)) return fail('parameter_unknown', { param: name });
    const copied = copyJson(item);
    if (isFailure(copied)) return copied;
    params[name] = copied;
  }
  return params;
}

export function parseForm(body: string): Params | Failure {
  const root = emptyParams();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const cut = pair.indexOf('=');
    const rawName = cut < 0 ? pair : pair.slice(0, cut);
    const rawValue = cut < 0 ? '' : pair.slice(cut + 1);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      return fail('body_unreadable', { format: 'form data' });
    }
    const path = keyPath(name);
    if (!path) return fail('body_unreadable', { format: 'form data' });
    const refused = path.find((segment) => FORBIDDEN.has(segment));
    if (refused !== undefined) return fail('parameter_unknown', { param: name });
    if (!place(root, path, value)) return fail('body_unreadable', { format: 'form data' });
  }
  return arraysOf(root) as Params;
}

/** `a[b][0][]` → ['a', 'b', '0', '']; undefined when the brackets do not pair up. */
function keyPath(name: string): string[] | undefined {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!match) return undefined;
  const rest = [...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!);
  return [match[1]!, ...rest];
}

/** Writes one value; false when a name is used both as a value and as a container. */
function place(root: Params, path: string[], value: string): boolean {
  let node: Params | Param[] = root;
  // The path is never empty (keyPath gives at least the name), so the loop ends on its last segment.
  for (let i = 0; ; i++) {
    const last = i === path.length - 1;
    // `a[]` appends: an array's next free slot.
    const segment = path[i] === '' && Array.isArray(node) ? String(node.length) : path[i]!;
    if (Array.isArray(node) && !/^\d+$/.test(segment)) return false;
    const slot = node as Record<string, Param>;
    if (last) {
      if (typeof slot[segment] === 'object' && slot[segment] !== null) return false;
      slot[segment] = value;
      return true;
    }
    const existing = slot[segment];
    if (existing === undefined) slot[segment] = path[i + 1] === '' ? [] : emptyParams();
    else if (typeof existing !== 'object' || existing === null) return false;
    node = slot[segment] as Params | Param[];
  }
}

/** Objects whose keys are all indexes (`a[0][b]`, `a[1][b]`) become arrays, in index order. */
function arraysOf(value: Param): Param {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(arraysOf);
  if (typeof value !== 'object' || value === null) return value;
  const names = Object.keys(value);
  if (names.length > 0 && names.every((name) => /^\d+$/.test(name))) {
    return names.sort((a, b) => Number(a) - Number(b)).map((name) => arraysOf(value[name]!));
  }
  for (const name of names) value[name] = arraysOf(value[name]!);
  return value;
}

/** An integer parameter, from a JSON number or a decimal string; undefined when absent. */
export function integerParam(params: Params, name: string): number | undefined | Failure {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  return fail('parameter_invalid_integer', { param: name, value: shown(value) });
}

/** A boolean parameter, from JSON `true`/`false` or the strings `"true"`/`"false"`; undefined when absent. */
export function booleanParam(params: Params, name: string): boolean | undefined | Failure {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return fail('parameter_invalid_boolean', { param: name, value: shown(value) });
}

/** A string parameter; numbers are not strings here, as in Stripe's JSON-less form world they never arrive. */
export function stringParam(params: Params, name: string): string | undefined | Failure {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return fail('parameter_invalid_string', { param: name, value: shown(value) });
}

/** The first top-level parameter not in `allowed`, as Stripe's `parameter_unknown`. */
export function rejectUnknown(params: Params, allowed: readonly string[]): Failure | undefined {
  const unknown = Object.keys(params).find((name) => !allowed.includes(name));
  return unknown === undefined ? undefined : fail('parameter_unknown', { param: unknown });
}

function shown(value: Param): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
