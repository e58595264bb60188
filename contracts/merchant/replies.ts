import { mandatory, optional } from '../common/fields.ts';
import type { ReplySpecs } from '../common/reply-spec.ts';
import { BNI_RESULTS } from '../response-codes.ts';

// Reply constraints of the merchant's own endpoints. Check Disbursement Account: dana-python
// `merchant_management/v1/models/query_merchant_resource_response_response_body.py` and
// `merchant_resource_information.py`. The BNI deposit top-up is a sandbox-only BNI e-collection
// callback that no SDK parses: BNI's `{status, message}` shape.

export const MERCHANT_REPLIES = {
  queryMerchantResource: {
    source: 'dana-python QueryMerchantResourceResponseResponseBody, MerchantResourceInformation',
    success: {
      merchantResourceInformations: optional.array(
        mandatory.object({
          resourceType: mandatory.string({ oneOf: ['MERCHANT_DEPOSIT_BALANCE', 'MERCHANT_AVAILABLE_BALANCE', 'MERCHANT_TOTAL_BALANCE'] }),
          value: mandatory.string(),
        }),
      ),
    },
  },
  bniDepositTopUp: {
    source: 'BNI e-collection callback answer (no SDK model): the UAT helper reads only `status`',
    success: {
      status: mandatory.string({ oneOf: Object.values(BNI_RESULTS).map((result) => result.status) }),
      message: optional.string({ maxLength: 256 }),
    },
  },
} satisfies ReplySpecs;
