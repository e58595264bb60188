import { afterEach, describe, expect, it } from 'vitest';
import { tokenMatches, isLoopbackHost } from '../../simulator/control/origin-guard.ts';
import { cashierPayForm } from '../cashier-login.ts';
import { createTestSimulator, http, idr, orderBody, PATHS, VALID_CUSTOMER, type TestSimulator } from '../helpers.ts';

// Issue 14 item 6: no web page can drive the simulator. Requests over a socket (express via
// supertest, on 127.0.0.1) are refused when Host is not a loopback name (DNS rebinding) or when the
// browser says they are cross-site; control writes must be JSON; the token compare is constant time.

const RULE = JSON.stringify({ endpoint: 'transferToDana', effect: { delayMs: 1 } });
const TOOLS = '/merchant-portal-app/api/sandbox-tools/execute';
const opened: TestSimulator[] = [];

afterEach(async () => {
  for (const t of opened.splice(0)) await t.sim.close();
});

async function simulator(options: Parameters<typeof createTestSimulator>[0] = {}) {
  const t = await createTestSimulator(options);
  opened.push(t);
  return t;
}

const userRules = (t: TestSimulator) => t.sim.rules.list('user').length;

describe('the control API refuses what a web page could send', () => {
  it('refuses a cross-site text/plain POST to /__sim/faults with a foreign Host, and adds no rule', async () => {
    const t = await simulator();
    const reply = await http(t.sim)
      .post('/__sim/faults')
      .set('host', 'attacker.example:8787')
      .set('origin', 'http://attacker.example:8787')
      .set('sec-fetch-site', 'cross-site')
      .set('content-type', 'text/plain')
      .send(RULE);
    expect(reply.status).toBe(403);
    expect(reply.body.error).toMatch(/attacker\.example/);
    expect(userRules(t)).toBe(0);
  });

  it('refuses GET /__sim/merchants for a rebound name (foreign Host), serving no secret', async () => {
    const t = await simulator();
    const reply = await http(t.sim).get('/__sim/merchants').set('host', 'rebound.example');
    expect(reply.status).toBe(403);
    expect(reply.text).not.toContain(t.credentials.clientSecret);
    expect(reply.text).not.toContain('PRIVATE KEY');
    const local = await http(t.sim).get('/__sim/merchants').set('host', 'localhost:8787');
    expect(local.status).toBe(200);
  });

  it('refuses an Origin of another site and Sec-Fetch-Site cross-site or same-site, even on a loopback Host', async () => {
    const t = await simulator();
    const send = (headers: Record<string, string>) => {
      let call = http(t.sim).post('/__sim/faults').set('host', '127.0.0.1:8787').set('content-type', 'application/json');
      for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
      return call.send(RULE);
    };
    expect((await send({ origin: 'https://shop.example' })).status).toBe(403);
    expect((await send({ origin: 'http://localhost:3000' })).status).toBe(403);
    expect((await send({ origin: 'null' })).status).toBe(403);
    expect((await send({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await send({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect(userRules(t)).toBe(0);
    // Its own origin, or no browser at all (a script), passes.
    expect((await send({ origin: 'http://127.0.0.1:8787', 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await send({})).status).toBe(200);
    expect(userRules(t)).toBe(2);
  });

  it('refuses a control write that is not application/json', async () => {
    const t = await simulator();
    const plain = await http(t.sim).post('/__sim/faults').set('content-type', 'text/plain').send(RULE);
    expect(plain.status).toBe(403);
    expect(plain.body.error).toMatch(/application\/json/);
    const form = await http(t.sim).post('/__sim/faults').type('form').send({ endpoint: 'transferToDana' });
    expect(form.status).toBe(403);
    expect(userRules(t)).toBe(0);
    const json = await http(t.sim).post('/__sim/faults').set('content-type', 'application/json; charset=utf-8').send(RULE);
    expect(json.status).toBe(200);
    expect(userRules(t)).toBe(1);
  });

  it('compares the control token: the right one answers, a wrong one of the same length is 401', async () => {
    const t = await simulator({ controlToken: 'secret-token-1234' });
    const right = await http(t.sim).get('/__sim/merchants').set('authorization', 'Bearer secret-token-1234');
    expect(right.status).toBe(200);
    const wrong = await http(t.sim).get('/__sim/merchants').set('authorization', 'Bearer secret-token-9999');
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain(t.credentials.clientSecret);
    const none = await http(t.sim).get('/__sim/health');
    expect(none.status).toBe(401);
    expect(tokenMatches('abc', 'Bearer abc')).toBe(true);
    expect(tokenMatches('abc', 'Bearer abd')).toBe(false);
    expect(tokenMatches('abc', null)).toBe(false);
  });

  it('names loopback hosts as loopback and nothing else', () => {
    for (const host of ['localhost', 'localhost:8787', 'app.localhost', '127.0.0.1:1', '127.9.8.7', '[::1]:8787', 'LOCALHOST.'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['evil.example', 'localhost.evil.example', '127.0.0.1.nip.io', '10.0.0.1', '[::2]', '0.0.0.0'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('hosted pages', () => {
  async function balanceOrder(t: TestSimulator) {
    const body = orderBody(
      t.merchantId,
      {
        urlParams: [
          { url: 'http://127.0.0.1:9/return', type: 'PAY_RETURN', isDeeplink: 'Y' },
          { url: 'http://127.0.0.1:9/notify', type: 'NOTIFICATION', isDeeplink: 'Y' },
        ],
        payOptionDetails: [{ payMethod: 'BALANCE', payOption: '', transAmount: idr('22200.00') }],
      },
      10 * 60_000,
      t.sim.clock.now(),
    );
    const created = await t.snap(PATHS.createOrder, body);
    expect(created.status).toBe(200);
    return new URL(created.body.webRedirectUrl as string);
  }

  it('the cashier pays from its own page (same origin), and refuses a post from another site with an HTML page', async () => {
    const t = await simulator();
    const page = await balanceOrder(t);
    const agent = http(t.sim);
    const shown = await agent
      .get(page.pathname + page.search)
      .set('host', 'localhost:8787')
      .set('sec-fetch-site', 'cross-site');
    expect(shown.status).toBe(200); // showing the page is harmless (the merchant's site redirects here)
    const post = async (path: string, fields: Record<string, string>) => (await agent.post(path).type('form').send(fields)).text;
    const form = { ...(await cashierPayForm(post, page.searchParams.get('bizNo')!, VALID_CUSTOMER)), action: 'pay' };
    const before = t.userBalance(VALID_CUSTOMER);
    const forged = await agent
      .post('/m/portal/cashier/pay')
      .set('host', 'localhost:8787')
      .set('origin', 'https://attacker.example')
      .set('sec-fetch-site', 'cross-site')
      .type('form')
      .send(form);
    expect(forged.status).toBe(403);
    expect(forged.headers['content-type']).toMatch(/text\/html/);
    expect(forged.text).toContain('Refused');
    expect(t.userBalance(VALID_CUSTOMER)).toBe(before);
    const paid = await agent
      .post('/m/portal/cashier/pay')
      .set('host', 'localhost:8787')
      .set('origin', 'http://localhost:8787')
      .set('sec-fetch-site', 'same-origin')
      .type('form')
      .send(form);
    expect(paid.status).toBe(200);
    expect(paid.text).toContain('Payment Success');
    expect(t.userBalance(VALID_CUSTOMER)).not.toBe(before);
  });

  it('sandbox tools answer a script on loopback and refuse a foreign Host or another origin with JSON', async () => {
    const t = await simulator();
    const topUp = JSON.stringify({
      urlEndpoint: '/v1.0/emoney/topup.htm',
      requestBody: { customerNumber: VALID_CUSTOMER, amount: idr('1000.00') },
    });
    const before = t.userBalance(VALID_CUSTOMER);
    const rebound = await http(t.sim).post(TOOLS).set('host', 'rebound.example').set('content-type', 'application/json').send(topUp);
    expect(rebound.status).toBe(403);
    expect(rebound.body.error).toMatch(/rebound\.example/);
    const foreign = await http(t.sim)
      .post(TOOLS)
      .set('origin', 'https://attacker.example')
      .set('content-type', 'application/json')
      .send(topUp);
    expect(foreign.status).toBe(403);
    expect(t.userBalance(VALID_CUSTOMER)).toBe(before);
    const script = await http(t.sim).post(TOOLS).set('content-type', 'application/json').send(topUp);
    expect(script.status).toBe(200);
    expect(script.body.success).toBe(true);
    expect(t.userBalance(VALID_CUSTOMER)).not.toBe(before);
  });
});
