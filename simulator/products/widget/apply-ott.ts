import type { InputOf } from '../../../contracts/common/endpoint.ts';
import type { applyOTT as applyOttContract } from '../../../contracts/widget/apply-ott.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Handled, HandlerContext } from '../../core/route.ts';
import { issueOtt } from './ott.ts';
import { customerOf } from './tokens.ts';

// Apply OTT (svc 49): a one-time token for the bound user, to open a Widget order's payment page
// already logged in. DANA's sandbox users with fixed answers are rules matched on the customer
// (contracts/sandbox-rules.ts); they fire before this handler, after the token is known to be live.

export function applyOTT(input: InputOf<typeof applyOttContract>, context: HandlerContext): Result<Handled> {
  if (input.userResources.some((resource) => resource !== 'OTT')) return fail('INVALID_FIELD_FORMAT', { detail: 'userResources' });
  const customer = customerOf(context, input.additionalInfo.accessToken);
  if (!customer.ok) return customer;
  const ott = issueOtt(context.tx, customer.value, context.now);
  return ok({ reply: { key: 'SUCCESS', fields: { userResources: [{ resourceType: 'OTT', value: ott }], additionalInfo: {} } } });
}
