import type { Operation } from '../types.ts';

// The adapter interface a merchant implements to run the UAT cases through their own integration
// layer: one async function per API operation. Each takes DANA's request object (exactly what the
// case file says, placeholders filled) and returns the parsed response body. When DANA answers with an
// error, the function throws an error carrying the HTTP status and the raw response body, as the
// official SDKs' ResponseError does. Operations an adapter does not implement are sent by the raw
// signer instead (banks' VA calls, for example, which no merchant SDK has).

export type DanaClient = Partial<Record<Operation, (request: unknown) => Promise<unknown>>>;

export interface Credentials {
  readonly partnerId: string;
  readonly privateKey: string;
  readonly clientSecret: string;
  readonly origin?: string;
}

export interface ClientContext {
  /** Where DANA is (the official SDKs ignore it: their hosts are intercepted instead). */
  readonly baseUrl: string;
  readonly merchant: Credentials & { readonly merchantId: string };
}

/** What an adapter module exports: `export default function createClient(context) { ... }` (or a named `createClient`). */
export type ClientFactory = (context: ClientContext) => DanaClient | Promise<DanaClient>;

/** An error the runner understands: the HTTP status and the raw body DANA sent. */
export class DanaResponseError extends Error {
  constructor(
    readonly status: number,
    readonly rawResponse: unknown,
  ) {
    super(`DANA answered HTTP ${status}`);
    this.name = 'DanaResponseError';
  }
}

/** Reads status and raw body from any thrown error shaped like DanaResponseError or dana-node's ResponseError. */
export function responseOf(error: unknown): { status?: number; body?: unknown } | undefined {
  if (error && typeof error === 'object' && 'rawResponse' in error) {
    const { status, rawResponse } = error as { status?: number; rawResponse?: unknown };
    return { status, body: rawResponse };
  }
  return undefined;
}
