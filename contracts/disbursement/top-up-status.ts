import type { SnapEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import { SNAP_COMMON_KEYS } from './common.ts';

// Top Up Inquiry Status, SNAP service 39 (disbursement.md section 6).
export const topUpStatus = {
  key: 'transferToDanaInquiryStatus',
  title: 'Top Up Inquiry Status',
  envelope: 'snap',
  serviceCode: '39',
  paths: ['/v1.0/emoney/topup-status.htm', '/rest/v1.0/emoney/topup-status'],
  timeoutMs: 8000,
  request: {
    originalPartnerReferenceNo: mandatory.string({ maxLength: 64 }),
    originalReferenceNo: optional.string({ maxLength: 64 }),
    originalExternalId: optional.string({ maxLength: 36 }),
    // Only the top-up service can be asked about here; UAT sends `ab` and expects 4003901.
    serviceCode: mandatory.string({ oneOf: ['38'] }),
    additionalInfo: optional.object(),
  },
  resultKeys: ['SUCCESS', 'TRANSACTION_NOT_FOUND', ...SNAP_COMMON_KEYS],
  echoOnError: ['originalPartnerReferenceNo', 'serviceCode'],
} satisfies SnapEndpoint;
