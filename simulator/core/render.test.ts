import { describe, expect, it } from 'vitest';
import type { BniEndpoint, OpenApiEndpoint, SnapEndpoint } from '../../contracts/common/endpoint.ts';
import { verifyOpenApiEnvelope } from '../signature/open-api.ts';
import { generateRsaKeyPair, toPrivateKey } from '../signature/keys.ts';
import { openApiKeyOf, renderBni, renderOpenApi, renderSnap, renderUnknownRoute, snapMessage, type Outcome } from './render.ts';

const SNAP: SnapEndpoint = {
  envelope: 'snap',
  key: 'topUp',
  title: 'Top Up',
  paths: ['/topup'],
  timeoutMs: 1000,
  request: {},
  serviceCode: '38',
  resultKeys: [],
};

const OPEN_API: OpenApiEndpoint = {
  envelope: 'open-api',
  key: 'queryMerchantResource',
  title: 'Query',
  paths: ['/query'],
  timeoutMs: 1000,
  request: {},
  function: 'dana.merchant.queryMerchantResource',
  resultKeys: [],
};

const BNI: BniEndpoint = { envelope: 'bni', key: 'bni', title: 'BNI', paths: ['/bni'], timeoutMs: 1000, request: {}, resultKeys: [] };

const failure = (key: string, extra: Record<string, unknown> = {}): Outcome => ({ ok: false, failure: { key, ...extra } as never });
const success = (fields: Record<string, unknown> = {}, key: 'SUCCESS' | 'IN_PROGRESS' = 'SUCCESS'): Outcome => ({
  ok: true,
  reply: { key, fields },
});
/** 2030-05-01T10:04:05+07:00 in Jakarta. */
const NOW = Date.UTC(2030, 4, 1, 3, 4, 5);
const parsed = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('snapMessage', () => {
  it('uses the catalogue message when neither the failure nor the endpoint words it', () => {
    expect(snapMessage(SNAP, { key: 'INSUFFICIENT_FUNDS' })).toBe('Insufficient Fund');
  });

  it('prefers the endpoint wording over the catalogue', () => {
    expect(snapMessage({ ...SNAP, messages: { INSUFFICIENT_FUNDS: 'Insufficient Balance' } }, { key: 'INSUFFICIENT_FUNDS' })).toBe(
      'Insufficient Balance',
    );
  });

  it('prefers the failure message over the endpoint wording', () => {
    expect(
      snapMessage(
        { ...SNAP, messages: { INSUFFICIENT_FUNDS: 'Insufficient Balance' } },
        { key: 'INSUFFICIENT_FUNDS', message: 'Rule said so' },
      ),
    ).toBe('Rule said so');
  });

  it('appends the detail after one space, and nothing for an empty detail', () => {
    expect(snapMessage(SNAP, { key: 'INVALID_FIELD_FORMAT', detail: 'amount' })).toBe('Invalid Field Format amount');
    expect(snapMessage(SNAP, { key: 'INVALID_FIELD_FORMAT', detail: '' })).toBe('Invalid Field Format');
  });
});

