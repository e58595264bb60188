import { OPEN_API_ENVELOPE_ROWS } from '../open-api-envelope.ts';
import type { OracleEntry } from '../response-codes.ts';
import type { OpenApiRow } from '../rows.ts';

// What the eight Merchant Management calls answer (Open API envelope, payment-gateway.md §12), written
// by hand (never from contracts/ or simulator/). DANA gives the success result only (§12.4: S /
// 00000000 / SUCCESS / `success`, the UAT fixture's text) and documents no failure codes; the known
// Open API set of merchant.md §2 stands in, with contracts/README.md's envelope failures. Rows marked
// `pinned` hold values no document gives: they fix today's reply so a change is seen, but they are
// the simulator's word, not DANA's. PARAM_ILLEGAL names the field at fault, as queryMerchantResource's
// does; the simulator answers a missing field with PARAM_ILLEGAL too, so PARAM_MISSING comes from a rule.

const SUCCESS: OpenApiRow = {
  key: 'SUCCESS',
  resultStatus: 'S',
  resultCodeId: '00000000',
  resultCode: 'SUCCESS',
  resultMsg: 'success',
  source: 'payment-gateway.md §12.4 (UAT fixture)',
};

/** Codes that do not depend on which Merchant Management call answers them. */
const SHARED: readonly OpenApiRow[] = [
  {
    key: 'MERCHANT_NOT_EXIST',
    resultStatus: 'F',
    resultCodeId: '12158006901',
    resultCode: 'MERCHANT_NOT_EXIST',
    resultMsg: 'merchant not exist',
    source: 'merchant.md §2 (payment-gateway.md §12.4: the known Open API set); text pinned',
  },
  {
    key: 'SYSTEM_ERROR',
    resultStatus: 'U',
    resultCodeId: '00000900',
    resultCode: 'SYSTEM_ERROR',
    resultMsg: 'system error',
    source: 'merchant.md §2 (payment-gateway.md §12.4: the known Open API set); text pinned',
  },
  ...OPEN_API_ENVELOPE_ROWS,
];

/** Every call answers the same set; only the field its PARAM_ILLEGAL trigger names differs. */
function rowsNaming(illegalField: string): readonly OpenApiRow[] {
  return [
    SUCCESS,
    {
      key: 'PARAM_ILLEGAL',
      resultStatus: 'F',
      resultCodeId: '00000004',
      resultCode: 'PARAM_ILLEGAL',
      resultMsg: `param illegal ${illegalField}`,
      source: 'merchant.md §2 (payment-gateway.md §12.4: the known Open API set); text pinned',
    },
    {
      key: 'PARAM_MISSING',
      resultStatus: 'F',
      resultCodeId: '00000002',
      resultCode: 'PARAM_MISSING',
      resultMsg: 'param missing',
      source: 'pinned',
    },
    ...SHARED,
  ];
}

export const oracle: Readonly<Record<string, OracleEntry>> = {
  queryMerchantInfo: { envelope: 'open-api', rows: rowsNaming('loginType') },
  queryAssetCardList: { envelope: 'open-api', rows: rowsNaming('enableOnly') },
  createShop: { envelope: 'open-api', rows: rowsNaming('merchantId') },
  updateShop: { envelope: 'open-api', rows: rowsNaming('shopId') },
  queryShop: { envelope: 'open-api', rows: rowsNaming('shopId') },
  createDivision: { envelope: 'open-api', rows: rowsNaming('merchantId') },
  updateDivision: { envelope: 'open-api', rows: rowsNaming('divisionId') },
  queryDivision: { envelope: 'open-api', rows: rowsNaming('divisionId') },
};
