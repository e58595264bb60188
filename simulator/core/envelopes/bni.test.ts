import { describe, expect, it } from 'vitest';
import { encodeBniData } from '../../signature/bni-codec.ts';
import { authenticateBni } from './bni.ts';
import type { SimRequest } from './snap.ts';

const CREDENTIALS = { clientId: '12345', secretKey: 'abcdef0123456789abcdef0123456789' };
const request = (body: string): SimRequest => ({ method: 'POST', path: '/bni', headers: {}, body });
const encoded = (json: string, clientId = CREDENTIALS.clientId, secretKey = CREDENTIALS.secretKey) =>
  request(JSON.stringify({ client_id: clientId, data: encodeBniData(json, clientId, secretKey, Date.now()) }));

describe('authenticateBni', () => {
  it('decodes the data with the client id and secret and names the BNI bank client', () => {
    const result = authenticateBni(encoded('{"virtual_account":"988"}'), CREDENTIALS);
    expect(result).toEqual({
      ok: true,
      value: {
        client: { kind: 'bank', partnerId: 'bni-12345', clientSecret: CREDENTIALS.secretKey, publicKeyPem: '' },
        body: { virtual_account: '988' },
      },
    });
  });

  it('rejects a body that is not {client_id, data} with strings', () => {
    const expected = { key: 'BNI_INVALID_PARAMETER', message: 'body must be {"client_id": "...", "data": "..."}' };
    for (const body of ['nope', '{"data":"x"}', '{"client_id":1,"data":"x"}', '{"client_id":"12345"}', '{"client_id":"12345","data":7}']) {
      const result = authenticateBni(request(body), CREDENTIALS);
      expect(result.ok ? undefined : result.failure, body).toEqual(expected);
    }
  });

  it('rejects another client id', () => {
    const result = authenticateBni(encoded('{}', '99999'), CREDENTIALS);
    expect(result.ok ? undefined : result.failure).toEqual({ key: 'BNI_INVALID_CLIENT' });
  });

  it('rejects data that does not decode with this secret, or decodes to something other than a JSON object', () => {
    const expected = { key: 'BNI_INVALID_PARAMETER', message: 'data cannot be decoded with this client id and secret key' };
    const wrongSecret = authenticateBni(encoded('{}', CREDENTIALS.clientId, 'ffffffffffffffffffffffffffffffff'), CREDENTIALS);
    expect(wrongSecret.ok ? undefined : wrongSecret.failure).toEqual(expected);
    const notObject = authenticateBni(encoded('[1]'), CREDENTIALS);
    expect(notObject.ok ? undefined : notObject.failure).toEqual(expected);
    const garbage = authenticateBni(request(JSON.stringify({ client_id: CREDENTIALS.clientId, data: '!!!' })), CREDENTIALS);
    expect(garbage.ok ? undefined : garbage.failure).toEqual(expected);
  });
});
