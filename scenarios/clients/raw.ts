import { ENDPOINTS } from '../../simulator/products/index.ts';
import { openApiRequest, snapRequest, type MerchantCredentials, type SignedRequest } from '../../simulator/signature/client.ts';
import { signTokenRequest } from '../../simulator/signature/snap.ts';
import { jakartaTimestamp } from '../../simulator/clock/clock.ts';
import type { Operation } from '../types.ts';
import { DanaResponseError, type DanaClient } from './types.ts';

// The raw client: dana-sim's own signer over fetch. It can also send what an SDK cannot, such as a
// fake signature or an empty header (a case's `tamper`), and it makes the banks' VA calls.

export interface RawCall {
  readonly operation: Operation;
  /** One of the endpoint's paths (a product's own variant); default its first. */
  readonly path?: string;
  readonly request: unknown;
  readonly as: MerchantCredentials;
  readonly tamper?: { readonly headers?: Readonly<Record<string, string>> };
  /** Headers outside the signature, e.g. the runner's X-Dana-Sim-Run. */
  readonly extraHeaders?: Readonly<Record<string, string>>;
}

export interface RawReply {
  readonly status: number;
  readonly body: unknown;
  readonly sent: SignedRequest;
}

function endpointOf(operation: Operation) {
  const endpoint = ENDPOINTS.find((candidate) => candidate.key === operation);
  if (!endpoint) throw new Error(`no endpoint ${operation}`);
  return endpoint;
}

/** A token request (B2B, Widget's Apply Token): `<clientId>|<X-TIMESTAMP>` signed, as dana-node 1.5.11 sends Apply Token. */
function tokenRequestFor(path: string, body: unknown, as: MerchantCredentials): SignedRequest {
  const timestamp = jakartaTimestamp(Date.now());
  return {
    method: 'POST',
    path,
    body: JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      'x-timestamp': timestamp,
      'x-client-key': as.partnerId,
      'x-signature': signTokenRequest(as.partnerId, timestamp, as.privateKey),
    },
  };
}

/** The customer token of a B2B2C call, also in Authorization-Customer as the SDKs send it (they keep it in the body too). */
function customerTokenOf(request: unknown): string | undefined {
  const token = (request as { additionalInfo?: { accessToken?: unknown } } | undefined)?.additionalInfo?.accessToken;
  return typeof token === 'string' && token ? token : undefined;
}

function signedFor(call: RawCall): SignedRequest {
  const endpoint = endpointOf(call.operation);
  const path = call.path ?? endpoint.paths[0];
  if (!endpoint.paths.includes(path)) throw new Error(`${call.operation} is not served at ${path}`);
  let signed: SignedRequest;
  if (endpoint.envelope === 'open-api')
    signed = openApiRequest({ path, function: endpoint.function, body: call.request, credentials: call.as });
  else if (endpoint.envelope === 'snap' && endpoint.auth === 'token-request') signed = tokenRequestFor(path, call.request, call.as);
  else {
    signed = snapRequest({ path, body: call.request, credentials: call.as });
    const token = customerTokenOf(call.request);
    if (token) signed = { ...signed, headers: { ...signed.headers, 'authorization-customer': `Bearer ${token}` } };
  }
  const extra = { ...call.extraHeaders, ...call.tamper?.headers };
  return Object.keys(extra).length ? { ...signed, headers: { ...signed.headers, ...extra } } : signed;
}

export async function sendRaw(baseUrl: string, call: RawCall): Promise<RawReply> {
  const sent = signedFor(call);
  const response = await fetch(baseUrl + sent.path, {
    method: 'POST',
    headers: sent.headers,
    body: sent.body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // A non-JSON reply (a gateway page) is reported as text.
  }
  return { status: response.status, body, sent };
}

/** The raw signer as an adapter: returns 2xx bodies, throws DanaResponseError otherwise. */
export function rawClient(baseUrl: string, merchant: MerchantCredentials): DanaClient {
  const client: DanaClient = {};
  for (const endpoint of ENDPOINTS) {
    client[endpoint.key as Operation] = async (request: unknown) => {
      const reply = await sendRaw(baseUrl, { operation: endpoint.key as Operation, request, as: merchant });
      if (reply.status < 200 || reply.status > 299) throw new DanaResponseError(reply.status, reply.body);
      return reply.body;
    };
  }
  return client;
}
