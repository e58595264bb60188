import { b2bAccessToken } from '../../../contracts/auth/b2b-token.ts';
import type { InputOf } from '../../../contracts/common/endpoint.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Product } from '../../core/product.ts';
import { route, type Handled, type HandlerContext } from '../../core/route.ts';

// B2B access token (svc 73): the request's `clientId|timestamp` signature was checked by the
// pipeline; issuing is all that is left.
function accessTokenB2b(_input: InputOf<typeof b2bAccessToken>, context: HandlerContext): Result<Handled> {
  const { accessToken, expiresIn } = context.services.tokens.issue(context.client.partnerId);
  return ok({ reply: { key: 'SUCCESS', fields: { accessToken, tokenType: 'Bearer', expiresIn, additionalInfo: {} } } });
}

export const auth: Product = { name: 'auth', routes: [route(b2bAccessToken, accessTokenB2b)] };
