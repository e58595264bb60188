import { ok, type Result } from '../../core/result.ts';
import type { Handled, RequestContext } from '../../core/route.ts';
import type { TransactionRecord } from '../../core/idempotency.ts';
import { findTransaction } from '../disbursement/status-reply.ts';
import { ORDER_FAMILY } from './orders.ts';

// What Cancel Order and Refund Order share: finding the order they name, the order facts their
// replies echo, and the 202 reply of a request the sandbox answers as in progress.

/** The caller's order by originalPartnerReferenceNo; a given originalReferenceNo must match it. */
export function findOrder(
  context: RequestContext,
  input: { readonly originalPartnerReferenceNo: string; readonly originalReferenceNo?: string },
): TransactionRecord | undefined {
  const record = findTransaction(context, ORDER_FAMILY, input);
  if (!record || (input.originalReferenceNo && record.referenceNo !== input.originalReferenceNo)) return undefined;
  return record;
}

/** The SDK reply models cap originalExternalId at 36 (cancel, refund) or 32 (query): longer ones are left out. */
export function externalIdWithin(record: TransactionRecord, maxLength: number): { originalExternalId?: string } {
  return record.externalId && record.externalId.length <= maxLength ? { originalExternalId: record.externalId } : {};
}

export function orderEcho(record: TransactionRecord): Record<string, unknown> {
  return {
    originalPartnerReferenceNo: record.partnerReferenceNo,
    originalReferenceNo: record.referenceNo,
    ...externalIdWithin(record, 36),
  };
}

/** 202: nothing happened; the fields are those the SDK's success model requires. */
export function inProgress(fields: Record<string, unknown>): Result<Handled> {
  return ok({ reply: { key: 'IN_PROGRESS', fields } });
}
