import { OPEN_API_ENVELOPE_ROWS } from './open-api-envelope.ts';
import type { BniRow, OpenApiRow } from './rows.ts';

// What Check Disbursement Account (Open API) and the sandbox's BNI deposit top-up answer, written
// by hand (never from contracts/ or simulator/). The digest gives four Open API results
// (merchant.md §2) and the success text `success` (payment-gateway.md §12.4); contracts/README.md
// names the envelope failures and the BNI statuses. Rows marked `pinned` hold values no document
// gives (gateway ids, lower-case texts, BNI messages): they fix today's reply so a change is seen,
// but they are the simulator's word, not DANA's.

export const QUERY_MERCHANT_RESOURCE: readonly OpenApiRow[] = [
  {
    key: 'SUCCESS',
    resultStatus: 'S',
    resultCodeId: '00000000',
    resultCode: 'SUCCESS',
    resultMsg: 'success',
    source: 'merchant.md §2, payment-gateway.md §12.4',
  },
  {
    key: 'PARAM_ILLEGAL',
    resultStatus: 'F',
    resultCodeId: '00000004',
    resultCode: 'PARAM_ILLEGAL',
    resultMsg: 'param illegal requestMerchantId',
    source: 'merchant.md §2; text pinned',
  },
  {
    key: 'PARAM_MISSING',
    resultStatus: 'F',
    resultCodeId: '00000002',
    resultCode: 'PARAM_MISSING',
    resultMsg: 'param missing',
    source: 'pinned',
  },
  {
    key: 'MERCHANT_NOT_EXIST',
    resultStatus: 'F',
    resultCodeId: '12158006901',
    resultCode: 'MERCHANT_NOT_EXIST',
    resultMsg: 'merchant not exist',
    source: 'merchant.md §2; text pinned',
  },
  {
    key: 'SYSTEM_ERROR',
    resultStatus: 'U',
    resultCodeId: '00000900',
    resultCode: 'SYSTEM_ERROR',
    resultMsg: 'system error',
    source: 'merchant.md §2; text pinned',
  },
  ...OPEN_API_ENVELOPE_ROWS,
];

export const BNI_DEPOSIT_TOP_UP: readonly BniRow[] = [
  { key: 'SUCCESS', httpStatus: 200, status: '000', source: 'merchant.md §5' },
  {
    key: 'BNI_INVALID_PARAMETER',
    httpStatus: 200,
    status: '001',
    message: 'Incomplete/invalid Parameter(s) payment_amount',
    source: 'README BNI deposit top-up; text pinned',
  },
  {
    key: 'BNI_INVALID_CLIENT',
    httpStatus: 200,
    status: '002',
    message: 'IP address not allowed or wrong Client ID',
    source: 'README BNI deposit top-up; text pinned',
  },
  { key: 'BNI_INVALID_VA', httpStatus: 200, status: '006', message: 'Invalid VA Number', source: 'README BNI deposit top-up; text pinned' },
  {
    key: 'BNI_TECHNICAL_FAILURE',
    httpStatus: 200,
    status: '008',
    message: 'Technical Failure',
    source: 'README BNI deposit top-up; text pinned',
  },
];
