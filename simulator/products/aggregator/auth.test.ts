import { describe, expect, it } from 'vitest';
import { authenticate, maskKey, type AccountKeys } from './auth.ts';
import { errorBody, renderError } from './render.ts';

const keys: AccountKeys[] = [{ account: 'acct_1', secretKey: 'sk_test_secret1234abcd', publishableKey: 'pk_test_public9876' }];
const basic = (user: string, password = '') => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('aggregator authentication', () => {
  it('accepts the secret key by Basic (empty password) and by Bearer', () => {
    expect(authenticate(basic('sk_test_secret1234abcd'), keys)).toEqual({ ok: true, account: 'acct_1' });
    expect(authenticate(basic('sk_test_secret1234abcd', 'ignored'), keys)).toEqual({ ok: true, account: 'acct_1' });
    expect(authenticate('Bearer sk_test_secret1234abcd', keys)).toEqual({ ok: true, account: 'acct_1' });
  });

  it('answers 401 with no key, naming how to send one', () => {
    for (const header of [undefined, '', 'Basic', basic(''), 'Digest abc']) {
      const result = authenticate(header, keys);
      expect(result).toEqual({ ok: false, failure: { error: 'api_key_missing' } });
    }
    const reply = renderError({ error: 'api_key_missing' });
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Basic realm="WooshPay"');
    expect(JSON.parse(reply.body).error.message).toMatch(/^You did not provide an API key\./);
  });

  it('answers 401 for a wrong key, masked to its last four characters', () => {
    const result = authenticate(basic('sk_test_wrongkey0000zzzz'), keys);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(errorBody(result.failure).error).toEqual({
      type: 'invalid_request_error',
      code: 'api_key_invalid',
      message: 'Invalid API Key provided: sk_test_****zzzz',
    });
    expect(maskKey('whatever')).toBe('****ever');
  });

  it('answers 403 for a publishable key', () => {
    const result = authenticate('Bearer pk_test_public9876', keys);
    expect(result).toEqual({ ok: false, failure: { error: 'api_key_publishable' } });
    if (!result.ok) expect(renderError(result.failure).status).toBe(403);
  });
});
