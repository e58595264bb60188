import { createPrivateKey, createPublicKey } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { bodyForms, stripInsignificantWhitespace } from './body-forms.ts';
import { generateRsaKeyPair, toPrivateKey, toPublicKey } from './keys.ts';
import {
  asymmetricStringToSign,
  rsaSign,
  signAsymmetric,
  signSymmetric,
  signTokenRequest,
  symmetricStringToSign,
  verifyAsymmetric,
  verifySymmetric,
  verifyTokenRequest,
} from './snap.ts';

// One key pair for the file: RSA generation dominates the runtime otherwise.
const keys = generateRsaKeyPair();
const PATH = '/rest/v1.0/emoney/topup';
const TS = '2030-05-01T00:46:43+07:00';
const BODY = { partnerReferenceNo: 'ref-1', amount: { value: '10000.00', currency: 'IDR' }, notes: 'a, b: c' };
const COMPACT = JSON.stringify(BODY);

/** Signs exactly `hashedBody`, the way an SDK does before it serialises what it sends. */
function sdkSignature(hashedBody: string, method = 'POST', path = PATH, timestamp = TS): string {
  return rsaSign(asymmetricStringToSign(method, path, hashedBody, timestamp), keys.privateKeyPem);
}

describe('body forms', () => {
  it('strips whitespace outside strings only, keeping escapes and key order', () => {
    const raw = '{ "b" : "x y\\" z" ,\n\t"a": [ 1, 2 ] }';
    expect(stripInsignificantWhitespace(raw)).toBe('{"b":"x y\\" z","a":[1,2]}');
  });

  it('strips each JSON whitespace character: space, tab, line feed and carriage return', () => {
    expect(stripInsignificantWhitespace('{\r\n\t"a" :\r1 ,"b":\n[ 2\t]}\r\n')).toBe('{"a":1,"b":[2]}');
    expect(stripInsignificantWhitespace('  ')).toBe('');
  });

  it('offers the stripped text, the compact re-serialisation and the raw text, without duplicates', () => {
    expect(bodyForms('{"a":"\\/"}')).toEqual(['{"a":"\\/"}', '{"a":"/"}']);
    expect(bodyForms('{"a": 1}')).toEqual(['{"a":1}', '{"a": 1}']);
    expect(bodyForms('not json ')).toEqual(['notjson', 'not json ']);
  });
});

describe('asymmetric SNAP signature', () => {
  const input = { method: 'POST', path: PATH, body: COMPACT, timestamp: TS };

  it('builds METHOD:path:sha256hex:timestamp with an uppercased method', () => {
    expect(asymmetricStringToSign('post', PATH, '{}', TS)).toBe(
      `POST:${PATH}:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a:${TS}`,
    );
  });

  it('hashes the body as UTF-8', () => {
    expect(asymmetricStringToSign('POST', '/p', '{"a":"é"}', TS)).toBe(
      `POST:/p:b3a092a6af48807fa9482b2ee140105575daa26d5b24b3c0e60a7e2dee6683b1:${TS}`,
    );
  });

  it('round-trips sign and verify', () => {
    const signature = signAsymmetric(input, keys.privateKeyPem);
    expect(verifyAsymmetric(input, signature, keys.publicKeyPem)).toBe(true);
    expect(signature).toBe(sdkSignature(COMPACT));
  });

  it('accepts a Python-style spaced body signed over compact JSON', () => {
    const spaced = '{"partnerReferenceNo": "ref-1", "amount": {"value": "10000.00", "currency": "IDR"}, "notes": "a, b: c"}';
    expect(JSON.parse(spaced)).toEqual(BODY);
    expect(verifyAsymmetric({ ...input, body: spaced }, sdkSignature(COMPACT), keys.publicKeyPem)).toBe(true);
  });

  it('accepts a PHP-style body with escaped slashes whose hash was over unescaped slashes', () => {
    const sent = '{"callbackUrl":"https:\\/\\/merchant.example\\/cb","amount":{"value":"1.00","currency":"IDR"}}';
    const hashed = '{"callbackUrl":"https://merchant.example/cb","amount":{"value":"1.00","currency":"IDR"}}';
    expect(verifyAsymmetric({ ...input, body: sent }, sdkSignature(hashed), keys.publicKeyPem)).toBe(true);
  });

  it('accepts a Go-style body whose \\u003c escapes were signed verbatim', () => {
    const sent = '{"notes":"a \\u003c b \\u0026 c \\u003e d"}';
    expect(JSON.stringify(JSON.parse(sent))).not.toBe(sent);
    expect(verifyAsymmetric({ ...input, body: sent }, sdkSignature(sent), keys.publicKeyPem)).toBe(true);
  });

  it('rejects a changed body byte, path, method or timestamp', () => {
    const signature = signAsymmetric(input, keys.privateKeyPem);
    const tampered = [
      { ...input, body: COMPACT.replace('10000.00', '10000.01') },
      { ...input, path: '/rest/v1.0/emoney/topuP' },
      { ...input, method: 'PUT' },
      { ...input, timestamp: '2030-05-01T00:46:44+07:00' },
    ];
    for (const candidate of tampered) expect(verifyAsymmetric(candidate, signature, keys.publicKeyPem)).toBe(false);
  });

  it('rejects a signature from another key and a garbage signature', () => {
    const other = generateRsaKeyPair();
    expect(verifyAsymmetric(input, signAsymmetric(input, other.privateKeyPem), keys.publicKeyPem)).toBe(false);
    expect(verifyAsymmetric(input, 'not-a-signature', keys.publicKeyPem)).toBe(false);
  });
});