describe('renderSnap', () => {
  it('renders a success with the service code, message, status 200 and the reply fields', () => {
    const reply = renderSnap(SNAP, success({ referenceNo: '123' }), undefined, NOW);
    expect(reply.status).toBe(200);
    expect(reply.headers).toEqual({ 'content-type': 'application/json', 'x-timestamp': '2030-05-01T10:04:05+07:00' });
    expect(parsed(reply.body)).toEqual({ responseCode: '2003800', responseMessage: 'Successful', referenceNo: '123' });
  });

  it('renders an accepted asynchronous request as 202 In Progress', () => {
    const reply = renderSnap(SNAP, success({}, 'IN_PROGRESS'), undefined, NOW);
    expect(reply.status).toBe(202);
    expect(parsed(reply.body)).toEqual({ responseCode: '2023800', responseMessage: 'Request In Progress' });
  });

  it('uses the endpoint wording of a success', () => {
    const reply = renderSnap({ ...SNAP, messages: { SUCCESS: 'Success' } }, success(), undefined, NOW);
    expect(parsed(reply.body).responseMessage).toBe('Success');
  });

  it('renders a failure with its HTTP status, code, message and detail', () => {
    const reply = renderSnap(SNAP, failure('INVALID_MANDATORY_FIELD', { detail: 'X-TIMESTAMP' }), undefined, NOW);
    expect(reply.status).toBe(400);
    // Errors carry X-TIMESTAMP too: the SNAP standard makes it mandatory on every transaction response.
    expect(reply.headers).toEqual({ 'content-type': 'application/json', 'x-timestamp': '2030-05-01T10:04:05+07:00' });
    expect(parsed(reply.body)).toEqual({ responseCode: '4003802', responseMessage: 'Invalid Mandatory Field X-TIMESTAMP' });
  });

  it('renders business and server failures with their own statuses', () => {
    expect(renderSnap(SNAP, failure('INSUFFICIENT_FUNDS'), undefined, NOW).status).toBe(403);
    expect(parsed(renderSnap(SNAP, failure('INSUFFICIENT_FUNDS'), undefined, NOW).body).responseCode).toBe('4033814');
    expect(renderSnap(SNAP, failure('GENERAL_ERROR'), undefined, NOW).status).toBe(500);
    expect(renderSnap(SNAP, failure('TIMEOUT'), undefined, NOW).status).toBe(504);
  });

  it('applies the endpoint wording and a failure message override', () => {
    const worded = { ...SNAP, messages: { DO_NOT_HONOR: 'Account blocked' } };
    expect(parsed(renderSnap(worded, failure('DO_NOT_HONOR'), undefined, NOW).body).responseMessage).toBe('Account blocked');
    expect(parsed(renderSnap(worded, failure('DO_NOT_HONOR', { message: 'Custom' }), undefined, NOW).body).responseMessage).toBe('Custom');
  });

  it("applies a path's wording on that path only: its messages and the catalogue entry it answers with", () => {
    const worded: SnapEndpoint = {
      ...SNAP,
      paths: ['/topup', '/other/topup'],
      messages: { SUCCESS: 'Success' },
      pathWording: {
        '/other/topup': { messages: { SUCCESS: 'Done', INVALID_BILL: 'Invalid Bill' }, keys: { TRANSACTION_NOT_FOUND: 'INVALID_BILL' } },
      },
    };
    expect(parsed(renderSnap(worded, success(), undefined, NOW, '/topup').body).responseMessage).toBe('Success');
    expect(parsed(renderSnap(worded, success(), undefined, NOW, '/other/topup').body).responseMessage).toBe('Done');
    expect(parsed(renderSnap(worded, failure('TRANSACTION_NOT_FOUND'), undefined, NOW, '/topup').body)).toEqual({
      responseCode: '4043801',
      responseMessage: 'Transaction Not Found',
    });
    const other = renderSnap(worded, failure('TRANSACTION_NOT_FOUND'), undefined, NOW, '/other/topup');
    expect(other.status).toBe(404);
    expect(parsed(other.body)).toEqual({ responseCode: '4043812', responseMessage: 'Invalid Bill' });
    expect(snapMessage(worded, { key: 'SUCCESS' }, '/other/topup')).toBe('Done');
    expect(snapMessage(worded, { key: 'SUCCESS' })).toBe('Success');
  });

  it('echoes present scalar request fields on errors, nested ones at their path', () => {
    const contract = { ...SNAP, echoOnError: ['partnerReferenceNo', 'additionalInfo.fundType', 'amount', 'missing', 'empty', 'nothing'] };
    const request = { partnerReferenceNo: 'ref-1', additionalInfo: { fundType: 'X' }, amount: { value: '1.00' }, empty: '', nothing: null };
    const body = parsed(renderSnap(contract, failure('DO_NOT_HONOR'), request, NOW).body);
    expect(body).toEqual({
      responseCode: '4033805',
      responseMessage: 'Do Not Honor',
      partnerReferenceNo: 'ref-1',
      additionalInfo: { fundType: 'X' },
    });
  });

  it('echoes numbers and booleans too', () => {
    const contract = { ...SNAP, echoOnError: ['count', 'flag'] };
    expect(parsed(renderSnap(contract, failure('DO_NOT_HONOR'), { count: 0, flag: false }, NOW).body)).toMatchObject({
      count: 0,
      flag: false,
    });
  });

  it('never echoes on success', () => {
    const contract = { ...SNAP, echoOnError: ['partnerReferenceNo'] };
    expect(parsed(renderSnap(contract, success(), { partnerReferenceNo: 'ref-1' }, NOW).body)).toEqual({
      responseCode: '2003800',
      responseMessage: 'Successful',
    });
  });

  it('adds the failure fields at their dotted paths, after the echo', () => {
    const contract = { ...SNAP, echoOnError: ['partnerReferenceNo'] };
    const body = parsed(
      renderSnap(
        contract,
        failure('DO_NOT_HONOR', { fields: { 'additionalInfo.resultMsg': 'why', partnerReferenceNo: 'over' } }),
        {
          partnerReferenceNo: 'ref-1',
        },
        NOW,
      ).body,
    );
    expect(body).toEqual({
      responseCode: '4033805',
      responseMessage: 'Do Not Honor',
      partnerReferenceNo: 'over',
      additionalInfo: { resultMsg: 'why' },
    });
  });

  it('refuses an Open API or BNI key, which only a bug can route to a SNAP endpoint', () => {
    expect(() => renderSnap(SNAP, failure('PARAM_ILLEGAL'), undefined, NOW)).toThrow('PARAM_ILLEGAL is not a SNAP result');
    expect(() => renderSnap(SNAP, failure('BNI_INVALID_VA'), undefined, NOW)).toThrow('BNI_INVALID_VA is not a SNAP result');
  });
});

