import { b2bAccessToken } from '../../../contracts/auth/b2b-token.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Product } from '../../core/product.ts';
import type { HandlerContext, Reply } from '../../core/route.ts';

// B2B access token (svc 73): the request's `clientId|timestamp` signature was checked by the
// pipeline; issuing is all that is left.
function accessTokenB2b(_input: unknown, context: HandlerContext): Result<Reply> {
  const { accessToken, expiresIn } = context.services.tokens.issue(context.client.partnerId);
  return ok({ key: 'SUCCESS', fields: { accessToken, tokenType: 'Bearer', expiresIn, additionalInfo: {} } });
}

export const auth: Product = { name: 'auth', routes: [{ contract: b2bAccessToken, handler: accessTokenB2b }] };
