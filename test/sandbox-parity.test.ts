import { describe, expect, it } from 'vitest';
import { SANDBOX_RULES } from '../contracts/sandbox-rules.ts';
import { bankInquiryBody, createTestSimulator, idr, inquiryBody, PATHS, topUpBody, transferBody, type TestSimulator } from './helpers.ts';

// Every case of sandbox-magic-values.md sections 2-7, with DANA's expected code, message, echoed
// fields and HTTP status (= the code's first three digits). Inputs are the UAT fixture's.

const FAKE_SIGNATURE = '85be817c55b2c135157c7e89f52499bf0c25ad6eeebe04a986e8c862561b19a5';

interface Case {
  readonly name: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly header?: [string, string];
  readonly code: string;
  readonly message: string;
  readonly fields?: Record<string, unknown>;
  /** DANA echoes partnerReferenceNo in every bank-inquiry reply, errors included. */
  readonly echo?: boolean;
}

const CASES: Case[] = [
  { name: 'InquiryCustomerValidData', path: PATHS.inquiry, body: inquiryBody(), code: '2003700', message: 'Successful' },
  {
    name: 'InquiryCustomerFrozenAccount',
    path: PATHS.inquiry,
    body: inquiryBody({ customerNumber: '628123456667' }),
    code: '4033705',
    message: 'Do Not Honor',
    fields: { customerNumber: '628123456667', additionalInfo: { resultMsg: 'PAYEE_USER_STATUS_DISABLE' } },
  },
  {
    name: 'InquiryCustomerUnregisteredAccount',
    path: PATHS.inquiry,
    body: inquiryBody({ customerNumber: '628152768647' }),
    code: '4033705',
    message: 'Do Not Honor',
    fields: { customerNumber: '628152768647', additionalInfo: { resultMsg: 'PAYEE_USER_NOT_EXIST' } },
  },
  {
    name: 'InquiryCustomerExceededLimit',
    path: PATHS.inquiry,
    body: inquiryBody({ amount: idr('210000000.00') }),
    code: '4033702',
    message: 'Exceed maximum limit amount',
  },
  {
    name: 'InquiryCustomerUnauthorizedSignature',
    path: PATHS.inquiry,
    body: inquiryBody({ amount: idr('210000.00') }),
    header: ['x-signature', FAKE_SIGNATURE],
    code: '4013700',
    message: 'Unauthorized. Invalid Signature',
  },
  { name: 'TopUpCustomerValid', path: PATHS.topUp, body: topUpBody(), code: '2003800', message: 'Successful' },
  {
    name: 'TopUpCustomerFrozenAccount',
    path: PATHS.topUp,
    body: topUpBody({ customerNumber: '628996647679' }),
    code: '4033805',
    message: 'Do Not Honor',
  },
  {
    name: 'TopUpCustomerExceedAmountLimit',
    path: PATHS.topUp,
    body: topUpBody({ amount: idr('21000000.00') }),
    code: '4033802',
    message: 'Exceed maximum limit amount',
  },
  {
    name: 'TopUpCustomerMissingMandatoryField',
    path: PATHS.topUp,
    body: topUpBody({ customerNumber: undefined }),
    code: '4003802',
    message: 'Invalid Mandatory Field customerNumber',
  },
  {
    name: 'TopUpCustomerUnauthorizedSignature',
    path: PATHS.topUp,
    body: topUpBody(),
    header: ['x-signature', FAKE_SIGNATURE],
    code: '4013800',
    message: 'Unauthorized. Invalid Signature',
  },
  {
    name: 'TopUpCustomerInvalidFieldFormat',
    path: PATHS.topUp,
    body: topUpBody({ amount: { value: '1.00', currency: 'USD' }, feeAmount: { value: '1.00', currency: 'USD' } }),
    code: '4003801',
    message: 'Invalid Field Format',
  },
  {
    name: 'TopUpCustomerInternalServerError',
    path: PATHS.topUp,
    body: topUpBody({ customerNumber: '628551008794' }),
    code: '5003801',
    message: 'Internal Server Error',
  },
  {
    name: 'TopUpCustomerInternalGeneralError',
    path: PATHS.topUp,
    body: topUpBody({ customerNumber: '628121111111' }),
    code: '5003800',
    message: 'General Error',
  },
  {
    name: 'TopUpCustomerInsufficientFund',
    path: PATHS.topUp,
    body: topUpBody({ amount: idr('1000000000000.00') }),
    code: '4033814',
    message: 'Insufficient Fund',
  },
  {
    name: 'InquiryTopUpStatusInvalidFieldFormat',
    path: PATHS.topUpStatus,
    body: { originalPartnerReferenceNo: 'x', serviceCode: 'ab' },
    code: '4003901',
    message: 'Invalid Field Format serviceCode',
    fields: { serviceCode: 'ab' },
  },
  {
    name: 'InquiryTopUpStatusMissingMandatoryField',
    path: PATHS.topUpStatus,
    body: { originalPartnerReferenceNo: 'x', serviceCode: '38' },
    header: ['x-timestamp', ''],
    code: '4003902',
    message: 'Invalid Mandatory Field X-TIMESTAMP',
  },
  {
    name: 'InquiryTopUpStatusUnauthorizedSignature',
    path: PATHS.topUpStatus,
    body: { originalPartnerReferenceNo: 'x', serviceCode: '38' },
    header: ['x-signature', FAKE_SIGNATURE],
    code: '4013900',
    message: 'Unauthorized. Invalid Signature',
  },
  {
    name: 'InquiryTopUpStatusNotFoundTransaction',
    path: PATHS.topUpStatus,
    body: { originalPartnerReferenceNo: 'test123123', serviceCode: '38' },
    code: '4043901',
    message: 'Transaction Not Found',
  },
  {
    name: 'InquiryBankAccountValidDataAmount',
    path: PATHS.bankInquiry,
    body: bankInquiryBody(),
    code: '2004200',
    message: 'Success',
    echo: true,
  },
  {
    name: 'InquiryBankAccountInsufficientFund',
    path: PATHS.bankInquiry,
    body: bankInquiryBody({ amount: idr('50000000000.00') }),
    code: '4034214',
    message: 'Insufficient Fund',
    echo: true,
  },
  {
    name: 'InquiryBankAccountUnauthorizedSignature',
    path: PATHS.bankInquiry,
    body: bankInquiryBody(),
    header: ['x-signature', FAKE_SIGNATURE],
    code: '4014200',
    message: 'Unauthorized. Invalid Signature',
  },
  {
    name: 'InquiryBankAccountInactiveAccount',
    path: PATHS.bankInquiry,
    body: bankInquiryBody({ beneficiaryAccountNumber: '81298055132' }),
    code: '4034218',
    message: 'Inactive Account Merchant',
    echo: true,
  },
  {
    name: 'InquiryBankAccountInvalidMerchant',
    path: PATHS.bankInquiry,
    body: bankInquiryBody({ customerNumber: '0855100800', beneficiaryAccountNumber: '855100800', amount: idr('1000.00') }),
    code: '4044208',
    message: 'Invalid Merchant',
    echo: true,
  },
  {
    name: 'InquiryBankAccountInvalidCard',
    path: PATHS.bankInquiry,
    body: bankInquiryBody({ beneficiaryAccountNumber: '815919191' }),
    code: '4044211',
    message: 'Invalid Card/Account/Customer Number/Virtual Account',
    echo: true,
  },
  {
    name: 'InquiryBankAccountInvalidFieldFormat',
    path: PATHS.bankInquiry,
    body: bankInquiryBody({ amount: { value: '50000.00', currency: 'USD' } }),
    code: '4004201',
    message: 'Invalid Field Format',
    echo: true,
  },
  {
    name: 'InquiryBankAccountMissingMandatoryField',
    path: PATHS.bankInquiry,
    body: bankInquiryBody({ additionalInfo: { fundType: '', beneficiaryBankCode: '014' } }),
    code: '4004202',
    message: 'Invalid Mandatory Field additionalInfo.fundType',
    echo: true,
  },
  { name: 'DisbursementBankValidAccount', path: PATHS.transfer, body: transferBody(), code: '2004300', message: 'Success' },
  {
    name: 'DisbursementBankValidAccountInProgress',
    path: PATHS.transfer,
    body: transferBody({ additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', needNotify: true } }),
    code: '2024300',
    message: 'Request In Progress',
  },
  {
    name: 'DisbursementBankInsufficientFund',
    path: PATHS.transfer,
    body: transferBody({ amount: idr('1000000000000.00') }),
    code: '4034314',
    message: 'Insufficient Fund',
  },
  {
    name: 'DisbursementBankUnauthorizedSignature',
    path: PATHS.transfer,
    body: transferBody({ amount: idr('100.00') }),
    header: ['x-signature', FAKE_SIGNATURE],
    code: '4014300',
    message: 'Unauthorized. Invalid Signature',
  },
  {
    name: 'DisbursementBankMissingMandatoryField',
    path: PATHS.transfer,
    body: transferBody({ beneficiaryAccountNumber: '', amount: idr('100.00') }),
    code: '4004302',
    message: 'Invalid Mandatory Field beneficiaryAccountNumber',
  },
  {
    name: 'DisbursementBankInvalidFieldFormat',
    path: PATHS.transfer,
    body: transferBody({ amount: { value: '1000.00', currency: 'USD' } }),
    code: '4004301',
    message: 'Invalid Field Format',
  },
  {
    name: 'DisbursementBankInvalidMandatoryFieldFormat',
    path: PATHS.transfer,
    body: transferBody(),
    header: ['x-signature', ''],
    code: '4004302',
    message: 'Invalid Mandatory Field X-SIGNATURE',
  },
  {
    name: 'DisbursementBankSuspectedFraud',
    path: PATHS.transfer,
    body: transferBody({ beneficiaryAccountNumber: '82298055100', amount: idr('100.00') }),
    code: '4034303',
    message: 'Suspected Fraud',
  },
  {
    name: 'DisbursementBankGeneralError',
    path: PATHS.transfer,
    body: transferBody({ beneficiaryAccountNumber: '8121111111', amount: idr('10.00') }),
    code: '5004300',
    message: 'General Error',
  },
  {
    name: 'DisbursementBankUnknownError',
    path: PATHS.transfer,
    body: transferBody({ beneficiaryAccountNumber: '8551008794', amount: idr('100.00') }),
    code: '5004301',
    message: 'Internal Server Error',
  },
  {
    name: 'DisbursementBankInactiveAccount',
    path: PATHS.transfer,
    body: transferBody({ beneficiaryAccountNumber: '81398055100', amount: idr('100.00') }),
    code: '4034318',
    message: 'Inactive Account Merchant',
  },
  {
    name: 'TransferToBankInquiryStatusTransactionNotFound',
    path: PATHS.transferStatus,
    body: { originalPartnerReferenceNo: '3f1c2a7e-5b9d-4c1e-8f2a-9d7b6c5e4a31', serviceCode: '00' },
    code: '4040001',
    message: 'Transaction Not Found',
  },
];

async function send(t: TestSimulator, c: Case) {
  return t.snap(c.path, c.body, (request) =>
    c.header ? { ...request, headers: { ...request.headers, [c.header[0]]: c.header[1] } } : request,
  );
}

describe('sandbox parity (sandbox-magic-values.md sections 2-4)', () => {
  it.each(CASES)('$name -> $code $message', async (c) => {
    const t = await createTestSimulator();
    const reply = await send(t, c);
    expect(reply.body.responseCode).toBe(c.code);
    expect(reply.body.responseMessage).toBe(c.message);
    expect(reply.status).toBe(Number(c.code.slice(0, 3)));
    if (c.fields) expect(reply.body).toMatchObject(c.fields);
    if (c.echo) expect(reply.body.partnerReferenceNo).toBe(c.body.partnerReferenceNo);
  });

  it('DisbursementBankInconsistentRequest: 50000.00 succeeds, the same reference with 2.00 gets 4044318', async () => {
    const t = await createTestSimulator();
    const body = transferBody();
    expect((await t.snap(PATHS.transfer, body)).body.responseCode).toBe('2004300');
    const changed = await t.snap(PATHS.transfer, { ...body, amount: idr('2.00') });
    expect(changed).toMatchObject({ status: 404, body: { responseCode: '4044318', responseMessage: 'Inconsistent Request' } });
  });

  it('TransferToBankInquiryStatusSuccessful: status of a DisbursementBankValidAccount transfer', async () => {
    const t = await createTestSimulator();
    const body = transferBody();
    await t.snap(PATHS.transfer, body);
    const reply = await t.snap(PATHS.transferStatus, { originalPartnerReferenceNo: body.partnerReferenceNo, serviceCode: '00' });
    expect(reply).toMatchObject({ status: 200, body: { responseCode: '2000000', responseMessage: 'Successful' } });
  });

  it('InquiryTopUpStatusValidPaid and ValidFail: 00 after a paid top up, 06 after a 4033802 one', async () => {
    const t = await createTestSimulator();
    const paid = topUpBody();
    const failed = topUpBody({ amount: idr('21000000.00') });
    await t.snap(PATHS.topUp, paid);
    await t.snap(PATHS.topUp, failed);
    const expectations = [
      [paid, '00', 'Success'],
      [failed, '06', 'Failed'],
    ] as const;
    for (const [body, status, description] of expectations) {
      const reply = await t.snap(PATHS.topUpStatus, { originalPartnerReferenceNo: body.partnerReferenceNo, serviceCode: '38' });
      expect(reply.body).toMatchObject({
        responseCode: '2003900',
        responseMessage: 'Successful',
        originalPartnerReferenceNo: body.partnerReferenceNo,
        latestTransactionStatus: status,
        transactionStatusDesc: description,
        additionalInfo: {},
      });
    }
  });

  it('TopUpCustomerIdempotent: three identical calls share referenceNo; a changed amount fails', async () => {
    const t = await createTestSimulator();
    const body = topUpBody({ partnerReferenceNo: `IDEMPOTENT_TEST_${Date.now()}_1` });
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await t.snap(PATHS.topUp, body));
    expect(replies.map((r) => r.body.responseCode)).toEqual(['2003800', '2003800', '2003800']);
    expect(new Set(replies.map((r) => r.body.referenceNo)).size).toBe(1);
    const changed = await t.snap(PATHS.topUp, { ...body, amount: idr('1001.00') });
    expect(changed.status).toBeGreaterThanOrEqual(400);
  });

  it('TopUpCustomerTimeout: the reply arrives only after the client timeout, then the top up has happened', async () => {
    const t = await createTestSimulator({ clientTimeoutMs: 50 });
    const body = topUpBody({ customerNumber: '628551005454' });
    const started = performance.now();
    const reply = await t.snap(PATHS.topUp, body);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    expect(reply.body.responseCode).toBe('2003800');
  });

  it('expresses the magic values as data, not handler code, and switches them off', async () => {
    expect(SANDBOX_RULES.length).toBeGreaterThanOrEqual(7);
    const t = await createTestSimulator({ sandboxRules: false });
    expect((await t.snap(PATHS.topUp, topUpBody({ customerNumber: '628996647679' }))).body.responseCode).toBe('2003800');
    expect((await t.snap(PATHS.inquiry, inquiryBody({ customerNumber: '628152768647' }))).body.responseCode).toBe('2003700');
  });
});