describe('openApiKeyOf', () => {
  it('keeps Open API keys, including those SNAP shares', () => {
    expect(openApiKeyOf('PARAM_ILLEGAL')).toBe('PARAM_ILLEGAL');
    expect(openApiKeyOf('UNKNOWN_CLIENT')).toBe('UNKNOWN_CLIENT');
  });

  it('maps SNAP keys to their Open API equivalent', () => {
    expect(openApiKeyOf('INVALID_MANDATORY_FIELD')).toBe('PARAM_ILLEGAL');
    expect(openApiKeyOf('BAD_REQUEST')).toBe('MSG_PARSE_ERROR');
    expect(openApiKeyOf('INVALID_MERCHANT')).toBe('MERCHANT_NOT_EXIST');
  });

  it('falls back to SYSTEM_ERROR for keys without an equivalent', () => {
    expect(openApiKeyOf('INSUFFICIENT_FUNDS')).toBe('SYSTEM_ERROR');
    expect(openApiKeyOf('BNI_INVALID_VA')).toBe('SYSTEM_ERROR');
  });
});

describe('renderBni', () => {
  it('answers a success with status 000 and the reply fields, over HTTP 200', () => {
    const reply = renderBni(BNI, success({ trx_id: 't1' }));
    expect(reply.status).toBe(200);
    expect(reply.headers).toEqual({ 'content-type': 'application/json' });
    expect(parsed(reply.body)).toEqual({ status: '000', trx_id: 't1' });
  });

  it('answers a BNI failure with its status and message, still HTTP 200', () => {
    const reply = renderBni(BNI, failure('BNI_INVALID_VA'));
    expect(reply.status).toBe(200);
    expect(parsed(reply.body)).toEqual({ status: '006', message: 'Invalid VA Number' });
  });

  it('maps SNAP keys to the BNI equivalent, and others to Technical Failure', () => {
    expect(parsed(renderBni(BNI, failure('INVALID_FIELD_FORMAT')).body)).toEqual({
      status: '001',
      message: 'Incomplete/invalid Parameter(s)',
    });
    expect(parsed(renderBni(BNI, failure('UNKNOWN_CLIENT')).body)).toEqual({
      status: '002',
      message: 'IP address not allowed or wrong Client ID',
    });
    expect(parsed(renderBni(BNI, failure('INSUFFICIENT_FUNDS')).body)).toEqual({ status: '008', message: 'Technical Failure' });
    expect(parsed(renderBni(BNI, failure('PARAM_ILLEGAL')).body)).toEqual({ status: '008', message: 'Technical Failure' });
  });

  it('replaces the message when the failure carries one and appends the detail after a space', () => {
    expect(parsed(renderBni(BNI, failure('BNI_INVALID_PARAMETER', { message: 'bad body' })).body)).toEqual({
      status: '001',
      message: 'bad body',
    });
    expect(parsed(renderBni(BNI, failure('BNI_INVALID_PARAMETER', { detail: 'va' })).body)).toEqual({
      status: '001',
      message: 'Incomplete/invalid Parameter(s) va',
    });
    expect(parsed(renderBni(BNI, failure('BNI_INVALID_PARAMETER', { detail: '' })).body).message).toBe('Incomplete/invalid Parameter(s)');
  });
});

