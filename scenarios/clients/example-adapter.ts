// A complete example adapter for `dana-sim uat --client ./my-adapter.ts`. It stands for a merchant's
// own integration layer: here a thin wrapper over plain fetch and dana-sim's signer, so that it runs as
// is; replace the bodies with calls into your own code. Each function receives DANA's request object
// and must return the parsed response, or throw an error carrying `status` and `rawResponse` (the
// body DANA sent) when DANA answers with an error. An adapter that swallows errors or rewrites
// responses will fail the cases whose outcome it hides.
import { snapRequest, openApiRequest } from '../../simulator/signature/client.ts';
import type { ClientContext, DanaClient } from './types.ts';

class MyIntegrationError extends Error {
  constructor(
    readonly status: number,
    readonly rawResponse: unknown,
  ) {
    super(`DANA error ${status}`);
  }
}

export default function createClient(context: ClientContext): DanaClient {
  const credentials = context.merchant;
  async function post(path: string, signed: { headers: Record<string, string>; body: string }) {
    const response = await fetch(context.baseUrl + path, { method: 'POST', headers: signed.headers, body: signed.body });
    const body = await response.json();
    if (!response.ok) throw new MyIntegrationError(response.status, body);
    return body;
  }
  const snap = (path: string) => (request: unknown) => post(path, snapRequest({ path, body: request, credentials }));
  return {
    queryMerchantResource: (request) =>
      post(
        '/dana/merchant/queryMerchantResource.htm',
        openApiRequest({
          path: '/dana/merchant/queryMerchantResource.htm',
          function: 'dana.merchant.queryMerchantResource',
          body: request,
          credentials,
        }),
      ),
    danaAccountInquiry: snap('/rest/v1.0/emoney/account-inquiry'),
    transferToDana: snap('/rest/v1.0/emoney/topup'),
    transferToDanaInquiryStatus: snap('/rest/v1.0/emoney/topup-status'),
    bankAccountInquiry: snap('/v1.0/emoney/bank-account-inquiry.htm'),
    transferToBank: snap('/v1.0/emoney/transfer-bank.htm'),
    transferToBankInquiryStatus: snap('/v1.0/emoney/transfer-bank-status.htm'),
    createOrder: snap('/payment-gateway/v1.0/debit/payment-host-to-host.htm'),
    queryPayment: snap('/payment-gateway/v1.0/debit/status.htm'),
  };
}
