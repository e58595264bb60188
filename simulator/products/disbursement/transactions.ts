import { TRANSACTION_STATUS } from '../../../contracts/common/transaction-status.ts';
import { topUp } from '../../../contracts/disbursement/index.ts';
import { recordKey, type TransactionRecord } from '../../core/idempotency.ts';
import type { Runtime } from '../../core/product.ts';
import { createdAtOf, postingsOf, recordsOf, statusName, type TransactionFacts, type TransactionRow } from '../../core/transactions.ts';
import { MERCHANTS, type MerchantRecord } from '../../parties/merchants.ts';
import { FAMILY as TRANSFER_FAMILY, type TransferDetails } from './bank-transfers.ts';

// Disbursement's part of the dashboard's transaction list: top ups to DANA users and transfers to
// bank accounts, with the postings each made. A transfer still in progress can be completed or
// failed by hand (POST /__sim/transfers/complete).

/** What top ups and transfers show alike; a rejected request kept for its status (06) has no details. */
function disbursementItem(runtime: Runtime, kind: string, record: TransactionRecord): Omit<TransactionFacts, 'counterparty' | 'actions'> {
  const key = recordKey(record.family, record.partnerId, record.partnerReferenceNo);
  return {
    kind,
    id: `${kind}:${record.partnerId}:${record.partnerReferenceNo}`,
    merchantId: merchantIdOf(runtime, record),
    partnerId: record.partnerId,
    partnerReferenceNo: record.partnerReferenceNo,
    ...(record.referenceNo ? { referenceNo: record.referenceNo } : {}),
    status: statusName(TRANSACTION_STATUS, record.status),
    statusCode: record.status,
    amount: record.amount ?? null,
    ...createdAtOf(record.createdAt),
    postings: postingsOf(runtime.db, key),
  };
}

function topUps(runtime: Runtime): TransactionRow[] {
  return recordsOf(runtime.db, topUp.idempotency.family).map((record) =>
    rowOf(runtime, record, () => {
      const customerNumber = record.details?.customerNumber;
      return {
        ...disbursementItem(runtime, 'topup', record),
        ...(typeof customerNumber === 'string' ? { counterparty: customerNumber } : {}),
        ...(record.details?.feeAmount ? { feeAmount: record.details.feeAmount } : {}),
        actions: [],
      };
    }),
  );
}

function transfers(runtime: Runtime): TransactionRow[] {
  return recordsOf(runtime.db, TRANSFER_FAMILY).map((record) =>
    rowOf(runtime, record, () => {
      const details = record.details as TransferDetails | undefined;
      return {
        ...disbursementItem(runtime, 'transfer', record),
        ...(details ? { counterparty: `${details.beneficiaryBankCode} ${details.beneficiaryAccountNumber}` } : {}),
        actions: record.status === TRANSACTION_STATUS.PENDING.code ? ['complete', 'fail'] : [],
      };
    }),
  );
}

const merchantIdOf = (runtime: Runtime, record: TransactionRecord) =>
  runtime.db.get<MerchantRecord>(MERCHANTS, record.partnerId)?.merchantId ?? null;

/** What the list sorts and filters on, without building the item (core/transactions.ts). */
function rowOf(runtime: Runtime, record: TransactionRecord, build: TransactionRow['build']): TransactionRow {
  return { createdAtMs: record.createdAt, partnerId: record.partnerId, merchantId: merchantIdOf(runtime, record), build };
}

export const DISBURSEMENT_TRANSACTIONS = { topup: topUps, transfer: transfers };
