import { OPEN_API_HEAD } from '../../../contracts/common/open-api.ts';
import type { OpenApiEndpoint } from '../../../contracts/common/endpoint.ts';
import { verifyOpenApiEnvelope } from '../../signature/open-api.ts';
import { diagnoseOpenApi, tryDiagnosis } from '../../signature/diagnose.ts';
import { fail, ok, type Result } from '../result.ts';
import { validate } from '../validate.ts';
import { parseJsonObject, type ClientDirectory, type KnownClient, type SimRequest } from './snap.ts';

// Open API envelope authentication (auth.md section 6): envelope shape, head, function, client,
// client secret, then the RSA signature over the `request` text as sent.

export interface OpenApiAuthenticated {
  readonly client: KnownClient;
  readonly head: Record<string, unknown>;
  readonly body: Record<string, unknown>;
}

export interface OpenApiEnvelope {
  readonly head: Record<string, unknown>;
  readonly body: unknown;
  readonly request: unknown;
  readonly signature: unknown;
}

export function parseOpenApiEnvelope(raw: string): OpenApiEnvelope | undefined {
  const envelope = parseJsonObject(raw);
  if (!envelope) return undefined;
  const request = envelope.request as Record<string, unknown> | undefined;
  const head =
    request && typeof request === 'object' && typeof request.head === 'object' && request.head !== null
      ? (request.head as Record<string, unknown>)
      : {};
  return { head, body: request?.body, request, signature: envelope.signature };
}

export function authenticateOpenApi(
  request: SimRequest,
  envelope: OpenApiEnvelope | undefined,
  contract: OpenApiEndpoint,
  directory: ClientDirectory,
): Result<OpenApiAuthenticated> {
  if (!envelope) return fail('MSG_PARSE_ERROR');
  if (typeof envelope.request !== 'object' || envelope.request === null) return fail('PARAM_ILLEGAL', { detail: 'request' });
  const headProblem = validate(envelope.head, OPEN_API_HEAD);
  if (headProblem) return fail('PARAM_ILLEGAL', { detail: `head.${headProblem.detail ?? ''}`.replace(/\.$/, '') });
  if (envelope.head.function !== contract.function) return fail('FUNCTION_MISMATCH');
  const clientId = String(envelope.head.clientId);
  const client = directory.find(clientId);
  const audience = contract.audience ?? 'merchant';
  if (!client) return fail('UNKNOWN_CLIENT', { reason: `no merchant or bank has client id "${clientId}"` });
  if (audience !== 'any' && client.kind !== audience)
    return fail('UNKNOWN_CLIENT', { reason: `client ${clientId} is a ${client.kind}; ${contract.function} is called by a ${audience}` });
  if (envelope.head.clientSecret !== client.clientSecret)
    return fail('VERIFY_CLIENT_SECRET_FAIL', { reason: `head.clientSecret is not the client secret of ${clientId}` });
  if (typeof envelope.signature !== 'string' || envelope.signature === '') return fail('PARAM_ILLEGAL', { detail: 'signature' });
  if (!verifyOpenApiEnvelope(request.body, envelope.request, envelope.signature, client.publicKey)) {
    const parties = directory.all?.() ?? [];
    const signature = envelope.signature;
    return fail(
      'INVALID_SIGNATURE',
      tryDiagnosis(() => diagnoseOpenApi({ raw: request.body, request: envelope.request, signature, client, parties })),
    );
  }
  const body = envelope.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail('PARAM_ILLEGAL', { detail: 'body' });
  return ok({ client, head: envelope.head, body: body as Record<string, unknown> });
}
