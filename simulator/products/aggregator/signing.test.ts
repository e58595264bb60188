import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWooshpaySignature } from '../../verify.ts';
import { signatureHeader } from './signing.ts';

const secret = 'whsec_test';
const body = '{"id":"evt_1","type":"payment_intent.succeeded"}';
const at = 1_700_000_000;
const now = at * 1000;

describe('Wooshpay-Signature', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 of the whole secret', () => {
    const expected = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex');
    expect(signatureHeader(secret, body, at)).toBe(`t=${at},v1=${expected}`);
    expect(signatureHeader(secret, Buffer.from(body), at)).toBe(`t=${at},v1=${expected}`);
  });

  it('is verified by dana-sim/verify, from a string or bytes, with any v1 matching', () => {
    const header = signatureHeader(secret, body, at);
    expect(verifyWooshpaySignature(body, header, secret, { now })).toEqual({ ok: true, timestamp: at });
    expect(verifyWooshpaySignature(new TextEncoder().encode(body), header, secret, { now })).toEqual({ ok: true, timestamp: at });
    const rolled = `t=${at},v1=${'0'.repeat(64)}, v1=${header.split('v1=')[1]},junk`;
    expect(verifyWooshpaySignature(body, rolled, secret, { now })).toEqual({ ok: true, timestamp: at });
  });

  it('refuses a changed body, another secret, a malformed header or a stale time', () => {
    const header = signatureHeader(secret, body, at);
    expect(verifyWooshpaySignature(`${body} `, header, secret, { now })).toMatchObject({
      ok: false,
      reason: 'no v1 signature matches the body and secret',
    });
    expect(verifyWooshpaySignature(body, header, 'whsec_other', { now })).toMatchObject({ ok: false });
    expect(verifyWooshpaySignature(body, `t=${at},v1=abc`, secret, { now })).toMatchObject({ ok: false });
    expect(verifyWooshpaySignature(body, `v1=abc`, secret, { now })).toEqual({ ok: false, reason: 'the header has no timestamp (t=)' });
    expect(verifyWooshpaySignature(body, `t=${at}`, secret, { now })).toEqual({ ok: false, reason: 'the header has no v1 signature' });
    expect(verifyWooshpaySignature(body, header, secret, { now: now + 301_000 })).toEqual({
      ok: false,
      reason: 'the timestamp is more than 300 s old',
    });
    expect(verifyWooshpaySignature(body, header, secret, { now: now - 301_000 })).toEqual({
      ok: false,
      reason: 'the timestamp is more than 300 s in the future',
    });
    expect(verifyWooshpaySignature(body, header, secret, { now: now + 301_000, toleranceS: 600 })).toMatchObject({ ok: true });
  });

  it('uses the wall clock when no time is given', () => {
    const fresh = Math.floor(Date.now() / 1000);
    expect(verifyWooshpaySignature(body, signatureHeader(secret, body, fresh), secret)).toEqual({ ok: true, timestamp: fresh });
  });
});