describe('signature encoding', () => {
  const input = { method: 'POST', path: PATH, body: COMPACT, timestamp: TS };

  it('accepts canonical base64 with or without padding', () => {
    const signature = signAsymmetric(input, keys.privateKeyPem);
    expect(verifyAsymmetric(input, signature, keys.publicKeyPem)).toBe(true);
    expect(verifyAsymmetric(input, signature.replace(/=+$/, ''), keys.publicKeyPem)).toBe(true);
  });

  it('rejects anything after the padding, a second comma-joined value, and altered unused bits', () => {
    const rsa = signAsymmetric(input, keys.privateKeyPem);
    const hmac = signSymmetric(input, 'token', 'secret');
    for (const [signature, check] of [
      [rsa, (s: string) => verifyAsymmetric(input, s, keys.publicKeyPem)],
      [hmac, (s: string) => verifySymmetric(input, 'token', s, 'secret')],
    ] as const) {
      expect(check(signature)).toBe(true);
      expect(check(`${signature}AAAA`)).toBe(false);
      expect(check(`${signature}, AAAA`)).toBe(false);
      // The last character before the padding carries unused low bits; flipping one keeps the bytes.
      const last = signature.replace(/=+$/, '').length - 1;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const index = alphabet.indexOf(signature[last]);
      const twin = `${signature.slice(0, last)}${alphabet[index ^ 1]}${signature.slice(last + 1)}`;
      expect(Buffer.from(twin, 'base64').equals(Buffer.from(signature, 'base64'))).toBe(true);
      expect(check(twin)).toBe(false);
    }
  });
});

describe('key formats', () => {
  const privateKey = createPrivateKey(keys.privateKeyPem);
  const publicKey = createPublicKey(keys.publicKeyPem);
  const input = { method: 'POST', path: PATH, body: COMPACT, timestamp: TS };
  const reference = signAsymmetric(input, keys.privateKeyPem);

  const privateForms: Record<string, string> = {
    'PKCS#8 PEM': keys.privateKeyPem,
    'PKCS#1 PEM': privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    'bare base64 PKCS#8 DER': privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    'bare base64 PKCS#1 DER': privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
    'PEM with literal \\n escapes': keys.privateKeyPem.trim().replace(/\n/g, '\\n'),
  };
  const publicForms: Record<string, string> = {
    'SPKI PEM': keys.publicKeyPem,
    'PKCS#1 PEM': publicKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    'bare base64 SPKI DER': publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    'bare base64 PKCS#1 DER': publicKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
    'PEM with literal \\n escapes': keys.publicKeyPem.trim().replace(/\n/g, '\\n'),
  };

  for (const [name, text] of Object.entries(privateForms)) {
    it(`signs with a private key given as ${name}`, () => {
      // PKCS#1 v1.5 signatures are deterministic, so every form must produce the same bytes.
      expect(signAsymmetric(input, text)).toBe(reference);
      expect(toPrivateKey(text).asymmetricKeyType).toBe('rsa');
    });
  }

  for (const [name, text] of Object.entries(publicForms)) {
    it(`verifies with a public key given as ${name}`, () => {
      expect(verifyAsymmetric(input, reference, text)).toBe(true);
      expect(toPublicKey(text).export({ type: 'spki', format: 'pem' }).toString()).toBe(keys.publicKeyPem);
    });
  }

  it('derives the public key from a private key', () => {
    expect(verifyAsymmetric(input, reference, privateKey)).toBe(true);
  });

  it('refuses text that is neither PEM nor base64, naming the kind of key', () => {
    expect(() => toPrivateKey('not a key!')).toThrow('private key is neither PEM nor base64 DER');
    expect(() => toPublicKey('not a key!')).toThrow('public key is neither PEM nor base64 DER');
  });

  it('refuses base64 DER with a stray character, which a lenient base64 decoder would skip', () => {
    const der = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(() => toPublicKey(`#${der}`)).toThrow('public key is neither PEM nor base64 DER');
    expect(() => toPublicKey(`${der}#`)).toThrow('public key is neither PEM nor base64 DER');
  });

  it('reads bare base64 DER wrapped over lines, as copied from the body of a PEM', () => {
    const wrap = (der: Buffer) => der.toString('base64').replace(/.{1,64}/g, '$&\n');
    expect(signAsymmetric(input, wrap(privateKey.export({ type: 'pkcs8', format: 'der' })))).toBe(reference);
    expect(verifyAsymmetric(input, reference, wrap(publicKey.export({ type: 'spki', format: 'der' })))).toBe(true);
  });

  it('reads a PEM pasted with spaces around it', () => {
    expect(signAsymmetric(input, `  ${keys.privateKeyPem}  `)).toBe(reference);
    expect(verifyAsymmetric(input, reference, `  ${keys.publicKeyPem}  `)).toBe(true);
  });

  it('verifies with the public key of an X.509 certificate', () => {
    const certificate = forge.pki.createCertificate();
    certificate.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
    certificate.serialNumber = '01';
    certificate.validity.notBefore = new Date(Date.UTC(2030, 0, 1));
    certificate.validity.notAfter = new Date(Date.UTC(2031, 0, 1));
    const name = [{ name: 'commonName', value: 'merchant.example' }];
    certificate.setSubject(name);
    certificate.setIssuer(name);
    certificate.sign(forge.pki.privateKeyFromPem(keys.privateKeyPem), forge.md.sha256.create());
    const pem = forge.pki.certificateToPem(certificate);
    expect(verifyAsymmetric(input, reference, pem)).toBe(true);
    expect(toPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString()).toBe(keys.publicKeyPem);
  });
});

