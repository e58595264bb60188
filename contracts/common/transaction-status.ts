// latestTransactionStatus values (disbursement.md section 3), shared by every status API and notify.
export const TRANSACTION_STATUS = {
  SUCCESS: { code: '00', description: 'Success' },
  INITIATED: { code: '01', description: 'Initiated' },
  PAYING: { code: '02', description: 'Paying' },
  PENDING: { code: '03', description: 'Pending' },
  REFUNDED: { code: '04', description: 'Refunded' },
  CANCELLED: { code: '05', description: 'Cancelled' },
  FAILED: { code: '06', description: 'Failed' },
  NOT_FOUND: { code: '07', description: 'Not found' },
} as const;
