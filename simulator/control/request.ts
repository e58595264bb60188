import type { Simulator } from '../index.ts';
import { ControlError } from './operations.ts';

// What a control route receives and the small helpers routes share to read it.

export interface ControlRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

export type ControlHandler = (sim: Simulator, request: ControlRequest) => Promise<unknown> | unknown;
export type ControlRoutes = Record<string, ControlHandler>;

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
