import { describe, expect, it } from 'vitest';
import { createTestSimulator, http } from '../../../test/helpers.ts';
import { REDIRECT_URL, bindByForms, bindingLink, fieldOf } from '../../../test/widget-binding.ts';
import { SimulatorClock } from '../../clock/clock.ts';
import { AUTH_CODES } from './tokens.ts';

// The account-binding pages over plain HTTP: the happy path on both addresses the SDKs build, the
// checks on the merchant's link, wrong PINs, forged or stale form tokens.

const setup = () => createTestSimulator({ background: false, clock: SimulatorClock.frozen() });

describe('the account-binding page', () => {
  for (const path of ['/v1.0/get-auth-code', '/n/ipg/oauth']) {
    it(`at ${path} logs in, then sends the browser to redirectUrl with authCode and state`, async () => {
      const t = await setup();
      const done = await bindByForms(t, '083811223355', '181818', bindingLink(t.credentials.partnerId, {}, path));
      expect(done.status).toBe(302);
      const back = new URL(done.headers.location as string);
      expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URL);
      expect(back.searchParams.get('state')).toBe('state-123');
      const authCode = back.searchParams.get('authCode')!;
      expect(authCode).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      const stored = t.sim.runtime.db.get<{ customerNumber: string; partnerId: string; scopes: string[] }>(AUTH_CODES, authCode)!;
      expect(stored).toMatchObject({ customerNumber: '6283811223355', partnerId: t.credentials.partnerId });
      expect(stored.scopes).toContain('QUERY_BALANCE');
    });
  }

  it('shows the scopes as the consent, the merchant, and the phone from seamlessData', async () => {
    const t = await setup();
    const link = bindingLink(t.credentials.partnerId, { seamlessData: JSON.stringify({ mobileNumber: '083811223355' }) });
    const page = await http(t.sim).get(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('See your DANA balance');
    expect(page.text).toContain('class="txt-input-phone-number-field" type="tel"');
    expect(page.text).toContain('value="83811223355"');
    expect(page.text).toContain('class="btn-continue"');
  });

  it('keeps redirectUrl query parameters and leaves out an empty state', async () => {
    const t = await setup();
    const link = bindingLink(t.credentials.partnerId, { redirectUrl: 'http://127.0.0.1:9/back?shop=1', state: undefined });
    const done = await bindByForms(t, '83811223355', '181818', link);
    const back = new URL(done.headers.location as string);
    expect(back.searchParams.get('shop')).toBe('1');
    expect(back.searchParams.has('state')).toBe(false);
    expect(back.searchParams.get('authCode')).toBeTruthy();
  });

  it('refuses broken links with a clear error page', async () => {
    const t = await setup();
    const agent = http(t.sim);
    const cases: [Record<string, string | undefined>, string][] = [
      [{ partnerId: '' }, 'no partnerId'],
      [{ partnerId: 'nobody-here' }, 'No merchant has partnerId nobody-here'],
      [{ redirectUrl: '' }, 'no redirectUrl'],
      [{ redirectUrl: 'javascript:alert(1)' }, 'redirectUrl must be an http or https address'],
      [{ redirectUrl: 'not a url' }, 'redirectUrl must be an http or https address'],
      [{ state: 'x'.repeat(513) }, 'state is longer than 512'],
    ];
    for (const [overrides, text] of cases) {
      const page = await agent.get(bindingLink(t.credentials.partnerId, overrides));
      expect(page.status).toBe(400);
      expect(page.text).toContain('Account linking failed');
      expect(page.text).toContain(text.replace(/'/g, '&#39;'));
    }
  });

  it('asks again for a malformed phone and a wrong PIN, and accepts a magic user PIN', async () => {
    const t = await setup();
    const agent = http(t.sim);
    const start = await agent.get(bindingLink(t.credentials.partnerId));
    const bad = await agent
      .post('/v1.0/get-auth-code/login')
      .type('form')
      .send({ request: fieldOf(start.text, 'request')!, phoneNumber: '12' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a DANA phone number');
    const wrong = await bindByForms(t, '83811223355', '000000');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Incorrect PIN');
    expect(t.sim.runtime.db.size(AUTH_CODES)).toBe(0);
    const magic = await bindByForms(t, '0855100800', '146838');
    expect(magic.status).toBe(302);
  });

  it('refuses forged and timed-out form tokens', async () => {
    const clock = SimulatorClock.frozen();
    const t = await createTestSimulator({ background: false, clock });
    const agent = http(t.sim);
    const forged = await agent.post('/v1.0/get-auth-code/verify-pin').type('form').send({ session: 'abc.def', pin: '181818' });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('no longer valid');
    const start = await agent.get(bindingLink(t.credentials.partnerId));
    const request = fieldOf(start.text, 'request')!;
    // The phone step's token is not a PIN step's session.
    const skipped = await agent.post('/v1.0/get-auth-code/verify-pin').type('form').send({ session: request, pin: '181818' });
    expect(skipped.status).toBe(403);
    clock.advance(11 * 60_000);
    const late = await agent.post('/v1.0/get-auth-code/login').type('form').send({ request, phoneNumber: '83811223355' });
    expect(late.status).toBe(403);
    expect(late.text).toContain('timed out');
  });
});