describe('renderOpenApi', () => {
  const dana = generateRsaKeyPair();
  const danaKey = toPrivateKey(dana.privateKeyPem);
  const envelope = (text: string) =>
    JSON.parse(text) as { response: { head: Record<string, unknown>; body: Record<string, unknown> }; signature: string };

  it('answers a success over HTTP 200 with the head, resultInfo and reply fields, signed with the DANA key', () => {
    const reply = renderOpenApi(OPEN_API, success({ merchantResourceInformations: [] }), { clientId: 'c1', reqMsgId: 'm1' }, NOW, danaKey);
    expect(reply.status).toBe(200);
    expect(reply.headers).toEqual({ 'content-type': 'application/json' });
    const sent = envelope(reply.body);
    expect(sent.response.head).toEqual({
      version: '2.0',
      function: 'dana.merchant.queryMerchantResource',
      clientId: 'c1',
      respTime: '2030-05-01T10:04:05+07:00',
      reqMsgId: 'm1',
    });
    expect(sent.response.body).toEqual({
      resultInfo: { resultStatus: 'S', resultCodeId: '00000000', resultCode: 'SUCCESS', resultMsg: 'success' },
      merchantResourceInformations: [],
    });
    expect(verifyOpenApiEnvelope(reply.body.replace('"response"', '"request"'), sent.response, sent.signature, dana.publicKeyPem)).toBe(
      true,
    );
  });

  it('answers a failure in resultInfo with its message override, detail and fields', () => {
    const reply = renderOpenApi(OPEN_API, failure('PARAM_ILLEGAL', { detail: 'head.clientId', fields: { extra: 'x' } }), {}, NOW, danaKey);
    expect(reply.status).toBe(200);
    expect(envelope(reply.body).response.body).toEqual({
      resultInfo: { resultStatus: 'F', resultCodeId: '00000004', resultCode: 'PARAM_ILLEGAL', resultMsg: 'param illegal head.clientId' },
      extra: 'x',
    });
    const overridden = renderOpenApi(OPEN_API, failure('MERCHANT_NOT_EXIST', { message: 'nope' }), {}, NOW, danaKey);
    expect(envelope(overridden.body).response.body.resultInfo).toMatchObject({ resultCode: 'MERCHANT_NOT_EXIST', resultMsg: 'nope' });
    const noDetail = renderOpenApi(OPEN_API, failure('PARAM_ILLEGAL', { detail: '' }), {}, NOW, danaKey);
    expect(envelope(noDetail.body).response.body.resultInfo).toMatchObject({ resultMsg: 'param illegal' });
  });

  it('renders SNAP keys as their Open API equivalent', () => {
    const reply = renderOpenApi(OPEN_API, failure('GENERAL_ERROR'), {}, NOW, danaKey);
    expect(envelope(reply.body).response.body).toEqual({
      resultInfo: { resultStatus: 'U', resultCodeId: '00000900', resultCode: 'SYSTEM_ERROR', resultMsg: 'system error' },
    });
  });

  it('blanks a head clientId or reqMsgId that is not a string', () => {
    const reply = renderOpenApi(OPEN_API, failure('MSG_PARSE_ERROR'), { clientId: 7, reqMsgId: { id: 1 } }, NOW, danaKey);
    expect(envelope(reply.body).response.head).toMatchObject({ clientId: '', reqMsgId: '' });
  });
});

describe('renderUnknownRoute', () => {
  it('answers 404 naming the method and path', () => {
    const reply = renderUnknownRoute('GET', '/nowhere', NOW);
    expect(reply.status).toBe(404);
    expect(reply.headers).toEqual({ 'content-type': 'application/json', 'x-timestamp': '2030-05-01T10:04:05+07:00' });
    expect(parsed(reply.body)).toEqual({ responseCode: '4040000', responseMessage: 'Not Found. dana-sim serves no API at GET /nowhere' });
  });
});
