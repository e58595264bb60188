import { randomUUID } from 'node:crypto';
import type { Target } from './targets/types.ts';
import { fill } from './templates.ts';
import type { BindStep, StepResult } from './types.ts';

// The `bind` step: a DANA user links their account to the merchant on the binding page (Get OAuth
// URL, svc 10), what DANA's UAT does in a browser before Apply Token, Account Unbinding and Balance
// Inquiry (issue-17 facts section 1.2). The simulator's page is plain HTML forms, so the runner fills
// them over HTTP like a browser would: open the link, give the phone, give the PIN, read the authCode
// from the redirect. The client under test takes no part (binding is a page, not an API call), so the
// step works the same whatever adapter runs the case. DANA's own page needs a real browser: there the
// step, and the rest of the case, is skipped.

/** The scopes dana-node's generateOauthUrl asks for outside production (issue-17 facts section 1.1). */
const SCOPES = 'CASHIER,AGREEMENT_PAY,QUERY_BALANCE,DEFAULT_BASIC_PROFILE,MINI_DANA';

interface Page {
  readonly status: number;
  readonly location: string | null;
  readonly html: string;
}

async function open(url: URL, form?: Record<string, string>): Promise<Page> {
  const response = await fetch(url, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    ...(form ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** The page's form as a browser would submit it: its action and the named hidden field. */
function formOf(page: Page, field: string, base: string): { action: URL; value: string } | undefined {
  const action = /<form\b[^>]*\baction="([^"]+)"/.exec(page.html)?.[1];
  const value = new RegExp(`name="${field}" value="([^"]+)"`).exec(page.html)?.[1];
  return action && value ? { action: new URL(action.replaceAll('&amp;', '&'), base), value } : undefined;
}

/** What the page said instead of the expected form, in one line: its alert if it shows one, else its text. */
function said(page: Page): string {
  const alert = /role="alert"[^>]*>([\s\S]*?)</.exec(page.html)?.[1];
  const text = (alert ?? page.html.replace(/<(head|style|script)\b[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return `HTTP ${page.status}: ${text.slice(0, 200) || 'an empty page'}`;
}

export async function bindStep(
  target: Target,
  step: BindStep,
  vars: Record<string, unknown>,
  now: number,
): Promise<Omit<StepResult, 'durationMs'>> {
  const phone = String(fill(step.bind.phone, { vars, now }));
  const pin = String(fill(step.bind.pin, { vars, now }));
  const label = `bind ${phone} on the binding page`;
  if (!target.pagesUrl)
    return {
      label,
      status: 'skipped',
      skipped: "binding on DANA's page needs a browser (DANA's UAT drives it with Playwright); run this case by hand",
      failures: [],
    };
  const fail = (failure: string, page?: Page) => ({
    label,
    status: 'failed' as const,
    failures: [failure],
    ...(page ? { httpStatus: page.status } : {}),
  });
  const link = new URL('/v1.0/get-auth-code', target.pagesUrl);
  const query = {
    partnerId: target.merchant.partnerId,
    scopes: SCOPES,
    externalId: randomUUID(),
    channelId: target.merchant.partnerId,
    redirectUrl: String(vars.returnUrl),
    state: randomUUID(),
    isSnapBI: 'true',
  };
  for (const [name, value] of Object.entries(query)) link.searchParams.set(name, value);
  const start = await open(link);
  const phoneForm = formOf(start, 'request', target.pagesUrl);
  if (!phoneForm) return fail(`the binding link did not show the phone step: ${said(start)}`, start);
  const pinPage = await open(phoneForm.action, { request: phoneForm.value, phoneNumber: phone });
  const pinForm = formOf(pinPage, 'session', target.pagesUrl);
  if (!pinForm) return fail(`the phone step did not lead to the PIN step: ${said(pinPage)}`, pinPage);
  const done = await open(pinForm.action, { session: pinForm.value, pin });
  const authCode = done.location ? new URL(done.location, target.pagesUrl).searchParams.get('authCode') : null;
  if (done.status !== 302 || !authCode) return fail(`the PIN step did not redirect with an authCode: ${said(done)}`, done);
  vars[step.as ?? 'authCode'] = authCode;
  return {
    label,
    status: 'passed',
    failures: [],
    response: { authCode },
    httpStatus: done.status,
    note: 'bound over HTTP on the simulator\u2019s binding page; the client under test takes no part',
  };
}
