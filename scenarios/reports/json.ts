import type { RunResult } from '../types.ts';
import { redact } from '../../simulator/core/redact.ts';

/** The whole run as pretty JSON (2 spaces, trailing newline), secrets redacted. */
export function jsonReport(run: RunResult): string {
  return JSON.stringify(redact(run), (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2) + '\n';
}
