import { readFile } from 'node:fs/promises';
import { openApiRequest, snapRequest, type SignedRequest } from '../simulator/signature/client.ts';
import { topUpBody, transferBody } from './helpers.ts';

// What a user's app does with the credentials file `dana-sim start` writes: read it, sign, post.

export type Credentials = Record<string, string>;

/** Parses the dotenv-style credentials file (`NAME="json string"` per line). */
export async function readCredentials(file: string): Promise<Credentials> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.includes('='));
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), JSON.parse(line.slice(line.indexOf('=') + 1))]));
}

type Call = { kind: 'balance' } | { kind: 'topUp' } | { kind: 'transferToBank'; partnerReferenceNo: string };

function signed(env: Credentials, call: Call): SignedRequest {
  const credentials = { partnerId: env.X_PARTNER_ID, privateKey: env.PRIVATE_KEY, clientSecret: env.CLIENT_SECRET };
  switch (call.kind) {
    case 'balance':
      return openApiRequest({
        path: '/dana/merchant/queryMerchantResource.htm',
        function: 'dana.merchant.queryMerchantResource',
        credentials,
        body: { requestMerchantId: env.MERCHANT_ID, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
      });
    case 'topUp':
      return snapRequest({ path: '/v1.0/emoney/topup.htm', credentials, body: topUpBody() });
    case 'transferToBank':
      return snapRequest({
        path: '/v1.0/emoney/transfer-bank.htm',
        credentials,
        body: transferBody({
          partnerReferenceNo: call.partnerReferenceNo,
          additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', needNotify: true },
        }),
      });
  }
}

/** Sends one signed call (a balance check by default) to a simulator over HTTP and returns the parsed reply. */
export async function signedPost(url: string, env: Credentials, call: Call = { kind: 'balance' }) {
  const request = signed(env, call);
  const response = await fetch(url + request.path, { method: 'POST', headers: request.headers, body: request.body });
  return response.json();
}
