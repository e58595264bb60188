import { TRANSACTION_STATUS } from '../../../contracts/common/transaction-status.ts';
import { BY_REFERENCE_NO, TRANSACTIONS, recordKey, type TransactionRecord } from '../../core/idempotency.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Reply, RequestContext } from '../../core/route.ts';

// The inquiry-status reply shared by top up (svc 39) and transfer to bank (svc 00): find the
// transaction, check the optional references, report latestTransactionStatus.

export interface StatusQuery {
  readonly originalPartnerReferenceNo?: string;
  readonly originalReferenceNo?: string;
  readonly originalExternalId?: string;
}

export function describeStatus(status: string): string {
  return Object.values(TRANSACTION_STATUS).find((entry) => entry.code === status)?.description ?? 'Unknown';
}

/** By the merchant's reference, or, when only DANA's was given, through the referenceNo index. */
export function findTransaction(context: RequestContext, family: string, query: StatusQuery): TransactionRecord | undefined {
  const { db } = context.services;
  if (query.originalPartnerReferenceNo)
    return db.get<TransactionRecord>(TRANSACTIONS, recordKey(family, context.client.partnerId, query.originalPartnerReferenceNo));
  if (!query.originalReferenceNo) return undefined;
  return db
    .find(BY_REFERENCE_NO, `${family}\u0000${query.originalReferenceNo}`)
    .find((record) => record.partnerId === context.client.partnerId);
}

export function statusReply(context: RequestContext, family: string, serviceCode: string, query: StatusQuery): Result<Reply> {
  const record = findTransaction(context, family, query);
  if (!record) return fail('TRANSACTION_NOT_FOUND');
  // The optional references narrow the lookup; a mismatch means the merchant asks about another transaction.
  if (query.originalReferenceNo && record.referenceNo && query.originalReferenceNo !== record.referenceNo)
    return fail('TRANSACTION_NOT_FOUND');
  if (query.originalExternalId && record.externalId && query.originalExternalId !== record.externalId) return fail('TRANSACTION_NOT_FOUND');
  return ok({
    key: 'SUCCESS',
    fields: {
      originalPartnerReferenceNo: record.partnerReferenceNo,
      ...(record.referenceNo ? { originalReferenceNo: record.referenceNo } : {}),
      ...(record.externalId ? { originalExternalId: record.externalId } : {}),
      serviceCode,
      amount: record.amount,
      latestTransactionStatus: record.status,
      transactionStatusDesc: describeStatus(record.status),
      additionalInfo: {},
    },
  });
}
