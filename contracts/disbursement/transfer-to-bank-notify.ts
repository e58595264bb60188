// Transfer to Bank Notify (webhooks.md sections 1-4): DANA -> merchant when an asynchronous transfer
// reaches a result. Path relative to the merchant's base URL; signed with DANA's key (scheme F).
export const TRANSFER_TO_BANK_NOTIFY = {
  kind: 'transferToBankNotify',
  path: '/v1.0/debit/emoney/transfer-bank/notify.htm',
  serviceCode: '43',
} as const;
