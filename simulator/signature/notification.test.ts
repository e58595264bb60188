import { describe, expect, it } from 'vitest';
import { generateRsaKeyPair } from './keys.ts';
import { verifyDanaNotification } from './notification.ts';
import { signAsymmetric } from './snap.ts';

const dana = generateRsaKeyPair();
const PATH = '/merchant/notify';
const TS = '2030-05-01T00:46:43+07:00';
const BODY = '{"originalPartnerReferenceNo":"ref-1","latestTransactionStatus":"00"}';
const SIGNATURE = signAsymmetric({ method: 'POST', path: PATH, body: BODY, timestamp: TS }, dana.privateKeyPem);

describe('verifyDanaNotification', () => {
  it('accepts a notification signed by DANA over POST, its path, body and X-TIMESTAMP, whatever the header case', () => {
    expect(
      verifyDanaNotification({ path: PATH, body: BODY, headers: { 'X-SIGNATURE': SIGNATURE, 'X-Timestamp': TS } }, dana.publicKeyPem),
    ).toBe(true);
  });

  it('reads the first value of a repeated header', () => {
    const headers = { 'x-signature': [SIGNATURE, 'other'], 'x-timestamp': [TS, '2030-05-01T00:46:44+07:00'] };
    expect(verifyDanaNotification({ path: PATH, body: BODY, headers }, dana.publicKeyPem)).toBe(true);
  });

  it('checks the method the notification arrived with', () => {
    const headers = { 'x-signature': SIGNATURE, 'x-timestamp': TS };
    expect(verifyDanaNotification({ method: 'POST', path: PATH, body: BODY, headers }, dana.publicKeyPem)).toBe(true);
    expect(verifyDanaNotification({ method: 'PUT', path: PATH, body: BODY, headers }, dana.publicKeyPem)).toBe(false);
  });

  it('refuses a notification without X-SIGNATURE, without throwing', () => {
    expect(verifyDanaNotification({ path: PATH, body: BODY, headers: { 'x-timestamp': TS } }, dana.publicKeyPem)).toBe(false);
    expect(verifyDanaNotification({ path: PATH, body: BODY, headers: { 'x-signature': '', 'x-timestamp': TS } }, dana.publicKeyPem)).toBe(
      false,
    );
  });

  it('refuses a notification without X-TIMESTAMP, even one signed as if the timestamp were absent', () => {
    // A lax reader would put "undefined" in the string to sign; this signature would then verify.
    const overMissingTimestamp = signAsymmetric({ method: 'POST', path: PATH, body: BODY, timestamp: 'undefined' }, dana.privateKeyPem);
    expect(verifyDanaNotification({ path: PATH, body: BODY, headers: { 'x-signature': overMissingTimestamp } }, dana.publicKeyPem)).toBe(
      false,
    );
    expect(
      verifyDanaNotification({ path: PATH, body: BODY, headers: { 'x-signature': SIGNATURE, 'x-timestamp': '' } }, dana.publicKeyPem),
    ).toBe(false);
  });

  it('refuses a notification signed by another key', () => {
    const other = generateRsaKeyPair();
    expect(
      verifyDanaNotification({ path: PATH, body: BODY, headers: { 'x-signature': SIGNATURE, 'x-timestamp': TS } }, other.publicKeyPem),
    ).toBe(false);
  });
});
