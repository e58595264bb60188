import { randomUUID } from 'node:crypto';
import { addBankAccount } from '../../simulator/products/disbursement/operations.ts';
import { bankInquiryBody, idr, PATHS, transferBody, type TestSimulator } from '../helpers.ts';
import { byRule, call, callValid, emptyHeader, magic, real, snapCommon, type Provocations, type SnapTarget } from './provoke.ts';

// How each code of bank account inquiry (svc 42), transfer to bank (43) and its status (00) is
// provoked. Accounts and amounts are DANA's UAT values (sandbox-magic-values.md sections 5-7).

const inquiry: SnapTarget = { endpoint: 'bankAccountInquiry', path: PATHS.bankInquiry, caller: 'merchant', valid: () => bankInquiryBody() };
const transfer: SnapTarget = { endpoint: 'transferToBank', path: PATHS.transfer, caller: 'merchant', valid: () => transferBody() };
const status: SnapTarget = {
  endpoint: 'transferToBankInquiryStatus',
  path: PATHS.transferStatus,
  caller: 'merchant',
  valid: () => ({ originalPartnerReferenceNo: 'any', serviceCode: '00' }),
};

const usd = (value: string) => ({ value, currency: 'USD' });
const inquiryOf = (account: string) => (t: TestSimulator) => call(t, inquiry, bankInquiryBody({ beneficiaryAccountNumber: account }));
const transferTo =
  (account: string, amount = '100.00') =>
  (t: TestSimulator) =>
    call(t, transfer, transferBody({ beneficiaryAccountNumber: account, amount: idr(amount) }));

export const BANK_ACCOUNT_INQUIRY_TRIGGERS: Provocations = {
  ...snapCommon(inquiry),
  SUCCESS: real('the positive account 2460888509 at 014', callValid(inquiry)),
  INSUFFICIENT_FUNDS: real('an amount of 50000000000.00, far above the deposit', (t) =>
    call(t, inquiry, bankInquiryBody({ amount: idr('50000000000.00') })),
  ),
  INACTIVE_ACCOUNT: magic('the account 81298055132', inquiryOf('81298055132')),
  SUSPECTED_FRAUD: real('an account registered with status FRAUD', (t) => {
    addBankAccount(t.sim.runtime.db, t.sim.runtime.seed, { bankCode: '014', accountNumber: '7700112233', status: 'FRAUD' });
    return inquiryOf('7700112233')(t);
  }),
  INVALID_MERCHANT: magic('customerNumber 0855100800 with account 855100800', (t) =>
    call(t, inquiry, bankInquiryBody({ customerNumber: '0855100800', beneficiaryAccountNumber: '855100800', amount: idr('1000.00') })),
  ),
  INVALID_ACCOUNT: magic('the account 815919191', inquiryOf('815919191')),
  INVALID_FIELD_FORMAT: real('an amount in USD', (t) => call(t, inquiry, bankInquiryBody({ amount: usd('50000.00') }))),
  INVALID_MANDATORY_FIELD: real('an empty additionalInfo.fundType', (t) =>
    call(t, inquiry, bankInquiryBody({ additionalInfo: { fundType: '', beneficiaryBankCode: '014' } })),
  ),
};

async function transferThenChange(t: TestSimulator) {
  const body = transferBody();
  await call(t, transfer, body);
  return call(t, transfer, { ...body, amount: idr('2.00') });
}

export const TRANSFER_TO_BANK_TRIGGERS: Provocations = {
  ...snapCommon(transfer),
  SUCCESS: real('a transfer of 50000.00 to the positive account, needNotify false', callValid(transfer)),
  IN_PROGRESS: real('the same transfer with needNotify true', (t) =>
    call(t, transfer, transferBody({ additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', needNotify: true } })),
  ),
  SUSPECTED_FRAUD: magic('the account 82298055100', transferTo('82298055100')),
  INSUFFICIENT_FUNDS: real('a transfer of 1000000000000.00, far above the deposit', transferTo('2460888509', '1000000000000.00')),
  INACTIVE_ACCOUNT: magic('the account 81398055100', transferTo('81398055100')),
  INVALID_ACCOUNT: real('the unknown bank code 999', (t) => call(t, transfer, transferBody({ beneficiaryBankCode: '999' }))),
  INVALID_MERCHANT: byRule('transferToBank', 'INVALID_MERCHANT', callValid(transfer)),
  INCONSISTENT_REQUEST: real('the same partnerReferenceNo again with amount 2.00', transferThenChange),
  INVALID_FIELD_FORMAT: real('an amount in USD', (t) => call(t, transfer, transferBody({ amount: usd('1000.00') }))),
  INVALID_MANDATORY_FIELD: real('an empty beneficiaryAccountNumber', transferTo('')),
  GENERAL_ERROR: magic('the account 8121111111', transferTo('8121111111', '10.00')),
  INTERNAL_SERVER_ERROR: magic('the account 8551008794', transferTo('8551008794')),
};

export const TRANSFER_TO_BANK_STATUS_TRIGGERS: Provocations = {
  ...snapCommon(status),
  SUCCESS: real('the status of a transfer just made', async (t) => {
    const body = transferBody();
    await call(t, transfer, body);
    return call(t, status, { originalPartnerReferenceNo: body.partnerReferenceNo, serviceCode: '00' });
  }),
  TRANSACTION_NOT_FOUND: real('a random UUID as reference', (t) =>
    call(t, status, { originalPartnerReferenceNo: randomUUID(), serviceCode: '00' }),
  ),
  INVALID_FIELD_FORMAT: real('serviceCode ab', (t) => call(t, status, { originalPartnerReferenceNo: 'any', serviceCode: 'ab' })),
  INVALID_MANDATORY_FIELD: real('an empty X-SIGNATURE', (t) => call(t, status, status.valid(t), emptyHeader('X-SIGNATURE'))),
};
