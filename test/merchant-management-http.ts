import type { OpenApiEndpoint } from '../contracts/common/endpoint.ts';
import { openApiRequest, type MerchantCredentials, type SignedRequest } from '../simulator/signature/client.ts';
import { http, type TestSimulator } from './helpers.ts';
import { openApiReplySignatureProblem } from './oracle/dana-signature.ts';

// Sends a signed Open API call to a test simulator over HTTP (express adapter) and checks that the
// reply carries a valid DANA signature, as every Open API reply must.

export interface OpenApiReply {
  readonly status: number;
  /** `response.body` of the reply. */
  readonly body: any;
  readonly head: any;
}

export interface SendOptions {
  /** Another merchant's credentials (default: the test simulator's merchant). */
  readonly credentials?: MerchantCredentials;
  /** Changes the signed request before sending, e.g. to break its signature. */
  readonly tweak?: (request: SignedRequest) => SignedRequest;
  /** Sends under another endpoint's head.function. */
  readonly function?: string;
}

export async function sendOpenApi(
  t: TestSimulator,
  contract: OpenApiEndpoint,
  body: unknown,
  options: SendOptions = {},
): Promise<OpenApiReply> {
  const request = openApiRequest({
    path: contract.paths[0]!,
    function: options.function ?? contract.function,
    credentials: options.credentials ?? t.credentials,
    body,
  });
  const signed = options.tweak ? options.tweak(request) : request;
  let call = http(t.sim).post(signed.path);
  for (const [name, value] of Object.entries(signed.headers)) call = call.set(name, value);
  const response = await call.send(signed.body);
  const problem = openApiReplySignatureProblem(response.text, t.sim.danaKeys.publicKeyPem);
  if (problem) throw new Error(`reply to ${contract.key} is not signed by DANA's key: ${problem}`);
  const parsed = JSON.parse(response.text);
  return { status: response.status, body: parsed.response.body, head: parsed.response.head };
}
