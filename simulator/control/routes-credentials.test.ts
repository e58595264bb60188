import { describe, expect, it } from 'vitest';
import { controlCall, createTestSimulator } from '../../test/helpers.ts';

// GET /__sim/credentials in-process: the public parts and every language's dotenv block, never a
// private key (this simulator wrote no credentials file).

describe('GET /__sim/credentials in-process', () => {
  it('answers the public parts per language, with privateKey null and where the key lives', async () => {
    const t = await createTestSimulator({ background: false, pagesUrl: 'http://127.0.0.1:9999' });
    const reply = await controlCall(t.sim, 'GET', '/__sim/credentials');
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.body);
    expect(body).toMatchObject({ merchantId: t.merchantId, partnerId: t.credentials.partnerId, privateKey: null });
    expect(body.envFile).toBeUndefined();
    expect(body.note).toMatch(/in-process and wrote no credentials file.*merchant\.env/);
    expect(body.variables).toMatchObject({
      X_PARTNER_ID: t.credentials.partnerId,
      MERCHANT_ID: t.merchantId,
      CLIENT_SECRET: t.credentials.clientSecret,
      DANA_SIM_URL: 'http://127.0.0.1:9999',
    });
    expect(body.variables.PRIVATE_KEY).toBeUndefined();
    expect(body.languages.map((language: { lang: string }) => language.lang)).toEqual(['node', 'python', 'go', 'php', 'java']);
    const node = body.languages[0].env as string;
    expect(node.split('\n')[0]).toBe(`X_PARTNER_ID="${t.credentials.partnerId}"`);
    expect(node).toContain('NODE_EXTRA_CA_CERTS=".dana-sim/tls/ca.pem"');
    expect(node).toContain('HTTPS_PROXY="http://127.0.0.1:8788"');
    expect(node).not.toContain('PRIVATE_KEY');
    expect(body.languages[2].env).toContain('cfg.Servers = config.ServerConfigurations{{URL: "http://127.0.0.1:9999"}}');

    const unknown = await controlCall(t.sim, 'GET', '/__sim/credentials?merchant=nobody');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error).toMatch(/^no merchant nobody/);
    await t.sim.close();
  });
});

describe('GET /__sim/credentials without a URL of its own', () => {
  it("leaves DANA_SIM_URL out, rather than naming DANA's cashier host, and says so", async () => {
    const t = await createTestSimulator({ background: false });
    const body = JSON.parse((await controlCall(t.sim, 'GET', '/__sim/credentials')).body);
    expect(body.variables.DANA_SIM_URL).toBeUndefined();
    expect(body.note).toMatch(/DANA_SIM_URL is left out: this simulator runs in-process and serves no URL of its own/);
    for (const language of body.languages) expect(language.env).not.toMatch(/^DANA_SIM_URL=|"https:\/\/m\.sandbox\.dana\.id"/m);
    await t.sim.close();
  });
});
