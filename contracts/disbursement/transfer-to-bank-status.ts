import type { SnapEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import { SNAP_COMMON_KEYS } from './common.ts';

// Transfer to Bank Inquiry Status, SNAP service 00 (disbursement.md section 9).
export const transferToBankStatus = {
  key: 'transferToBankInquiryStatus',
  title: 'Transfer to Bank Inquiry Status',
  envelope: 'snap',
  serviceCode: '00',
  paths: ['/v1.0/emoney/transfer-bank-status.htm'],
  timeoutMs: 4000,
  request: {
    // The SDK marks both references optional; DANA needs one of them to find the transfer.
    originalPartnerReferenceNo: optional.string({ maxLength: 64, mandatoryUnless: ['originalReferenceNo'] }),
    originalReferenceNo: optional.string({ maxLength: 64 }),
    originalExternalId: optional.string({ maxLength: 36 }),
    serviceCode: mandatory.string({ oneOf: ['00'] }),
    additionalInfo: optional.object(),
  },
  resultKeys: ['SUCCESS', 'TRANSACTION_NOT_FOUND', ...SNAP_COMMON_KEYS],
  echoOnError: ['originalPartnerReferenceNo', 'serviceCode'],
} satisfies SnapEndpoint;
