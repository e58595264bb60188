import { createPrivateKey, createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { SimulatorClock } from '../clock/clock.ts';
import { generateRsaKeyPair } from './keys.ts';
import { ACCESS_TOKEN_LIFETIME_S, AccessTokens } from './tokens.ts';

const pair = generateRsaKeyPair();
const keys = () => ({ privateKey: createPrivateKey(pair.privateKeyPem), publicKey: createPublicKey(pair.publicKeyPem) });
// Years away from real time, so a token dated by the wall clock instead of the simulator's would show.
const START_MS = Date.UTC(2040, 0, 1);

describe('AccessTokens', () => {
  it('issues an RS256 JWT for the client, dated and expiring by the simulator clock', () => {
    const tokens = new AccessTokens(keys, SimulatorClock.frozen(START_MS));
    const issued = tokens.issue('client-1');
    expect(issued.expiresIn).toBe('900');
    const claims = jwt.verify(issued.accessToken, pair.publicKeyPem, {
      algorithms: ['RS256'],
      clockTimestamp: START_MS / 1000,
    }) as jwt.JwtPayload;
    expect(claims).toMatchObject({
      iat: START_MS / 1000,
      exp: START_MS / 1000 + ACCESS_TOKEN_LIFETIME_S,
      iss: 'dana-sim',
      sub: 'client-1',
    });
  });

  it('accepts a token until its lifetime has passed on the simulator clock', () => {
    const clock = SimulatorClock.frozen(START_MS);
    const tokens = new AccessTokens(keys, clock);
    const { accessToken } = tokens.issue('client-1');
    expect(tokens.verify(accessToken, 'client-1')).toBe(true);
    clock.advance(899_000);
    expect(tokens.verify(accessToken, 'client-1')).toBe(true);
    clock.advance(1_000);
    expect(tokens.verify(accessToken, 'client-1')).toBe(false);
  });

  it('honours a shorter lifetime', () => {
    const clock = SimulatorClock.frozen(START_MS);
    const tokens = new AccessTokens(keys, clock, 60);
    const { accessToken, expiresIn } = tokens.issue('client-1');
    expect(expiresIn).toBe('60');
    clock.advance(59_000);
    expect(tokens.verify(accessToken, 'client-1')).toBe(true);
    clock.advance(1_000);
    expect(tokens.verify(accessToken, 'client-1')).toBe(false);
  });

  it('answers false, not throwing, for another client, a tampered token, a foreign key or garbage', () => {
    const clock = SimulatorClock.frozen(START_MS);
    const tokens = new AccessTokens(keys, clock);
    const { accessToken } = tokens.issue('client-1');
    const other = generateRsaKeyPair();
    const foreign = new AccessTokens(
      () => ({ privateKey: createPrivateKey(other.privateKeyPem), publicKey: createPublicKey(other.publicKeyPem) }),
      clock,
    ).issue('client-1');
    const [header, , signature] = accessToken.split('.');
    const payload = Buffer.from(
      JSON.stringify({ iat: START_MS / 1000, exp: START_MS / 1000 + 10 ** 6, iss: 'dana-sim', sub: 'client-1' }),
    ).toString('base64url');
    expect(tokens.verify(accessToken, 'client-2')).toBe(false);
    expect(tokens.verify(`${header}.${payload}.${signature}`, 'client-1')).toBe(false);
    expect(tokens.verify(foreign.accessToken, 'client-1')).toBe(false);
    expect(tokens.verify('not-a-token', 'client-1')).toBe(false);
  });
});
