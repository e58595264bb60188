import { ControlError } from './product.ts';

// Reading a control call's JSON body: required and optional text, URLs. A wrong value is the
// caller's mistake (ControlError, answered 400), never ours.

export function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new ControlError(`${name} is required`);
  return value;
}

export const optionalText = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export function httpUrl(value: unknown, name: string): string | undefined {
  const url = optionalText(value);
  if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) throw new ControlError(`${name} must be an http or https URL`);
  return url;
}

/** What exists, for a "no such X" message: `a, b, c (and 7 more)`, or `none yet`. */
export function namesOf(values: readonly string[], limit = 10): string {
  if (values.length === 0) return 'none yet';
  const shown = values.slice(0, limit).join(', ');
  return values.length > limit ? `${shown} (and ${values.length - limit} more)` : shown;
}

/** What `clock advance` accepts, said the same way by the CLI and the control API. */
export const DURATION_PROBLEM = (got: string) =>
  `duration must be an amount of time such as 90s, 5m, 1h30m or 250ms (units ms, s, m, h, d; the clock only moves forward), got "${got}"`;
