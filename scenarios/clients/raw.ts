import { ENDPOINTS } from '../../simulator/products/index.ts';
import { openApiRequest, snapRequest, type MerchantCredentials, type SignedRequest } from '../../simulator/signature/client.ts';
import type { Operation } from '../types.ts';
import { DanaResponseError, type DanaClient } from './types.ts';

// The raw client: dana-sim's own signer over fetch. It can also send what an SDK cannot, such as a
// fake signature or an empty header (a case's `tamper`), and it makes the banks' VA calls.

export interface RawCall {
  readonly operation: Operation;
  readonly request: unknown;
  readonly as: MerchantCredentials;
  readonly tamper?: { readonly headers?: Readonly<Record<string, string>> };
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

function signedFor(call: RawCall): SignedRequest {
  const endpoint = endpointOf(call.operation);
  const signed =
    endpoint.envelope === 'open-api'
      ? openApiRequest({ path: endpoint.paths[0], function: endpoint.function, body: call.request, credentials: call.as })
      : snapRequest({ path: endpoint.paths[0], body: call.request, credentials: call.as });
  return call.tamper?.headers ? { ...signed, headers: { ...signed.headers, ...call.tamper.headers } } : signed;
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
