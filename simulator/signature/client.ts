import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { jakartaTimestamp } from '../clock/clock.ts';
import { rsaSign, signAsymmetric, signSymmetric, signTokenRequest } from './snap.ts';

// Builds signed requests the way the official SDKs do. The scenario runner, the CLI and the tests
// use it; negative cases start from a correct request and break one thing.

export interface MerchantCredentials {
  readonly partnerId: string;
  readonly privateKey: string | KeyObject;
  readonly clientSecret?: string;
  readonly channelId?: string;
}

export interface SignedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface SnapRequestOptions {
  readonly path: string;
  readonly body: unknown;
  readonly credentials: MerchantCredentials;
  readonly timestamp?: string;
  readonly externalId?: string;
  /** A B2B access token: sign symmetrically (HMAC-SHA512 with the client secret) and send it as a bearer. */
  readonly accessToken?: string;
}

export function snapRequest(options: SnapRequestOptions): SignedRequest {
  const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const timestamp = options.timestamp ?? jakartaTimestamp(Date.now());
  const signed = { method: 'POST', path: options.path, body, timestamp };
  const signature = options.accessToken
    ? signSymmetric(signed, options.accessToken, options.credentials.clientSecret ?? '')
    : signAsymmetric(signed, options.credentials.privateKey);
  return {
    method: 'POST',
    path: options.path,
    body,
    headers: {
      'content-type': 'application/json',
      'x-timestamp': timestamp,
      'x-signature': signature,
      'x-partner-id': options.credentials.partnerId,
      'x-external-id': options.externalId ?? randomUUID(),
      'channel-id': options.credentials.channelId ?? '95221',
      ...(options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {}),
    },
  };
}

/** The B2B access-token request: `clientId|timestamp` signed with the client's key. */
export function tokenRequest(credentials: MerchantCredentials, timestamp = jakartaTimestamp(Date.now())): SignedRequest {
  return {
    method: 'POST',
    path: '/v1.0/access-token/b2b.htm',
    body: JSON.stringify({ grantType: 'client_credentials', additionalInfo: {} }),
    headers: {
      'content-type': 'application/json',
      'x-timestamp': timestamp,
      'x-client-key': credentials.partnerId,
      'x-signature': signTokenRequest(credentials.partnerId, timestamp, credentials.privateKey),
    },
  };
}

export interface OpenApiRequestOptions {
  readonly path: string;
  readonly function: string;
  readonly body: unknown;
  readonly credentials: MerchantCredentials;
  readonly reqTime?: string;
  readonly reqMsgId?: string;
}

export function openApiRequest(options: OpenApiRequestOptions): SignedRequest {
  const request = {
    head: {
      version: '2.0',
      function: options.function,
      clientId: options.credentials.partnerId,
      clientSecret: options.credentials.clientSecret ?? '',
      reqTime: options.reqTime ?? jakartaTimestamp(Date.now()),
      reqMsgId: options.reqMsgId ?? randomUUID(),
      reserve: '{}',
    },
    body: options.body,
  };
  const text = JSON.stringify(request);
  return {
    method: 'POST',
    path: options.path,
    headers: { 'content-type': 'application/json' },
    body: `{"request":${text},"signature":${JSON.stringify(rsaSign(text, options.credentials.privateKey))}}`,
  };
}
