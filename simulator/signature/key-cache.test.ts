import { describe, expect, it } from 'vitest';
import { PublicKeyCache } from './key-cache.ts';
import { generateRsaKeyPair } from './keys.ts';

const first = generateRsaKeyPair();
const second = generateRsaKeyPair();

describe('PublicKeyCache', () => {
  it('parses a client key once and hands back the same key object while the PEM is unchanged', () => {
    const cache = new PublicKeyCache();
    const key = cache.get('client-1', first.publicKeyPem);
    expect(key.export({ type: 'spki', format: 'pem' })).toBe(first.publicKeyPem);
    expect(cache.get('client-1', first.publicKeyPem)).toBe(key);
  });

  it('parses again when a client registers a new PEM, and keeps the new key', () => {
    const cache = new PublicKeyCache();
    const old = cache.get('client-1', first.publicKeyPem);
    const renewed = cache.get('client-1', second.publicKeyPem);
    expect(renewed.export({ type: 'spki', format: 'pem' })).toBe(second.publicKeyPem);
    expect(cache.get('client-1', second.publicKeyPem)).toBe(renewed);
    expect(renewed).not.toBe(old);
  });

  it('keeps each client key apart', () => {
    const cache = new PublicKeyCache();
    cache.get('client-1', first.publicKeyPem);
    expect(cache.get('client-2', second.publicKeyPem).export({ type: 'spki', format: 'pem' })).toBe(second.publicKeyPem);
    expect(cache.get('client-1', first.publicKeyPem).export({ type: 'spki', format: 'pem' })).toBe(first.publicKeyPem);
  });
});
