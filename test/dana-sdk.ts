import { Dana } from 'dana-node';

/** The official SDK configured only from what the credentials file holds, under the SDK's own variable names. */
export function danaFromEnv(env: Record<string, string>): Dana {
  return new Dana({
    partnerId: env.X_PARTNER_ID,
    privateKey: env.PRIVATE_KEY,
    origin: env.ORIGIN,
    clientSecret: env.CLIENT_SECRET,
    env: 'sandbox',
  });
}
