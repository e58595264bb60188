import { idr, inquiryBody, PATHS, topUpBody, VALID_CUSTOMER, type TestSimulator } from '../helpers.ts';
import { byRule, call, callValid, magic, real, snapCommon, type Provocations, type SnapTarget } from './provoke.ts';

// How each code of account inquiry (svc 37), top up (38) and top-up status (39) is provoked. The
// amounts and customers are DANA's UAT values (sandbox-magic-values.md sections 2-4).

const inquiry: SnapTarget = { endpoint: 'danaAccountInquiry', path: PATHS.inquiry, caller: 'merchant', valid: () => inquiryBody() };
const topUp: SnapTarget = { endpoint: 'transferToDana', path: PATHS.topUp, caller: 'merchant', valid: () => topUpBody() };
const status: SnapTarget = {
  endpoint: 'transferToDanaInquiryStatus',
  path: PATHS.topUpStatus,
  caller: 'merchant',
  valid: () => ({ originalPartnerReferenceNo: 'any', serviceCode: '38' }),
};

const usd = { value: '1.00', currency: 'USD' };
const withToken = (body: Record<string, unknown>) => {
  const { customerNumber: _dropped, ...rest } = body;
  return { ...rest, additionalInfo: { ...(body.additionalInfo as object), accessToken: 'customer-token-from-binding' } };
};

export const DANA_ACCOUNT_INQUIRY_TRIGGERS: Provocations = {
  ...snapCommon(inquiry),
  SUCCESS: real('a valid inquiry for a UAT customer', callValid(inquiry)),
  EXCEEDS_AMOUNT_LIMIT: magic('amount 210000000.00, above the sandbox cap', (t) =>
    call(t, inquiry, inquiryBody({ amount: idr('210000000.00') })),
  ),
  DO_NOT_HONOR: magic('the frozen customer 628123456667', (t) => call(t, inquiry, inquiryBody({ customerNumber: '628123456667' }))),
  INVALID_CUSTOMER_TOKEN: real('a customer token instead of customerNumber', (t) => call(t, inquiry, withToken(inquiryBody()))),
  INVALID_FIELD_FORMAT: real('an amount in USD', (t) => call(t, inquiry, inquiryBody({ amount: usd }))),
};

async function topUpThenChange(t: TestSimulator) {
  const body = topUpBody();
  await call(t, topUp, body);
  return call(t, topUp, { ...body, amount: idr('4.00') });
}

export const TRANSFER_TO_DANA_TRIGGERS: Provocations = {
  ...snapCommon(topUp),
  SUCCESS: real('a top up of 1.00 to a UAT customer', callValid(topUp)),
  EXCEEDS_AMOUNT_LIMIT: real("a top up of 21000000.00 to a UAT customer holding 100000.00, past the user's balance cap", (t) =>
    call(t, topUp, topUpBody({ amount: idr('21000000.00') })),
  ),
  DO_NOT_HONOR: magic('the frozen customer 628996647679', (t) => call(t, topUp, topUpBody({ customerNumber: '628996647679' }))),
  INSUFFICIENT_FUNDS: real('a top up of 1000000000000.00, far above the deposit', (t) =>
    call(t, topUp, topUpBody({ amount: idr('1000000000000.00') })),
  ),
  INACTIVE_ACCOUNT: byRule('transferToDana', 'INACTIVE_ACCOUNT', callValid(topUp)),
  INCONSISTENT_REQUEST: real('the same partnerReferenceNo again with amount 4.00', topUpThenChange),
  INVALID_CUSTOMER_TOKEN: real('a customer token instead of customerNumber', (t) => call(t, topUp, withToken(topUpBody()))),
  INVALID_FIELD_FORMAT: real('amount and feeAmount in USD', (t) => call(t, topUp, topUpBody({ amount: usd, feeAmount: usd }))),
  INVALID_MANDATORY_FIELD: real('a top up without customerNumber', (t) => call(t, topUp, topUpBody({ customerNumber: undefined }))),
  GENERAL_ERROR: magic('the customer 628121111111', (t) => call(t, topUp, topUpBody({ customerNumber: '628121111111' }))),
  INTERNAL_SERVER_ERROR: magic('the customer 628551008794', (t) => call(t, topUp, topUpBody({ customerNumber: '628551008794' }))),
};

export const TOP_UP_STATUS_TRIGGERS: Provocations = {
  ...snapCommon(status),
  SUCCESS: real('the status of a top up just made', async (t) => {
    const body = topUpBody({ customerNumber: VALID_CUSTOMER });
    await call(t, topUp, body);
    return call(t, status, { originalPartnerReferenceNo: body.partnerReferenceNo, serviceCode: '38' });
  }),
  TRANSACTION_NOT_FOUND: real('the unknown reference test123123', (t) =>
    call(t, status, { originalPartnerReferenceNo: 'test123123', serviceCode: '38' }),
  ),
  INVALID_FIELD_FORMAT: real('serviceCode ab', (t) => call(t, status, { originalPartnerReferenceNo: 'test123123', serviceCode: 'ab' })),
};
