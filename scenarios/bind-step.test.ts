import { afterEach, describe, expect, it } from 'vitest';
import { testKeys } from '../test/helpers.ts';
import { rawClient } from './clients/raw.ts';
import { runCases } from './runner.ts';
import { simTarget } from './targets/sim.ts';
import type { Target } from './targets/types.ts';
import type { CaseFile, Step } from './types.ts';

// The `bind` step against the in-process simulator's binding page: it saves the authCode a later
// Apply Token uses, reports a refused PIN as the case's failure, and on a target whose pages need a
// browser (DANA's) skips the case with the reason instead of failing the steps that need the binding.

const keys = testKeys();
let target: Target | undefined;

afterEach(async () => {
  await target?.close();
  target = undefined;
});

const APPLY: Step = {
  call: 'applyToken',
  request: { grantType: 'AUTHORIZATION_CODE', authCode: '{{code}}', refreshToken: '', additionalInfo: {} },
  save: { accessToken: 'response.accessToken' },
  expect: { code: '2007400', present: ['accessToken'] },
};

const bindCase = (steps: readonly Step[]): CaseFile => ({
  id: 'BindStep',
  scenario: 'Widget Apply Token',
  mandatory: false,
  product: 'widget',
  title: 'bind, then apply the code',
  steps,
});

async function run(steps: readonly Step[], withoutPages = false) {
  const sim = await simTarget({ danaKeys: keys.dana, merchant: { privateKeyPem: keys.merchant.privateKeyPem } });
  target = sim;
  const used: Target = withoutPages ? { ...sim, pagesUrl: undefined } : sim;
  const result = await runCases({
    target: used,
    client: { name: 'raw', adapter: rawClient(sim.baseUrl, sim.merchant) },
    cases: [bindCase(steps)],
  });
  return result.cases[0];
}

describe('the bind step', () => {
  it('links the account over HTTP and saves the authCode under its name; Apply Token takes it once', async () => {
    const result = await run([
      { bind: { phone: '083811223355', pin: '181818' }, as: 'code' },
      APPLY,
      { ...APPLY, save: undefined, expect: { code: '4017400', message: 'Unauthorized. Auth Code Used' } } as Step,
    ]);
    expect(result.status, result.reason).toBe('passed');
    expect(result.steps[0]).toMatchObject({ label: 'bind 083811223355 on the binding page', status: 'passed', httpStatus: 302 });
    expect((result.steps[0].response as { authCode: string }).authCode).toMatch(/^[\w-]{32}$/);
  });

  it('fails the case with what the page said when the PIN is refused', async () => {
    const result = await run([{ bind: { phone: '083811223355', pin: '000000' }, as: 'code' }, APPLY]);
    expect(result.status).toBe('failed');
    expect(result.steps).toHaveLength(1);
    expect(result.reason).toMatch(
      /^bind 083811223355 on the binding page: the PIN step did not redirect with an authCode: HTTP 401: Incorrect PIN. Please try again.$/,
    );
  });

  it('skips the case on a target whose binding page needs a browser, without running the steps that need the binding', async () => {
    const result = await run([{ bind: { phone: '083811223355', pin: '181818' }, as: 'code' }, APPLY], true);
    expect(result.status).toBe('skipped');
    expect(result.steps).toHaveLength(1);
    expect(result.reason).toBe(
      "bind 083811223355 on the binding page: binding on DANA's page needs a browser (DANA's UAT drives it with Playwright); run this case by hand",
    );
  });
});
