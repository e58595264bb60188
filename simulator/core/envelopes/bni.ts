import { decodeBniData } from '../../signature/bni-codec.ts';
import { fail, ok, type Result } from '../result.ts';
import type { Client } from '../route.ts';
import { parseJsonObject, type SimRequest } from './snap.ts';

// The BNI e-collection envelope of the sandbox's merchant deposit top-up: `{client_id, data}`, where
// data is BNI's encoded JSON (signature/bni-codec.ts). Knowing the client id and secret is the proof.

export interface BniCredentials {
  readonly clientId: string;
  readonly secretKey: string;
}

export function authenticateBni(
  request: SimRequest,
  credentials: BniCredentials,
): Result<{ client: Client; body: Record<string, unknown> }> {
  const outer = parseJsonObject(request.body);
  if (!outer || typeof outer.client_id !== 'string' || typeof outer.data !== 'string')
    return fail('BNI_INVALID_PARAMETER', { message: 'body must be {"client_id": "...", "data": "..."}' });
  if (outer.client_id !== credentials.clientId) return fail('BNI_INVALID_CLIENT');
  const decoded = decodeBniData(outer.data, credentials.clientId, credentials.secretKey);
  const body = decoded && parseJsonObject(decoded.json);
  if (!body) return fail('BNI_INVALID_PARAMETER', { message: 'data cannot be decoded with this client id and secret key' });
  return ok({
    client: { kind: 'bank', partnerId: `bni-${credentials.clientId}`, clientSecret: credentials.secretKey, publicKeyPem: '' },
    body,
  });
}
