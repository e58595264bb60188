// Logging in to the hosted cashier with plain form posts, for tests that pay through it without a
// browser (test/browser/ drives the same pages in Chromium).

/** Posts a form to a cashier page and resolves with the HTML it answered. */
export type PostForm = (path: string, form: Record<string, string>) => Promise<string>;

function sessionOf(html: string): string {
  const session = /name="session" value="([^"]+)"/.exec(html)?.[1];
  if (!session) throw new Error(`no session field on the cashier page:\n${html}`);
  return session;
}

/** Phone, then PIN: the fields of the pay form the cashier shows afterwards (add `action`). */
export async function cashierPayForm(post: PostForm, bizNo: string, phoneNumber: string, pin = '181818'): Promise<Record<string, string>> {
  const pinPage = await post('/m/portal/cashier/login', { bizNo, phoneNumber });
  const payPage = await post('/m/portal/cashier/verify-pin', { bizNo, session: sessionOf(pinPage), pin });
  return { bizNo, session: sessionOf(payPage) };
}
