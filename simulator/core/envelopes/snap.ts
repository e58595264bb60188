import type { KeyObject } from 'node:crypto';
import { SNAP_REQUEST_HEADERS, SNAP_TIMESTAMP } from '../../../contracts/common/snap-headers.ts';
import { verifyAsymmetric } from '../../signature/snap.ts';
import type { ExternalIdRegistry } from '../external-ids.ts';
import { fail, ok, type Result } from '../result.ts';
import type { Client } from '../route.ts';

// SNAP request authentication in DANA's order (auth.md section 7): header presence, timestamp
// format, client, signature, X-EXTERNAL-ID reuse, then the body is parsed.

export interface SimRequest {
  readonly method: string;
  readonly path: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export interface KnownClient extends Client {
  readonly publicKey: KeyObject;
}

export interface ClientDirectory {
  find(partnerId: string): KnownClient | undefined;
}

export interface Authenticated {
  readonly client: KnownClient;
  readonly externalId: string | undefined;
  readonly body: Record<string, unknown>;
}

export function header(request: SimRequest, name: string): string | undefined {
  return request.headers[name.toLowerCase()];
}

export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function authenticateSnap(request: SimRequest, directory: ClientDirectory, externalIds: ExternalIdRegistry, day: string): Result<Authenticated> {
  for (const rule of SNAP_REQUEST_HEADERS) {
    const value = header(request, rule.name);
    if (rule.mandatory && (value === undefined || value.trim() === '')) return fail('INVALID_MANDATORY_FIELD', { detail: rule.name });
  }
  const timestamp = header(request, 'X-TIMESTAMP') as string;
  if (!SNAP_TIMESTAMP.test(timestamp) || Number.isNaN(Date.parse(timestamp))) return fail('INVALID_FIELD_FORMAT', { detail: 'X-TIMESTAMP' });
  const partnerId = header(request, 'X-PARTNER-ID') as string;
  const client = directory.find(partnerId);
  if (!client) return fail('UNKNOWN_CLIENT');
  const signature = header(request, 'X-SIGNATURE') as string;
  const signed = { method: request.method, path: request.path, body: request.body, timestamp };
  if (!verifyAsymmetric(signed, signature, client.publicKey)) return fail('INVALID_SIGNATURE');
  const externalId = header(request, 'X-EXTERNAL-ID');
  if (externalId && !externalIds.claim(partnerId, externalId, day)) return fail('CONFLICT');
  const body = parseJsonObject(request.body);
  if (!body) return fail('BAD_REQUEST');
  return ok({ client, externalId, body });
}
