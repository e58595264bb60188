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
