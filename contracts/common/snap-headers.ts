// SNAP request headers the simulator checks, in the order it checks them (auth.md sections 2.3 and 7).
// Presence checks run before signature verification: DANA answers an empty X-TIMESTAMP with
// 400xx02 even when the request also carries a signature.

export interface HeaderRule {
  readonly name: string;
  /** Checked only for presence; format checks live with the scheme that owns the header. */
  readonly mandatory: boolean;
}

export const SNAP_REQUEST_HEADERS: readonly HeaderRule[] = [
  { name: 'X-TIMESTAMP', mandatory: true },
  { name: 'X-SIGNATURE', mandatory: true },
  { name: 'X-PARTNER-ID', mandatory: true },
  { name: 'X-EXTERNAL-ID', mandatory: true },
  // DANA documents 1-5 characters, but dana-node and dana-java send `<partnerId>-SERVER`, so only
  // presence is enforced.
  { name: 'CHANNEL-ID', mandatory: true },
];

/**
 * X-TIMESTAMP: ISO-8601 with `T`, seconds and an offset (`+07:00`, any `±HH:MM`, or `Z`). DANA
 * documents `+07:00`, but dana-node sends host-local time, so every offset is accepted and clock
 * skew is never checked (dana-api/README.md convention 3).
 */
export const SNAP_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})$/;
