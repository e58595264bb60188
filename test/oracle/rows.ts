// The shapes of the oracle's rows. Each row is what DANA answers for one code of one endpoint,
// with the place in ../shared/dana-api/ (or contracts/README.md) the value was taken from.

/** A SNAP reply: the 7-digit code, the HTTP status of its first three digits, DANA's exact text. */
export interface SnapRow {
  /** The contract's result key this row pins (contracts/index.ts ENDPOINTS[].resultKeys). */
  readonly key: string;
  readonly responseCode: string;
  readonly httpStatus: number;
  readonly responseMessage: string;
  readonly source: string;
}

/** An Open API reply: HTTP 200, the outcome in response.body.resultInfo. */
export interface OpenApiRow {
  readonly key: string;
  readonly resultStatus: 'S' | 'F' | 'U';
  readonly resultCodeId: string;
  readonly resultCode: string;
  readonly resultMsg: string;
  readonly source: string;
}

/** A BNI e-collection reply: HTTP 200, `{"status"}` plus a message on failures. */
export interface BniRow {
  readonly key: string;
  readonly httpStatus: number;
  readonly status: string;
  /** Absent on success: the reply is `{"status":"000"}` alone. */
  readonly message?: string;
  readonly source: string;
}
