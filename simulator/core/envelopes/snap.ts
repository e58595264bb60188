import type { KeyObject } from 'node:crypto';
import { SNAP_REQUEST_HEADERS, SNAP_TIMESTAMP } from '../../../contracts/common/snap-headers.ts';
import type { SnapEndpoint } from '../../../contracts/common/endpoint.ts';
import { TOKEN_REQUEST_HEADERS } from '../../../contracts/auth/b2b-token.ts';
import { verifyAsymmetric, verifySymmetric, verifyTokenRequest } from '../../signature/snap.ts';
import { diagnoseSnap, diagnoseToken, diagnoseTokenRequest, tryDiagnosis, type TokenFacts } from '../../signature/diagnose.ts';
import type { ExternalIdRegistry } from '../external-ids.ts';
import { fail, ok, type Result } from '../result.ts';
import type { Client } from '../route.ts';

// SNAP request authentication in DANA's order (auth.md section 7): header presence, timestamp
// format, client, signature, X-EXTERNAL-ID reuse, then the body is parsed.

export interface SimRequest {
  readonly method: string;
  readonly path: string;
  /** The query (`?a=1`) when there is one: only a product's own API reads it. */
  readonly search?: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export interface KnownClient extends Client {
  readonly publicKey: KeyObject;
}

export interface ClientDirectory {
  find(partnerId: string): KnownClient | undefined;
  /** Every known caller: a failed signature is re-checked against the others' keys (diagnose.ts). */
  all?(): readonly KnownClient[];
}

export interface Authenticated {
  readonly client: KnownClient;
  readonly externalId: string | undefined;
  readonly body: Record<string, unknown>;
  /** The `Authorization-Customer` bearer token (Widget's B2B2C calls), unchecked: products judge it. */
  readonly customerToken?: string;
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

export interface TokenVerifier {
  verify(token: string, clientId: string): boolean;
  /** Whose a refused token is and when it expires (for the failure's diagnosis). */
  inspect?(token: string): TokenFacts;
}

export interface SnapAuthDeps {
  readonly directory: ClientDirectory;
  readonly externalIds: ExternalIdRegistry;
  readonly tokens: TokenVerifier;
  /** The Jakarta day, which scopes X-EXTERNAL-ID uniqueness. */
  readonly day: string;
  /** The simulator clock, to say when a refused token expired. */
  readonly now?: number;
}

function missingHeader(request: SimRequest, names: readonly string[]): string | undefined {
  return names.find((name) => {
    const value = header(request, name);
    return value === undefined || value.trim() === '';
  });
}

function knownCaller(directory: ClientDirectory, partnerId: string, contract: SnapEndpoint): Result<KnownClient> {
  const client = directory.find(partnerId);
  const audience = contract.audience ?? 'merchant';
  if (!client) return fail('UNKNOWN_CLIENT', { reason: `no merchant or bank has partner id "${partnerId}"` });
  if (audience !== 'any' && client.kind !== audience)
    return fail('UNKNOWN_CLIENT', { reason: `partner ${partnerId} is a ${client.kind}; ${contract.key} is called by a ${audience}` });
  return ok(client);
}

function parsedBody(request: SimRequest): Result<Record<string, unknown>> {
  const body = parseJsonObject(request.body);
  return body ? ok(body) : fail('BAD_REQUEST');
}

/**
 * X-TIMESTAMP is a real calendar time: the shape alone lets through `02-31` and `24:00:00`, which
 * Date.parse quietly rolls into the next month or day.
 */
function isCalendarTime(timestamp: string): boolean {
  if (!SNAP_TIMESTAMP.test(timestamp)) return false;
  const [year, month, day, hour, minute, second] = timestamp.slice(0, 19).split(/[-T:]/).map(Number) as number[];
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(timestamp);
  if (offset && (Number(offset[2]) > 14 || Number(offset[3]) > 59)) return false;
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth && hour! <= 23 && minute! <= 59 && second! <= 59;
}

/** `clientId|X-TIMESTAMP` signed with the client's key: the B2B access-token request (auth.md section 4). */
function authenticateTokenRequest(request: SimRequest, contract: SnapEndpoint, deps: SnapAuthDeps): Result<Authenticated> {
  const missing = missingHeader(request, TOKEN_REQUEST_HEADERS);
  if (missing) return fail('INVALID_MANDATORY_FIELD', { detail: missing });
  const timestamp = header(request, 'X-TIMESTAMP') as string;
  if (!isCalendarTime(timestamp)) return fail('INVALID_FIELD_FORMAT', { detail: 'X-TIMESTAMP' });
  const clientId = header(request, 'X-CLIENT-KEY') as string;
  const client = knownCaller(deps.directory, clientId, contract);
  if (!client.ok) return client;
  const signature = header(request, 'X-SIGNATURE') as string;
  if (!verifyTokenRequest(clientId, timestamp, signature, client.value.publicKey))
    return fail(
      'INVALID_SIGNATURE',
      tryDiagnosis(() =>
        diagnoseTokenRequest({ clientId, timestamp, signature, client: client.value, parties: deps.directory.all?.() ?? [] }),
      ),
    );
  const body = parsedBody(request);
  return body.ok ? ok({ client: client.value, externalId: header(request, 'X-EXTERNAL-ID'), body: body.value }) : body;
}

const MANDATORY_HEADERS = SNAP_REQUEST_HEADERS.filter((rule) => rule.mandatory).map((rule) => rule.name);

export function authenticateSnap(request: SimRequest, contract: SnapEndpoint, deps: SnapAuthDeps): Result<Authenticated> {
  if (contract.auth === 'token-request') return authenticateTokenRequest(request, contract, deps);
  const missing = missingHeader(request, MANDATORY_HEADERS);
  if (missing) return fail('INVALID_MANDATORY_FIELD', { detail: missing });
  const timestamp = header(request, 'X-TIMESTAMP') as string;
  if (!isCalendarTime(timestamp)) return fail('INVALID_FIELD_FORMAT', { detail: 'X-TIMESTAMP' });
  const partnerId = header(request, 'X-PARTNER-ID') as string;
  const client = knownCaller(deps.directory, partnerId, contract);
  if (!client.ok) return client;
  const signature = header(request, 'X-SIGNATURE') as string;
  const signed = { method: request.method, path: request.path, body: request.body, timestamp };
  // An Authorization header selects the symmetric scheme (auth.md section 3); without it, asymmetric.
  const authorization = header(request, 'Authorization');
  if (authorization !== undefined) {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (!token) return fail('TOKEN_NOT_FOUND', { reason: 'Authorization is not "Bearer <token>"' });
    const diagnosisInput = {
      ...signed,
      signature,
      accessToken: token,
      client: client.value,
      otherPaths: contract.paths,
      host: header(request, 'host'),
    };
    if (!deps.tokens.verify(token, partnerId))
      return fail(
        'INVALID_TOKEN',
        deps.tokens.inspect ? tryDiagnosis(() => diagnoseToken(diagnosisInput, deps.tokens.inspect!(token), deps.now ?? Date.now())) : {},
      );
    if (!verifySymmetric(signed, token, signature, client.value.clientSecret))
      return fail(
        'INVALID_SIGNATURE',
        tryDiagnosis(() => diagnoseSnap({ ...diagnosisInput, parties: deps.directory.all?.() ?? [] })),
      );
  } else if (!verifyAsymmetric(signed, signature, client.value.publicKey)) {
    return fail(
      'INVALID_SIGNATURE',
      tryDiagnosis(() =>
        diagnoseSnap({
          ...signed,
          signature,
          client: client.value,
          otherPaths: contract.paths,
          host: header(request, 'host'),
          parties: deps.directory.all?.() ?? [],
        }),
      ),
    );
  }
  const externalId = header(request, 'X-EXTERNAL-ID');
  if (externalId && !deps.externalIds.claim(partnerId, externalId, deps.day)) return fail('CONFLICT');
  const body = parsedBody(request);
  const customerToken = bearer(header(request, 'Authorization-Customer'));
  return body.ok ? ok({ client: client.value, externalId, body: body.value, ...(customerToken ? { customerToken } : {}) }) : body;
}

/** The token of a `Bearer <token>` header; a bare token too, as some clients send it. */
function bearer(value: string | undefined): string | undefined {
  const token = value?.trim().replace(/^Bearer\s+/i, '');
  return token ? token : undefined;
}
