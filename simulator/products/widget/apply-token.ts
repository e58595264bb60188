import type { InputOf } from '../../../contracts/common/endpoint.ts';
import type { applyToken as applyTokenContract } from '../../../contracts/widget/apply-token.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Handled, HandlerContext } from '../../core/route.ts';
import { issueTokens, publicUserId, redeemAuthCode, refreshBinding, type Binding } from './tokens.ts';

// Apply Token (svc 74): an authCode (once) or a live refresh token buys a customer access token.
// The grant's own field must be there and non-empty (4007402 names it); a refused code or token is
// 4017400 "Unauthorized. <why>", as DANA's UAT fixtures word it.

export function applyToken(input: InputOf<typeof applyTokenContract>, context: HandlerContext): Result<Handled> {
  const { tx, now } = context;
  let binding: Binding;
  let refreshToken: string | undefined;
  if (input.grantType === 'AUTHORIZATION_CODE') {
    if (!input.authCode) return fail('INVALID_MANDATORY_FIELD', { detail: 'authCode' });
    const redeemed = redeemAuthCode(tx, input.authCode, context.client.partnerId, now);
    if (typeof redeemed === 'string') return fail('UNAUTHORIZED', { detail: redeemed });
    binding = redeemed;
  } else {
    if (!input.refreshToken) return fail('INVALID_MANDATORY_FIELD', { detail: 'refreshToken' });
    const refreshed = refreshBinding(tx, input.refreshToken, context.client.partnerId, now);
    if (!refreshed) return fail('UNAUTHORIZED', { detail: 'Invalid Refresh Token' });
    binding = refreshed;
    refreshToken = input.refreshToken;
  }
  const issued = issueTokens(tx, binding, now, refreshToken);
  return ok({
    reply: {
      key: 'SUCCESS',
      fields: {
        tokenType: 'Bearer',
        ...issued,
        additionalInfo: { userInfo: { publicUserId: publicUserId(context.services.seed, binding.customerNumber) } },
      },
    },
  });
}