describe('symmetric SNAP signature (HMAC-SHA512)', () => {
  const input = { method: 'POST', path: PATH, body: COMPACT, timestamp: TS };
  const token = 'access-token-1';
  const secret = 'client-secret-1';

  it('builds METHOD:path:token:sha256hex:timestamp with an uppercased method', () => {
    expect(symmetricStringToSign('post', PATH, token, '{}', TS)).toBe(
      `POST:${PATH}:${token}:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a:${TS}`,
    );
    expect(signSymmetric({ ...input, method: 'post' }, token, secret)).toBe(signSymmetric(input, token, secret));
  });

  it('matches an HMAC-SHA512 computed independently over UTF-8 text', () => {
    // openssl dgst -sha512 -hmac secret over "POST:/p:tok:<sha256 of the body>:<timestamp>"
    expect(signSymmetric({ method: 'POST', path: '/p', body: '{"a":"é"}', timestamp: TS }, 'tok', 'secret')).toBe(
      '84CEOwYTI5SolMS0O4c3GNLAd3j3lk4gIfYquk9r7Rzxm4Kehc8llV2maYrj16RuLWh+k6OrV/S+r6S94vgmNA==',
    );
  });

  it('round-trips and yields a 64-byte base64 HMAC', () => {
    const signature = signSymmetric(input, token, secret);
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(verifySymmetric(input, token, signature, secret)).toBe(true);
  });

  it('accepts a spaced body signed over compact JSON', () => {
    const signature = signSymmetric(input, token, secret);
    const spaced = JSON.stringify(BODY, null, 2);
    expect(verifySymmetric({ ...input, body: spaced }, token, signature, secret)).toBe(true);
  });

  it('rejects a changed body, token, secret, path or timestamp, and a short signature', () => {
    const signature = signSymmetric(input, token, secret);
    expect(verifySymmetric({ ...input, body: COMPACT.replace('ref-1', 'ref-2') }, token, signature, secret)).toBe(false);
    expect(verifySymmetric(input, 'access-token-2', signature, secret)).toBe(false);
    expect(verifySymmetric(input, token, signature, 'client-secret-2')).toBe(false);
    expect(verifySymmetric({ ...input, path: '/other' }, token, signature, secret)).toBe(false);
    expect(verifySymmetric({ ...input, timestamp: '2030-05-01T00:46:44+07:00' }, token, signature, secret)).toBe(false);
    expect(verifySymmetric(input, token, 'c2hvcnQ=', secret)).toBe(false);
  });
});

describe('token request signature', () => {
  it('signs clientId|timestamp and rejects any change', () => {
    const signature = signTokenRequest('partner-1', TS, keys.privateKeyPem);
    expect(signature).toBe(rsaSign(`partner-1|${TS}`, keys.privateKeyPem));
    expect(verifyTokenRequest('partner-1', TS, signature, keys.publicKeyPem)).toBe(true);
    expect(verifyTokenRequest('partner-2', TS, signature, keys.publicKeyPem)).toBe(false);
    expect(verifyTokenRequest('partner-1', '2030-05-01T00:46:44+07:00', signature, keys.publicKeyPem)).toBe(false);
    expect(verifyTokenRequest('partner-1', TS, signature, 'garbage key')).toBe(false);
  });
});
