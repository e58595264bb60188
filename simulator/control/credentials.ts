import { depositVaNumber } from '../../contracts/merchant/bni-deposit-topup.ts';
import type { BniCredentials } from '../core/envelopes/bni.ts';
import type { MerchantRecord } from '../parties/merchants.ts';

// A merchant's credentials under the official SDKs' variable names: what `dana-sim start` writes to
// merchant.env and what GET /__sim/credentials answers.

/**
 * Where a server keeps what it wrote for apps: set by the adapter that writes the credentials file
 * (adapters/server.ts). A simulator without one (in-process, in tests) serves no private key.
 */
export interface CredentialsSource {
  readonly dataDir: string;
  /** The simulator's plain HTTP URL. */
  readonly url: string;
  /** The CONNECT proxy of `--tls` (where it would listen when not started with --tls). */
  readonly proxyUrl: string;
  /** The credentials file written at start, and the merchant it holds. */
  readonly envFile: string;
  readonly envFilePartnerId: string;
}

/** The official SDKs' variable names, plus DANA_SIM_URL when the simulator serves HTTP. */
export function merchantEnv(
  merchant: MerchantRecord,
  keys: { readonly danaPublicKeyPem: string; readonly bni: BniCredentials },
  url?: string,
): Record<string, string> {
  return {
    X_PARTNER_ID: merchant.partnerId,
    PRIVATE_KEY: merchant.privateKeyPem ?? '',
    ORIGIN: merchant.origin,
    MERCHANT_ID: merchant.merchantId,
    CLIENT_SECRET: merchant.clientSecret,
    DANA_PUBLIC_KEY: keys.danaPublicKeyPem,
    ...(url ? { DANA_SIM_URL: url } : {}),
    // The UAT helper's names for the sandbox's BNI deposit top-up, and the merchant's deposit VA.
    BNI_VA_TOP_UP_CLIENT_ID: keys.bni.clientId,
    BNI_VA_TOP_UP_SECRET_KEY: keys.bni.secretKey,
    DEPOSIT_VA_NUMBER: depositVaNumber(merchant.merchantId),
  };
}
