import { randomUUID, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import type JsonWebToken from 'jsonwebtoken';
import type { Clock } from '../clock/clock.ts';
import type { TokenFacts } from './diagnose.ts';

// Loaded on first use: most runs never issue a B2B token, and loading it costs ~25 ms of every start.
let loaded: typeof JsonWebToken | undefined;
const jwt = (): typeof JsonWebToken => (loaded ??= createRequire(import.meta.url)('jsonwebtoken') as typeof JsonWebToken);

// B2B access tokens (auth.md section 4): JWTs signed with the simulator's DANA key (RS256), so any
// holder of DANA_PUBLIC_KEY can inspect them. Lifetime and expiry follow the simulator clock, so a
// test can expire a token by advancing the clock. DANA's lifetime is not documented; 900 s is the
// common SNAP value.

export const ACCESS_TOKEN_LIFETIME_S = 900;
const ISSUER = 'dana-sim';

export class AccessTokens {
  constructor(
    private readonly keys: () => { privateKey: KeyObject; publicKey: KeyObject },
    private readonly clock: Clock,
    private readonly lifetimeS = ACCESS_TOKEN_LIFETIME_S,
  ) {}

  issue(clientId: string): { accessToken: string; expiresIn: string } {
    const iat = Math.floor(this.clock.now() / 1000);
    const accessToken = jwt().sign({ iat }, this.keys().privateKey, {
      algorithm: 'RS256',
      expiresIn: this.lifetimeS,
      issuer: ISSUER,
      subject: clientId,
      jwtid: randomUUID(),
    });
    return { accessToken, expiresIn: String(this.lifetimeS) };
  }

  /** True only for an unexpired token this simulator issued to this client. */
  verify(token: string, clientId: string): boolean {
    try {
      jwt().verify(token, this.keys().publicKey, {
        algorithms: ['RS256'],
        issuer: ISSUER,
        subject: clientId,
        clockTimestamp: Math.floor(this.clock.now() / 1000),
      });
      return true;
    } catch {
      return false;
    }
  }

  /** What a refused token is (only after verify said no): ours or not, whose, and when it expires. */
  inspect(token: string): TokenFacts {
    try {
      const claims = jwt().verify(token, this.keys().publicKey, { algorithms: ['RS256'], issuer: ISSUER, ignoreExpiration: true });
      if (typeof claims === 'string') return { ours: false };
      return { ours: true, subject: claims.sub, expiresAtMs: claims.exp === undefined ? undefined : claims.exp * 1000 };
    } catch {
      return { ours: false };
    }
  }
}
