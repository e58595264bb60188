import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';

// The local certificate authority of one data directory, and the server certificate it signs for
// DANA's hosts. Made once, kept in <data>/tls and reused, so a client trusts ca.pem once. The CA's key
// never leaves the data directory (mode 0600). The leaf is remade when it nears expiry, when the
// host list changed or when the CA was replaced.

export interface TlsMaterial {
  /** Path of the CA certificate a client trusts (SSL_CERT_FILE, NODE_EXTRA_CA_CERTS, `ca`). */
  readonly caPath: string;
  readonly caPem: string;
  /** The server certificate and its key, for the HTTPS listener. */
  readonly certPem: string;
  readonly keyPem: string;
}

const CA_YEARS = 10;
// Clients cap server certificates at 398 days (Apple, Chrome); a shorter one is renewed on a later start.
const LEAF_DAYS = 397;
const RENEW_BEFORE_MS = 7 * 24 * 3600_000;

function newKeys(): { privateKeyPem: string; publicKey: forge.pki.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
  // Node makes the RSA key (forge's pure-JS generation takes seconds); forge writes the certificates.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(privateKeyPem) as forge.pki.rsa.PrivateKey;
  return { privateKeyPem, privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

function serial(): string {
  // Positive (top bit clear) and unique per certificate, so clients never confuse two generations.
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

function validity(cert: forge.pki.Certificate, ms: number): void {
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60 * 60_000); // an hour of slack for skewed clocks
  cert.validity.notAfter = new Date(now + ms);
}

function createCa(): { certPem: string; keyPem: string } {
  const keys = newKeys();
  const cert = forge.pki.createCertificate();
  cert.serialNumber = serial();
  cert.publicKey = keys.publicKey;
  validity(cert, CA_YEARS * 365 * 24 * 3600_000);
  const name = [
    { name: 'commonName', value: 'dana-sim local CA' },
    { name: 'organizationName', value: 'dana-sim (local simulator, not DANA)' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

function createLeaf(hosts: readonly string[], caCertPem: string, caKeyPem: string): { certPem: string; keyPem: string } {
  const ca = forge.pki.certificateFromPem(caCertPem);
  const keys = newKeys();
  const cert = forge.pki.createCertificate();
  cert.serialNumber = serial();
  cert.publicKey = keys.publicKey;
  validity(cert, LEAF_DAYS * 24 * 3600_000);
  cert.setSubject([{ name: 'commonName', value: hosts[0] ?? 'localhost' }]);
  cert.setIssuer(ca.subject.attributes);
  const isIp = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: hosts.map((host) => (isIp(host) ? { type: 7, ip: host } : { type: 2, value: host })) },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(caKeyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

/** The names a certificate covers, as written in its subjectAltName (DNS names and IP addresses). */
function altNames(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(', ')
    .filter(Boolean)
    .map((entry) => entry.replace(/^(DNS|IP Address):/, '').toLowerCase());
}

function leafStillFits(certPem: string, caPem: string, hosts: readonly string[]): boolean {
  try {
    const leaf = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    const sameHosts = [...altNames(leaf)].sort().join() === hosts.map(normalise).sort().join();
    return sameHosts && leaf.verify(ca.publicKey) && Date.parse(leaf.validTo) - Date.now() > RENEW_BEFORE_MS;
  } catch {
    return false; // unreadable: remake it
  }
}

// Node prints IPv6 SANs in full form; the list is compared in that spelling.
function normalise(host: string): string {
  return host === '::1' ? '0:0:0:0:0:0:0:1' : host.toLowerCase();
}

async function writeSecret(path: string, pem: string): Promise<void> {
  await writeFile(path, pem, { mode: 0o600 });
  await chmod(path, 0o600); // writeFile's mode applies only to a new file
}

/** The CA and the server certificate for `hosts` in <dataDir>/tls, created or renewed as needed. */
export async function ensureTlsMaterial(dataDir: string, hosts: readonly string[]): Promise<TlsMaterial> {
  const dir = join(dataDir, 'tls');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const paths = {
    ca: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca-key.pem'),
    cert: join(dir, 'server.pem'),
    key: join(dir, 'server-key.pem'),
  };
  let caPem: string;
  let caKeyPem: string;
  if (existsSync(paths.ca) && existsSync(paths.caKey)) {
    caPem = await readFile(paths.ca, 'utf8');
    caKeyPem = await readFile(paths.caKey, 'utf8');
  } else {
    ({ certPem: caPem, keyPem: caKeyPem } = createCa());
    await writeSecret(paths.caKey, caKeyPem);
    await writeFile(paths.ca, caPem);
  }
  if (existsSync(paths.cert) && existsSync(paths.key)) {
    const certPem = await readFile(paths.cert, 'utf8');
    if (leafStillFits(certPem, caPem, hosts)) return { caPath: paths.ca, caPem, certPem, keyPem: await readFile(paths.key, 'utf8') };
  }
  const leaf = createLeaf(hosts, caPem, caKeyPem);
  await writeSecret(paths.key, leaf.keyPem);
  await writeFile(paths.cert, leaf.certPem);
  return { caPath: paths.ca, caPem, certPem: leaf.certPem, keyPem: leaf.keyPem };
}
