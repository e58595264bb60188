import { describe, expect, it } from 'vitest';
import { decodeBniData, encodeBniData } from './bni-codec.ts';

// The steps of merchant.md section 5, written out independently of the codec: shift every byte by
// the key character at (i + keyLength - 1) mod keyLength, mod 128, once per key; base64url, no padding.
function encodePlainText(plain: string, clientId: string, secretKey: string): string {
  const shift = (bytes: number[], key: string) => bytes.map((byte, i) => (byte + key.charCodeAt((i + key.length - 1) % key.length)) % 128);
  const bytes = shift(shift([...Buffer.from(plain, 'latin1')], clientId), secretKey);
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

const CLIENT_ID = '910';
const SECRET_KEY = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

describe('encodeBniData', () => {
  it('matches a hand-computed encoding: reversed seconds, a dot, the JSON, shifted by client id then secret key', () => {
    // "4321.{}" = 52 51 50 49 46 123 125; with "910" (shift by 48 57 49 48 57 49 48) and then "ab"
    // (98 97 98 97 98 97 98), mod 128: 70 77 69 66 73 13 15, i.e. "FMEBI\r\x0f".
    expect(encodeBniData('{}', CLIENT_ID, 'ab', 1_234_567)).toBe('Rk1FQkkNDw');
    expect(encodePlainText('4321.{}', CLIENT_ID, 'ab')).toBe('Rk1FQkkNDw');
  });

  it('follows the documented steps for a realistic callback and time', () => {
    const json = JSON.stringify({ virtual_account: '8808123456789012', payment_amount: '1000000000', customer_name: 'rudy' });
    expect(encodeBniData(json, CLIENT_ID, SECRET_KEY, 1_714_502_803_999)).toBe(
      encodePlainText(`3082054171.${json}`, CLIENT_ID, SECRET_KEY),
    );
  });
});

describe('decodeBniData', () => {
  it('decodes the hand-computed example to its JSON and Unix time in seconds', () => {
    expect(decodeBniData('Rk1FQkkNDw', CLIENT_ID, 'ab')).toEqual({ json: '{}', epochSeconds: 1234 });
  });

  it('round-trips a realistic callback, with the digits of the time put back in order', () => {
    const json = '{"trx_amount":"1000","datetime_payment":"2024-05-01 01:46:43"}';
    const data = encodeBniData(json, CLIENT_ID, SECRET_KEY, 1_714_502_803_000);
    expect(decodeBniData(data, CLIENT_ID, SECRET_KEY)).toEqual({ json, epochSeconds: 1_714_502_803 });
  });

  it('accepts a time of a single digit before the dot', () => {
    expect(decodeBniData(encodeBniData('{}', CLIENT_ID, SECRET_KEY, 5_000), CLIENT_ID, SECRET_KEY)).toEqual({
      json: '{}',
      epochSeconds: 5,
    });
  });

  it('refuses data with any character outside base64url, even one the base64 decoder would skip', () => {
    const data = encodeBniData('{}', CLIENT_ID, SECRET_KEY, 1_234_000);
    expect(decodeBniData(data, CLIENT_ID, SECRET_KEY)).toBeDefined();
    for (const tampered of [`${data}!`, `!${data}`, `${data.slice(0, 3)} ${data.slice(3)}`, `${data}==`, '']) {
      expect(decodeBniData(tampered, CLIENT_ID, SECRET_KEY)).toBeUndefined();
    }
  });

  it('refuses a plain text without a dot, even when it is all digits', () => {
    expect(decodeBniData(encodePlainText('1234', CLIENT_ID, SECRET_KEY), CLIENT_ID, SECRET_KEY)).toBeUndefined();
  });

  it('refuses a plain text whose part before the dot is empty or not all digits', () => {
    for (const plain of ['.{}', '12a.{}', 'a12.{}', ' 12.{}']) {
      expect(decodeBniData(encodePlainText(plain, CLIENT_ID, SECRET_KEY), CLIENT_ID, SECRET_KEY)).toBeUndefined();
    }
    // The same construction with digits only does decode, so the refusals above are about the time.
    expect(decodeBniData(encodePlainText('21.{}', CLIENT_ID, SECRET_KEY), CLIENT_ID, SECRET_KEY)).toEqual({ json: '{}', epochSeconds: 12 });
  });

  it('splits at the first dot, leaving later dots in the JSON', () => {
    const data = encodePlainText('4321.{"amount":"1.00"}', CLIENT_ID, SECRET_KEY);
    expect(decodeBniData(data, CLIENT_ID, SECRET_KEY)).toEqual({ json: '{"amount":"1.00"}', epochSeconds: 1234 });
  });

  it('does not decode data encoded with another secret key', () => {
    const data = encodeBniData('{"trx_amount":"1000"}', CLIENT_ID, SECRET_KEY, 1_714_502_803_000);
    expect(decodeBniData(data, CLIENT_ID, 'ffffffffffffffffffffffffffffffff')).toBeUndefined();
  });
});
