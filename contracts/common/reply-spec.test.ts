import { describe, expect, it } from 'vitest';
import { mandatory, optional, JAKARTA_DATE_TIME } from './fields.ts';
import { isPlainMessage, replyProblems, type ReplySpec } from './reply-spec.ts';

const SPEC: ReplySpec = {
  source: 'test',
  success: {
    partnerReferenceNo: mandatory.string({ maxLength: 8 }),
    refundAmount: mandatory.money(),
    refundTime: optional.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME }),
    infos: optional.array(mandatory.object({ payMethod: mandatory.string({ oneOf: ['BALANCE'] }) })),
  },
};

const ok = {
  responseCode: '2005800',
  responseMessage: 'Successful',
  partnerReferenceNo: 'ref-1',
  refundAmount: { value: '1.00', currency: 'IDR' },
};

describe('replyProblems (SNAP)', () => {
  it('accepts a reply inside every constraint', () => {
    expect(replyProblems('snap', SPEC, 200, { ...ok, refundTime: '2030-01-01T07:00:00+07:00', infos: [{ payMethod: 'BALANCE' }] })).toEqual(
      [],
    );
  });

  it('names each member outside its constraint', () => {
    const body = { ...ok, partnerReferenceNo: 'far-too-long', refundTime: '2030-01-01T00:00:00Z', infos: [{ payMethod: 'CASH' }] };
    expect(replyProblems('snap', SPEC, 200, body)).toEqual([
      'partnerReferenceNo: 12 characters, the SDK model allows 8',
      'refundTime: "2030-01-01T00:00:00Z" does not match /^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+07:00$/',
      'infos[0].payMethod: "CASH" is not one of BALANCE',
    ]);
  });

  it('requires the mandatory members of a 202 as of a 200, but not of an error', () => {
    const inProgress = { responseCode: '2025800', responseMessage: 'Request In Progress' };
    expect(replyProblems('snap', SPEC, 202, inProgress)).toEqual([
      'partnerReferenceNo: required by the SDK model, absent',
      'refundAmount: required by the SDK model, absent',
    ]);
    expect(replyProblems('snap', SPEC, 404, { responseCode: '4045801', responseMessage: 'Transaction Not Found' })).toEqual([]);
    expect(
      replyProblems('snap', SPEC, 404, {
        responseCode: '4045801',
        responseMessage: 'Transaction Not Found',
        partnerReferenceNo: 'x'.repeat(9),
      }),
    ).toEqual(['partnerReferenceNo: 9 characters, the SDK model allows 8']);
  });

  it('checks the envelope: code shape and HTTP status, message length and plainness, money strings', () => {
    const body = {
      ...ok,
      responseCode: '4005801',
      responseMessage: `Successful. ${'x'.repeat(150)}`,
      refundAmount: { value: 1, currency: 'IDR' },
    };
    expect(replyProblems('snap', SPEC, 200, body)).toEqual([
      'responseMessage: 162 characters, the SDK model allows 150',
      'responseCode: 4005801 does not start with the HTTP status 200',
      expect.stringMatching(/^responseMessage: not a plain server message/),
      'refundAmount.value: not a string (1)',
    ]);
  });
});

describe('replyProblems (Open API and BNI)', () => {
  const head = {
    version: '2.0',
    function: 'dana.merchant.shop.createShop',
    clientId: '1',
    respTime: '2030-01-01T07:00:00+07:00',
    reqMsgId: 'm',
  };
  const spec: ReplySpec = { source: 'test', success: { shopId: mandatory.string({ maxLength: 21 }) } };

  it('requires the success members only when resultStatus is S', () => {
    const failed = { resultStatus: 'F', resultCodeId: '00000004', resultCode: 'PARAM_ILLEGAL', resultMsg: 'param illegal' };
    expect(replyProblems('open-api', spec, 200, { response: { head, body: { resultInfo: failed } }, signature: 's' })).toEqual([]);
    expect(replyProblems('open-api', spec, 200, { response: { head, body: { resultInfo: { ...failed, resultStatus: 'S' } } } })).toEqual([
      'response.body.shopId: required by the SDK model, absent',
    ]);
    expect(
      replyProblems('open-api', spec, 200, {
        response: { head: { ...head, respTime: 'now' }, body: { resultInfo: { ...failed, resultStatus: 'X' } } },
      }),
    ).toEqual([
      expect.stringMatching(/^response\.head\.respTime: "now" does not match/),
      'response.body.resultInfo.resultStatus: "X" is not one of S, F, U',
    ]);
  });

  it('checks a BNI body as a whole', () => {
    const bni: ReplySpec = { source: 'test', success: { status: mandatory.string({ oneOf: ['000'] }) } };
    expect(replyProblems('bni', bni, 200, { status: '000' })).toEqual([]);
    expect(replyProblems('bni', bni, 200, [])).toEqual(['(body): not an object']);
  });
});

describe('isPlainMessage', () => {
  it('lets a field name through but not the guidance newer SDKs append', () => {
    expect(isPlainMessage('Invalid Mandatory Field externalStoreId')).toBe(true);
    expect(isPlainMessage('Unauthorized. Invalid Signature')).toBe(true);
    expect(
      isPlainMessage(
        'Successful. If you want to use QRIS and it is not showing in payment methods, make sure you already fill externalStoreId.',
      ),
    ).toBe(false);
    expect(isPlainMessage('Bad Request. For testing positive case in sandbox use beneficiaryAccountNumber 1234')).toBe(false);
  });
});
