import type { ResultKey } from '../../contracts/response-codes.ts';
import type { Diagnosis } from '../signature/diagnose.ts';

// Ok | Fail(catalogue key): the only failure channel. Handlers return these; they throw only for bugs.

export interface Failure {
  readonly key: ResultKey;
  /** Appended to the catalogue message after a space, e.g. the field name of a format error. */
  readonly detail?: string;
  /** Replaces the catalogue message (rules may do this; handlers should not). */
  readonly message?: string;
  /** Extra body members DANA sends with this failure, e.g. additionalInfo.resultMsg. */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Why a signature or token was refused (signature/diagnose.ts); never in DANA's reply wording. */
  readonly diagnosis?: Diagnosis;
  /** Why, for people (log, X-Debug-Mode), when detail does not say it all; never in DANA's reply wording. */
  readonly reason?: string;
}

export interface Success<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Fail {
  readonly ok: false;
  readonly failure: Failure;
}

export type Result<T> = Success<T> | Fail;

export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function fail(key: ResultKey, extra: Omit<Failure, 'key'> = {}): Fail {
  return { ok: false, failure: { key, ...extra } };
}
