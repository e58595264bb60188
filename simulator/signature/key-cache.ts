import type { KeyObject } from 'node:crypto';
import { toPublicKey } from './keys.ts';

/** Parses each client's public key once; a changed PEM (re-registration) is parsed again. */
export class PublicKeyCache {
  private readonly keys = new Map<string, { pem: string; key: KeyObject }>();

  get(id: string, pem: string): KeyObject {
    let cached = this.keys.get(id);
    if (!cached || cached.pem !== pem) {
      cached = { pem, key: toPublicKey(pem) };
      this.keys.set(id, cached);
    }
    return cached.key;
  }
}
