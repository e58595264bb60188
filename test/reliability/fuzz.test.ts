import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { Agent, request, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointContract } from '../../contracts/index.ts';
import { ENDPOINTS } from '../../simulator/products/index.ts';
import type { FieldSpec, Fields } from '../../contracts/common/fields.ts';
import { createExpressApp } from '../../simulator/adapters/express.ts';
import { seededRandom } from '../../simulator/core/random.ts';
import { validate } from '../../simulator/core/validate.ts';
import { encodeBniData } from '../../simulator/signature/bni-codec.ts';
import { openApiRequest, snapRequest, tokenRequest, type MerchantCredentials } from '../../simulator/signature/client.ts';
import { rsaSign } from '../../simulator/signature/snap.ts';
import { openApiReplySignatureProblem } from '../oracle/dana-signature.ts';
import { createTestSimulator, inquiryBody, ledgerState, topUpBody, type TestSimulator } from '../helpers.ts';
import type { Bodies, FixtureContext, Random } from './fuzz-bodies/types.ts';

// Issue 8: a seeded fuzzer. Over 10,000 malformed or mutated requests reach every endpoint in
// ENDPOINTS (SNAP, Open API and BNI envelopes) through a real loopback server: bad JSON, wrong types,
// huge strings and numbers, unicode and lone surrogates, duplicate keys, missing and extra headers,
// bad signatures, replayed X-EXTERNAL-IDs, oversized and slow bodies, and validly signed requests
// with invalid field values. Every request is built to be rejected, so: no 5xx at all (sandbox
// rules are off), every reply is JSON in its endpoint's DANA shape, every Open API reply carries a
// signature the independent oracle verifies with the DANA key, no request is accepted, the ledger
// ends identical, and the server still answers valid requests at the end.

const TASKS = 9_800;
const CONCURRENCY = 20;
const MIN_REQUESTS = 10_000;

type Shape = 'snap' | 'open-api' | 'bni' | 'unknown';

interface FuzzRequest {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[]>;
  readonly body: string | Buffer;
  readonly shape: Shape;
  /** The exact HTTP status required (e.g. 409 for a replayed X-EXTERNAL-ID); otherwise any rejection. */
  readonly status?: number;
}

interface Reply {
  readonly status: number;
  readonly text: string;
}

let t: TestSimulator;
let server: Server;
let baseUrl: string;
let agent: Agent;
const bugs: unknown[] = [];
let tokens: { merchant: string; bank: string };
/** The provisioned merchant and bank, with parsed keys (parsing a PEM per signature would dominate the run). */
let clients: { merchant: MerchantCredentials & { clientSecret: string }; bank: MerchantCredentials & { clientSecret: string } };
/** Every Open API reply, rejection or not, must verify with it (checked by the independent oracle). */
let danaPublicKey: KeyObject;

beforeAll(async () => {
  t = await createTestSimulator({ sandboxRules: false, onBug: (error) => bugs.push(error) });
  danaPublicKey = createPublicKey(t.sim.danaKeys.publicKeyPem);
  server = await new Promise<Server>((resolve) => {
    const listening = createExpressApp(t.sim).listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const token = async (credentials: MerchantCredentials) => {
    const signed = tokenRequest(credentials);
    const reply = await send({
      label: 'token',
      method: 'POST',
      path: signed.path,
      headers: signed.headers,
      body: signed.body,
      shape: 'snap',
    });
    expect(reply.status).toBe(200);
    return JSON.parse(reply.text).accessToken as string;
  };
  clients = {
    merchant: { ...t.credentials, privateKey: createPrivateKey(t.credentials.privateKey as string) },
    bank: { ...t.bank.credentials, privateKey: createPrivateKey(t.bank.credentials.privateKey as string) },
  };
  tokens = { merchant: await token(clients.merchant), bank: await token(clients.bank) };
});

afterAll(async () => {
  agent?.destroy();
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await t?.sim.close();
});

/** Header values go out as bytes: unicode as its UTF-8 bytes, characters HTTP forbids as '?'. */
function headerBytes(value: string): string {
  return Buffer.from(value, 'utf8')
    .toString('latin1')
    .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '?');
}

function send(fuzz: FuzzRequest, timeoutMs = 10_000): Promise<Reply> {
  const headers: Record<string, string | string[]> = Object.fromEntries(
    Object.entries(fuzz.headers).map(([name, value]) => [name, Array.isArray(value) ? value.map(headerBytes) : headerBytes(value)]),
  );
  // Frame every body explicitly: Node's client sends GET and DELETE bodies unframed otherwise.
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'transfer-encoding'))
    headers['content-length'] = String(Buffer.byteLength(fuzz.body));
  return new Promise((resolve, reject) => {
    const call = request(baseUrl + fuzz.path, { method: fuzz.method, headers, agent, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    call.on('timeout', () => call.destroy(new Error(`${fuzz.label}: no reply within ${timeoutMs} ms`)));
    call.on('error', reject);
    call.end(fuzz.body);
  });
}

/** Why a reply is wrong for a request that must be rejected, or undefined when it is right. */
function problemOf(fuzz: FuzzRequest, reply: Reply): string | undefined {
  if (reply.status >= 500) return `HTTP ${reply.status}`;
  if (/at .*\.ts:\d+/.test(reply.text)) return 'stack trace in the reply';
  let body: any;
  try {
    body = JSON.parse(reply.text);
  } catch {
    return `not JSON: ${reply.text.slice(0, 80)}`;
  }
  if (fuzz.status !== undefined && reply.status !== fuzz.status)
    return `HTTP ${reply.status}, wanted ${fuzz.status}: ${reply.text.slice(0, 120)}`;
  switch (fuzz.shape) {
    case 'unknown':
      return reply.status === 404 && body?.responseCode === '4040000'
        ? undefined
        : `not the unknown-route reply: ${reply.status} ${reply.text.slice(0, 120)}`;
    case 'snap': {
      if (typeof body?.responseCode !== 'string' || !/^\d{7}$/.test(body.responseCode))
        return `no SNAP responseCode: ${reply.text.slice(0, 120)}`;
      if (Number(body.responseCode.slice(0, 3)) !== reply.status) return `HTTP ${reply.status} but responseCode ${body.responseCode}`;
      if (typeof body.responseMessage !== 'string') return 'no responseMessage';
      return reply.status >= 400 ? undefined : `accepted: ${reply.text.slice(0, 160)}`;
    }
    case 'open-api': {
      const info = body?.response?.body?.resultInfo;
      if (typeof info?.resultStatus !== 'string' || typeof info?.resultCode !== 'string')
        return `no Open API resultInfo: ${reply.text.slice(0, 120)}`;
      const unsigned = openApiReplySignatureProblem(reply.text, danaPublicKey);
      if (unsigned) return `Open API reply not signed by the DANA key: ${unsigned}`;
      return info.resultStatus !== 'S' ? undefined : `accepted: ${reply.text.slice(0, 160)}`;
    }
    case 'bni':
      if (typeof body?.status !== 'string') return `no BNI status: ${reply.text.slice(0, 120)}`;
      return body.status !== '000' ? undefined : `accepted: ${reply.text.slice(0, 160)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Generators. Each task gets its own seeded source, so the run is the same whatever the timing.

// Each product's valid bodies, found by listing fuzz-bodies/ (one file per product).
const FIXTURES = new URL('./fuzz-bodies/', import.meta.url);
const fixtureFiles = await Promise.all(
  readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.ts') && name !== 'types.ts')
    .sort()
    .map((name) => import(new URL(name, FIXTURES).href) as Promise<{ bodies: (context: FixtureContext) => Bodies }>),
);
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (random: Random, below: number) => Math.floor(random() * below);

/** Strings that stress encoders: unicode, lone surrogates, control characters, right-to-left marks. */
const ODD_TEXT = [
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  '\u0000',
  '\u202e',
  'Ωμέγα',
  '日本語',
  '"\\',
  '\u2028\u2029',
  '\ufeff',
  '%00',
  '<script>',
];

function oddString(random: Random, length: number): string {
  const unit = pick(random, ['x', ...ODD_TEXT]);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, Math.max(length, 1));
}

/** Every field of a contract (depth first), with its dotted path. */
function fieldsOf(fields: Fields, prefix = ''): { path: string; spec: FieldSpec; topLevel: boolean }[] {
  const out: { path: string; spec: FieldSpec; topLevel: boolean }[] = [];
  for (const [name, spec] of Object.entries(fields)) {
    out.push({ path: prefix + name, spec, topLevel: prefix === '' });
    if (spec.type === 'object' && spec.fields) out.push(...fieldsOf(spec.fields, `${prefix}${name}.`));
  }
  return out;
}

/** Values that are present but can never satisfy the spec (wrong type, or outside its limits). */
function invalidValue(random: Random, spec: FieldSpec): unknown {
  const notString = [0, -1, 1e308, 3.14, true, false, [], ['x'], {}, { a: 'b' }, [[[[]]]]];
  switch (spec.type) {
    case 'string': {
      const choices: (() => unknown)[] = [() => pick(random, notString)];
      if (spec.maxLength !== undefined) {
        const max = spec.maxLength;
        choices.push(
          () => oddString(random, max + 1 + int(random, 5)),
          () => 'x'.repeat(max + 1),
          () => oddString(random, max + 1 + (random() < 0.03 ? 20_000 + int(random, 60_000) : int(random, 2_000))),
        );
      }
      if (spec.oneOf) choices.push(() => `${pick(random, spec.oneOf!)}${pick(random, ODD_TEXT)}`);
      if (spec.pattern) {
        const candidate = pick(random, ['abc', ' ', '\ud800', '12 34', 'Ωμέγα', '2030-05-01 00:00:00']);
        if (!spec.pattern.test(candidate)) choices.push(() => candidate);
      }
      return pick(random, choices)();
    }
    case 'number':
      return pick(random, ['12', true, [], {}, 'NaN', [1], ...(spec.max !== undefined ? [spec.max + 1, 1e300] : [])]);
    case 'boolean':
      return pick(random, ['true', 1, 0, [], {}, 'false']);
    case 'money':
      return pick(random, [
        '1.00',
        100,
        [],
        true,
        { value: 1, currency: 'IDR' },
        { value: '1.00' },
        { currency: 'IDR' },
        { value: 'abc', currency: 'IDR' },
        { value: '1.00', currency: 'USD' },
        { value: '1.00', currency: 'idr' },
        { value: '-1.00', currency: 'IDR' },
        { value: '1.5', currency: 'IDR' },
        { value: '1e5', currency: 'IDR' },
        { value: '99999999999999999999.00', currency: 'IDR' },
        { value: '\ud800.00', currency: 'IDR' },
        { value: '１.00', currency: 'IDR' },
        { value: '1.00', currency: ['IDR'] },
      ]);
    case 'object':
      return pick(random, ['x', 1, [], true, [{}], 1e308]);
    case 'array': {
      const wrongItems = spec.items.type === 'string' ? [[1], [null, {}]] : [['x']];
      return pick(random, ['x', 1, {}, true, ...wrongItems, ...(spec.minItems ? [[]] : [])]);
    }
  }
}

/** Raw JSON literals, appended as a duplicate key (the last one wins in JSON.parse), that never fit the spec. */
function invalidLiteral(random: Random, spec: FieldSpec): string {
  const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  switch (spec.type) {
    case 'number':
      return pick(random, [
        '1e400',
        '-1e400',
        '"12"',
        '[1e400]',
        ...(spec.max !== undefined ? ['1e300', '123456789012345678901234567890'] : []),
      ]);
    case 'money':
      return pick(random, [
        '"1.00"',
        '1e400',
        '{"value":1e400,"currency":"IDR"}',
        '{"value":"1.00","currency":"IDR","value":"x"}',
        deep(2_000),
      ]);
    default: {
      const literals = [
        '1e400',
        '-0',
        '123456789012345678901234567890',
        deep(1 + int(random, 5_000)),
        '{"\\ud800":"\\udfff"}',
        'true',
        '"\\ud800"',
      ];
      const fits: Record<string, (literal: string) => boolean> = {
        string: (literal) => literal.startsWith('"'),
        object: (literal) => literal.startsWith('{'),
        array: (literal) => literal.startsWith('['),
        boolean: (literal) => literal === 'true',
      };
      return pick(
        random,
        literals.filter((literal) => !fits[spec.type](literal)),
      );
    }
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let current = target;
  for (const part of parts.slice(0, -1)) {
    if (current[part] === null || typeof current[part] !== 'object' || Array.isArray(current[part])) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[parts.at(-1)!] = value;
}

function parentOf(body: Record<string, unknown>, path: string): Record<string, unknown> | undefined {
  let current: unknown = body;
  for (const part of path.split('.').slice(0, -1)) current = (current as Record<string, unknown> | undefined)?.[part];
  return current !== null && typeof current === 'object' && !Array.isArray(current) ? (current as Record<string, unknown>) : undefined;
}

/** A body text that fails validation: one field made missing, mistyped, too long, or overridden by a duplicate key. */
function invalidBodyText(random: Random, base: Record<string, unknown>, fields: Fields): string {
  const body = structuredClone(base);
  const candidates = fieldsOf(fields);
  for (;;) {
    const { path, spec, topLevel } = pick(random, candidates);
    const mode = int(random, 4);
    if (mode === 0 && spec.presence === 'M') {
      const parent = parentOf(body, path);
      if (!parent) continue;
      const name = path.split('.').at(-1)!;
      const how = int(random, 3);
      if (how === 0) delete parent[name];
      else parent[name] = how === 1 ? null : '';
      return JSON.stringify(body);
    }
    if (mode === 1 && topLevel) return `${JSON.stringify(body).slice(0, -1)},${JSON.stringify(path)}:${invalidLiteral(random, spec)}}`;
    if (mode >= 2 || mode === 1) {
      setPath(body, path, invalidValue(random, spec));
      return JSON.stringify(body);
    }
  }
}

/** Bodies that are not a JSON object at all. */
function garbageText(random: Random, valid: string): string {
  return pick(random, [
    () => valid.slice(0, int(random, valid.length)),
    () => `\ufeff${valid}`,
    () => valid.replace(/"/g, "'"),
    () => `${valid}}`,
    () => `${valid},`,
    () => valid.replace(':', ''),
    () =>
      pick(random, [
        '',
        ' ',
        'null',
        '[]',
        '[{}]',
        '"text"',
        '0',
        '1e400',
        'true',
        '{',
        '}',
        '{"a":',
        '{"a":"\\u12"}',
        '{"a":1,}',
        "{'a':1}",
        '{"a":NaN}',
        '{"a":undefined}',
      ]),
    () => '['.repeat(3_000) + ']'.repeat(3_000),
    () => '{"a":'.repeat(1_000) + '1' + '}'.repeat(1_000),
    () => oddString(random, 1 + int(random, 1_000)),
  ])();
}

function randomBytes(random: Random, length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => int(random, 256)));
}

const HEADER_TEXT = [
  '',
  ' ',
  'null',
  'x'.repeat(4_000),
  Buffer.from('Ωμέγα \ud83d\ude00', 'utf8').toString('latin1'),
  '\t',
  '0',
  '-1',
  '2030-13-45T99:99:99+07:00',
  'Bearer',
  'Bearer  ',
  'undefined',
];

interface Target {
  readonly contract: EndpointContract;
  readonly path: string;
  /** A valid body; its reference numbers come from the task's seeded source. */
  readonly base: (random: Random) => Record<string, unknown>;
  readonly credentials: MerchantCredentials;
  readonly token: string;
}

function targets(): Target[] {
  const merchantId = t.merchantId;
  const id = (random: Random, prefix: string) => `${prefix}-${Math.floor(random() * 2 ** 48).toString(36)}`;
  const context = { merchantId, partnerServiceId: t.bank.partnerServiceId, id };
  const bases: Bodies = Object.assign({}, ...fixtureFiles.map((file) => file.bodies(context)));

  return ENDPOINTS.flatMap((contract) => {
    const base = bases[contract.key];
    if (!base) throw new Error(`no fuzz fixture for ${contract.key}: add one in test/reliability/fuzz-bodies/`);
    const bank = contract.audience === 'bank';
    return contract.paths.map((path) => ({
      contract,
      path,
      base,
      credentials: bank ? clients.bank : clients.merchant,
      token: bank ? tokens.bank : tokens.merchant,
    }));
  });
}

/** Sign a SNAP body text with the target's credentials, asymmetrically or with its B2B token. */
function signedSnap(random: Random, target: Target, text: string, externalId?: string): FuzzRequest {
  if (target.contract.envelope === 'snap' && target.contract.auth === 'token-request') {
    const signed = tokenRequest(target.credentials);
    return { label: 'token', method: 'POST', path: target.path, headers: signed.headers, body: text, shape: 'snap' };
  }
  const symmetric = random() < 0.5;
  const signed = snapRequest({
    path: target.path,
    body: text,
    credentials: target.credentials,
    accessToken: symmetric ? target.token : undefined,
    externalId,
  });
  return {
    label: symmetric ? 'snap-sym' : 'snap-asym',
    method: 'POST',
    path: target.path,
    headers: signed.headers,
    body: signed.body,
    shape: 'snap',
  };
}

function withHeaders(fuzz: FuzzRequest, change: (headers: Record<string, string | string[]>) => void, label: string): FuzzRequest {
  const headers = { ...fuzz.headers };
  change(headers);
  return { ...fuzz, headers, label: `${fuzz.label}/${label}` };
}

/** The provisioned client of the other audience: the bank for merchant endpoints, the merchant for bank ones. */
function otherClient(target: Target): MerchantCredentials {
  return target.credentials === clients.merchant ? clients.bank : clients.merchant;
}

/** A valid body with broken authentication: missing, empty, mangled or mismatched headers. */
function brokenAuth(random: Random, target: Target): FuzzRequest {
  const contract = target.contract as Extract<EndpointContract, { envelope: 'snap' }>;
  const valid = signedSnap(random, target, JSON.stringify(target.base(random)));
  const isToken = contract.auth === 'token-request';
  const mandatory = isToken
    ? ['x-timestamp', 'x-client-key', 'x-signature']
    : ['x-timestamp', 'x-signature', 'x-partner-id', 'x-external-id', 'channel-id'];
  const partnerHeader = isToken ? 'x-client-key' : 'x-partner-id';
  // Flip a character outside the base64 tail, whose low bits and padding decode to nothing.
  const flip = (text: string) => {
    const at = int(random, text.length - 4);
    return text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
  };
  return pick(random, [
    () => withHeaders(valid, (h) => delete h[pick(random, mandatory)], 'missing header'),
    () => withHeaders(valid, (h) => (h[pick(random, mandatory)] = pick(random, ['', ' ', '\t'])), 'empty header'),
    () => withHeaders(valid, (h) => (h['x-signature'] = flip(String(h['x-signature']))), 'flipped signature'),
    () =>
      withHeaders(
        valid,
        (h) =>
          (h['x-signature'] = pick(
            random,
            HEADER_TEXT.filter((v) => v.trim() !== ''),
          ).concat('==')),
        'garbage signature',
      ),
    // Duplicated headers arrive joined with ", ". (A valid signature followed by anything after its
    // base64 padding still verifies, because Node's base64 decoder stops at the padding, so the
    // garbage goes first.)
    () => withHeaders(valid, (h) => (h['x-signature'] = ['AAAA', String(h['x-signature'])]), 'duplicate signature'),
    () => withHeaders(valid, (h) => (h['x-timestamp'] = [String(h['x-timestamp']), String(h['x-timestamp'])]), 'duplicate timestamp'),
    () => withHeaders(valid, (h) => (h[partnerHeader] = [String(h[partnerHeader]), String(h[partnerHeader])]), 'duplicate partner'),
    () =>
      withHeaders(
        valid,
        (h) =>
          (h['x-timestamp'] = pick(random, [
            '2030-05-01 00:46:43',
            '2030-05-01T00:46:43',
            'yesterday',
            '2030-02-30T25:61:61+07:00',
            '1714521600',
            '2030-05-01T00:46:43+07:00 ',
          ])),
        'bad timestamp',
      ),
    () => withHeaders(valid, (h) => (h['x-timestamp'] = '2001-01-01T00:00:00+07:00'), 'timestamp not signed'),
    () =>
      withHeaders(
        valid,
        (h) => (h[partnerHeader] = pick(random, ['unknown-partner', '0', oddString(random, 40), otherClient(target).partnerId])),
        'wrong partner',
      ),
    () => ({
      ...valid,
      path: pick(
        random,
        ENDPOINTS.filter((e) => e.envelope === 'snap' && e.key !== contract.key && e.auth !== 'token-request'),
      ).paths[0],
      label: `${valid.label}/signed for another path`,
      shape: 'snap' as const,
    }),
    ...(isToken ? [] : [() => ({ ...valid, body: JSON.stringify(target.base(random)), label: `${valid.label}/signed another body` })]),
    ...(isToken
      ? []
      : [
          () =>
            withHeaders(
              valid,
              (h) =>
                (h.authorization = pick(random, [
                  'Bearer',
                  'Bearer ',
                  'Basic Zm9vOmJhcg==',
                  `Bearer ${flip(target.token)}`,
                  `Bearer ${target.token === tokens.bank ? tokens.merchant : tokens.bank}`,
                  'Bearer a.b.c',
                  `Bearer ${oddString(random, 300)}`.replace(/[^\x20-\x7e]/g, 'x'),
                ])),
              'bad bearer',
            ),
          () => {
            // Signed symmetrically with the wrong secret.
            const signed = snapRequest({
              path: target.path,
              body: valid.body as string,
              credentials: { ...target.credentials, clientSecret: 'not-the-secret' },
              accessToken: target.token,
            });
            return { ...valid, headers: signed.headers, label: 'wrong client secret' };
          },
          () => {
            // Signed with another client's private key but naming this client.
            const signed = snapRequest({
              path: target.path,
              body: valid.body as string,
              credentials: { ...otherClient(target), partnerId: target.credentials.partnerId },
            });
            return { ...valid, headers: signed.headers, label: 'wrong key' };
          },
          () => {
            // Correctly signed by a client of the other audience (a bank calling a merchant API, or the reverse).
            const signed = snapRequest({ path: target.path, body: valid.body as string, credentials: otherClient(target) });
            return { ...valid, headers: signed.headers, label: 'other audience' };
          },
        ]),
  ])();
}

function snapTask(random: Random, target: Target): FuzzRequest[] {
  const contract = target.contract as Extract<EndpointContract, { envelope: 'snap' }>;
  const roll = random();
  const extras = (fuzz: FuzzRequest): FuzzRequest =>
    random() < 0.15
      ? withHeaders(
          fuzz,
          (h) => {
            h['x-sim-fault'] = pick(random, ['SYSTEM_ERROR', 'timeout', 'reset', 'gateway-503', 'delay=5000']);
            h[`x-fuzz-${int(random, 1000)}`] = pick(
              random,
              HEADER_TEXT.filter((v) => v !== ''),
            );
            if (random() < 0.3)
              h['content-type'] = pick(random, [
                'text/plain',
                'application/x-www-form-urlencoded',
                'application/json; charset=utf-16',
                'multipart/form-data; boundary=x',
              ]);
          },
          'extra headers',
        )
      : fuzz;
  if (roll < 0.4) return [extras(signedSnap(random, target, invalidBodyText(random, target.base(random), contract.request)))];
  if (roll < 0.6) return [extras(signedSnap(random, target, garbageText(random, JSON.stringify(target.base(random)))))];
  if (roll < 0.85) return [brokenAuth(random, target)];
  if (roll < 0.9 && contract.auth !== 'token-request') {
    // Replayed X-EXTERNAL-ID: the first (invalid) request claims the id; a valid request reusing it is a conflict.
    const externalId = `fuzz-${int(random, 1e9)}-${int(random, 1e9)}`;
    const first = signedSnap(random, target, invalidBodyText(random, target.base(random), contract.request), externalId);
    const second = signedSnap(random, target, JSON.stringify(target.base(random)), externalId);
    return [first, { ...second, label: `${second.label}/replayed X-EXTERNAL-ID`, status: 409 }];
  }
  // Unsigned or raw-byte bodies, with whatever headers.
  const headers: Record<string, string> =
    random() < 0.5
      ? {}
      : {
          'content-type': 'application/json',
          'x-partner-id': target.credentials.partnerId,
          'x-timestamp': '2030-05-01T00:46:43+07:00',
          'x-signature': 'AAAA',
          'x-external-id': String(int(random, 1e9)),
          'channel-id': '95221',
        };
  if (random() < 0.3) headers['content-encoding'] = pick(random, ['gzip', 'deflate', 'br', 'identity', 'x-fuzz']);
  const body = random() < 0.5 ? randomBytes(random, int(random, 4_000)) : garbageText(random, JSON.stringify(target.base(random)));
  return [{ label: 'unsigned', method: 'POST', path: target.path, headers, body, shape: 'snap' }];
}

function openApiTask(random: Random, target: Target): FuzzRequest[] {
  const contract = target.contract as Extract<EndpointContract, { envelope: 'open-api' }>;
  const credentials = { ...target.credentials, clientSecret: (target.credentials as { clientSecret?: string }).clientSecret };
  const roll = random();
  const envelope = (
    head: Record<string, unknown>,
    body: unknown,
    sign: (text: string) => unknown = (text) => rsaSign(text, credentials.privateKey),
  ) => {
    const text = JSON.stringify({ head, body });
    return `{"request":${text},"signature":${JSON.stringify(sign(text))}}`;
  };
  const head = () => ({
    version: '2.0',
    function: contract.function,
    clientId: credentials.partnerId,
    clientSecret: credentials.clientSecret,
    reqTime: '2030-05-01T00:46:43+07:00',
    reqMsgId: `msg-${int(random, 1e9)}`,
    reserve: '{}',
  });
  let body: string;
  if (roll < 0.35) {
    // Validly signed, invalid business body.
    body = envelope(head(), JSON.parse(invalidBodyTextSafe(random, target)));
  } else if (roll < 0.6) {
    // Validly signed, broken head.
    const h: Record<string, unknown> = head();
    const field = pick(random, ['version', 'function', 'clientId', 'clientSecret', 'reqTime', 'reqMsgId']);
    const how = int(random, 4);
    if (how === 0) delete h[field];
    else if (how === 1) h[field] = pick(random, [null, '', 12, [], {}]);
    else if (how === 2) h[field] = oddString(random, 200 + int(random, 2_000));
    else if (field === 'function') h.function = 'dana.merchant.other';
    else if (field === 'clientId') h.clientId = pick(random, ['unknown', clients.bank.partnerId]);
    else h.clientSecret = 'wrong-secret';
    body = envelope(h, target.base(random));
  } else if (roll < 0.8) {
    // Valid head and body, broken signature.
    body = envelope(head(), target.base(random), (text) =>
      pick(random, [
        () => undefined,
        () => null,
        () => '',
        () => 12,
        () => [],
        () => 'AAAA',
        () => rsaSign(`${text} `, credentials.privateKey),
        () => rsaSign(text, clients.bank.privateKey),
        () => rsaSign(text, credentials.privateKey).slice(4),
      ])(),
    );
  } else if (roll < 0.9) {
    // Envelope structure.
    const signed = openApiRequest({ path: target.path, function: contract.function, credentials, body: target.base(random) });
    body = pick(random, [
      () => garbageText(random, signed.body),
      () => JSON.stringify({ request: pick(random, [null, 'x', 1, [], true]), signature: 'AAAA' }),
      () => JSON.stringify({ signature: 'AAAA' }),
      () => JSON.stringify({ request: { head: head() }, signature: rsaSign(JSON.stringify({ head: head() }), credentials.privateKey) }),
      () => envelope(head(), pick(random, [null, 'x', 1, [], [{}], true])),
      () => JSON.stringify({ request: { head: 'x', body: target.base(random) }, signature: 'AAAA' }),
    ])();
  } else {
    body = randomBytes(random, int(random, 3_000)).toString('latin1');
  }
  return [
    { label: 'open-api', method: 'POST', path: target.path, headers: { 'content-type': 'application/json' }, body, shape: 'open-api' },
  ];
}

/** invalidBodyText, but always parseable (for Open API bodies, which are embedded in an envelope). */
function invalidBodyTextSafe(random: Random, target: Target): string {
  for (;;) {
    const text = invalidBodyText(random, target.base(random), target.contract.request);
    try {
      const parsed = JSON.parse(text);
      // Embedded in the envelope, the body is serialised again: a mutation that does not survive that
      // (a duplicate key, 1e400 turning into null) would test nothing, so only lasting ones are sent.
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && JSON.stringify(parsed) === text) return text;
    } catch {
      // try another mutation
    }
  }
}

function bniTask(random: Random, target: Target): FuzzRequest[] {
  const { clientId, secretKey } = t.sim.bni();
  const encode = (json: string, secret = secretKey) => encodeBniData(json, clientId, secret, Date.now());
  const roll = random();
  let body: string;
  if (roll < 0.4)
    body = JSON.stringify({ client_id: clientId, data: encode(invalidBodyText(random, target.base(random), target.contract.request)) });
  else if (roll < 0.55)
    body = JSON.stringify({ client_id: clientId, data: encode(garbageText(random, JSON.stringify(target.base(random)))) });
  else if (roll < 0.7)
    body = JSON.stringify({
      client_id: pick(random, ['999', '', 910, null, oddString(random, 30)]),
      data: encode(JSON.stringify(target.base(random))),
    });
  else if (roll < 0.85)
    body = JSON.stringify({
      client_id: clientId,
      data: pick(random, [
        () => encode(JSON.stringify(target.base(random)), 'wrong-secret'),
        () => oddString(random, 500),
        () => randomBytes(random, 300).toString('base64url'),
        () => 12,
        () => null,
        () => '',
      ])(),
    });
  else body = garbageText(random, JSON.stringify({ client_id: clientId, data: encode(JSON.stringify(target.base(random))) }));
  return [{ label: 'bni', method: 'POST', path: target.path, headers: { 'content-type': 'application/json' }, body, shape: 'bni' }];
}

function unknownTask(random: Random, all: readonly Target[]): FuzzRequest[] {
  const known = pick(random, all).path;
  const path = pick(random, [
    () => `/fuzz/${int(random, 1e6)}/${encodeURIComponent(oddString(random, 1 + int(random, 40)).replace(/[\ud800-\udfff]/g, '_'))}`,
    () => `${known}x`,
    () => `/fuzz${known}`,
    () => `/fuzz/${'a/'.repeat(int(random, 200))}`,
  ])();
  const method = pick(random, ['POST', 'GET', 'PUT', 'DELETE', 'PATCH']);
  // A known path with another method is unknown too.
  const target = random() < 0.3 ? { path: known, method: pick(random, ['GET', 'PUT', 'DELETE', 'PATCH']) } : { path, method };
  return [
    {
      label: 'unknown',
      method: target.method,
      path: target.path,
      headers: { 'content-type': 'application/json' },
      body: garbageText(random, '{}'),
      shape: 'unknown',
    },
  ];
}

function task(index: number, all: readonly Target[]): FuzzRequest[] {
  const random = seededRandom(`fuzz:${index}`);
  if (random() < 0.04) return unknownTask(random, all);
  const target = pick(random, all);
  switch (target.contract.envelope) {
    case 'snap':
      return snapTask(random, target);
    case 'open-api':
      return openApiTask(random, target);
    case 'bni':
      return bniTask(random, target);
  }
}

// ---------------------------------------------------------------------------------------------

/** A raw socket for requests no HTTP client sends: headers and a body that trickles, or stops. */
function rawExchange(steps: readonly (string | number)[], waitForReplyMs: number): Promise<{ reply: string; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const port = new URL(baseUrl).port;
    const socket = connect(Number(port), '127.0.0.1');
    let reply = '';
    let closedByServer = false;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ reply, closedByServer });
    };
    const timer = setTimeout(finish, waitForReplyMs);
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
    socket.on('end', () => {
      closedByServer = true;
      finish();
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('connect', async () => {
      for (const step of steps) {
        if (socket.destroyed) return;
        if (typeof step === 'number') await new Promise((wait) => setTimeout(wait, step));
        else socket.write(step);
      }
    });
  });
}

function replyBody(raw: string): string {
  return raw.slice(raw.indexOf('\r\n\r\n') + 4);
}

describe('fuzz', () => {
  it(`rejects ${MIN_REQUESTS}+ malformed and mutated requests on every endpoint in DANA's shape, Open API replies signed, with no 5xx and no ledger change`, async () => {
    const all = targets();
    // The fixtures are valid, so every rejection below comes from the one thing a request breaks.
    for (const target of all)
      expect(validate(target.base(seededRandom('fixtures')), target.contract.request), target.contract.key).toBeUndefined();
    expect(new Set(all.map((target) => target.contract.key)).size).toBe(ENDPOINTS.length);
    const before = ledgerState(t.sim);

    const problems: string[] = [];
    const perShape = new Map<Shape, number>();
    const perEndpoint = new Map<string, number>();
    let sent = 0;
    let replays = 0;
    let signedMutations = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < TASKS) {
          const index = next++;
          let requests: FuzzRequest[];
          try {
            requests = task(index, all);
          } catch (error) {
            problems.push(`task ${index}: the generator failed: ${(error as Error).message}`);
            continue;
          }
          for (const fuzz of requests) {
            sent++;
            perShape.set(fuzz.shape, (perShape.get(fuzz.shape) ?? 0) + 1);
            if (fuzz.status === 409) replays++;
            if (/^snap-(a?sym)$/.test(fuzz.label)) signedMutations++;
            perEndpoint.set(fuzz.path, (perEndpoint.get(fuzz.path) ?? 0) + 1);
            try {
              const problem = problemOf(fuzz, await send(fuzz));
              if (problem)
                problems.push(
                  `task ${index} ${fuzz.label} ${fuzz.method} ${fuzz.path}: ${problem} (sent ${JSON.stringify(String(fuzz.body).slice(0, 300))})`,
                );
            } catch (error) {
              problems.push(`task ${index} ${fuzz.label} ${fuzz.method} ${fuzz.path}: ${(error as Error).message}`);
            }
          }
        }
      }),
    );
    expect(problems.slice(0, 20)).toEqual([]);
    expect(bugs).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(replays).toBeGreaterThan(100);
    // Plenty of validly signed mutations on every signed SNAP path, however many products share the tasks.
    const signedPaths = all.filter((target) => target.contract.envelope === 'snap' && target.contract.auth !== 'token-request').length;
    expect(signedMutations).toBeGreaterThan(120 * signedPaths);
    // Every envelope and every path was exercised.
    for (const shape of ['snap', 'open-api', 'bni', 'unknown'] as const) expect(perShape.get(shape) ?? 0, shape).toBeGreaterThan(100);
    for (const target of all) expect(perEndpoint.get(target.path) ?? 0, target.path).toBeGreaterThan(50);
    expect(ledgerState(t.sim)).toEqual(before);
  }, 60_000);

  it('answers oversized bodies (> 1 MB) with a DANA-shaped 400 and keeps serving', async () => {
    const before = ledgerState(t.sim);
    const all = targets();
    const bySnap = all.find((target) => target.contract.key === 'transferToDana')!;
    const cases: FuzzRequest[] = [
      {
        ...signedSnap(seededRandom('big-1'), bySnap, JSON.stringify(topUpBody({ notes: 'x'.repeat(1_100_000) }))),
        label: 'big signed top up',
      },
      {
        label: 'big unsigned',
        method: 'POST',
        path: bySnap.path,
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(1_500_000, 0x7b),
        shape: 'snap',
      },
      {
        label: 'big chunked',
        method: 'POST',
        path: bySnap.path,
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        body: Buffer.alloc(1_200_000, 0x20),
        shape: 'snap',
      },
      {
        label: 'big open api',
        method: 'POST',
        path: all.find((target) => target.contract.envelope === 'open-api')!.path,
        headers: { 'content-type': 'application/json' },
        body: `{"request":"${'x'.repeat(1_100_000)}"}`,
        shape: 'open-api',
      },
      {
        label: 'big bni',
        method: 'POST',
        path: all.find((target) => target.contract.envelope === 'bni')!.path,
        headers: { 'content-type': 'application/json' },
        body: `{"client_id":"${'9'.repeat(1_100_000)}"}`,
        shape: 'bni',
      },
      { label: 'big unknown', method: 'POST', path: '/fuzz/big', headers: {}, body: Buffer.alloc(1_100_000, 0x61), shape: 'unknown' },
    ];
    for (const fuzz of cases) {
      const reply = await send(fuzz);
      expect(problemOf(fuzz, reply), fuzz.label).toBeUndefined();
      if (fuzz.shape === 'snap')
        expect(JSON.parse(reply.text)).toMatchObject({ responseCode: '4003800', responseMessage: 'Bad Request body too large' });
    }
    expect(ledgerState(t.sim)).toEqual(before);
  });

  it('survives slow, stalled and abandoned bodies, serving others meanwhile', async () => {
    const before = ledgerState(t.sim);
    const path = '/v1.0/emoney/topup.htm';
    const body = JSON.stringify(topUpBody());
    const head = (length: number | 'chunked') =>
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n${length === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`}\r\n\r\n`;
    const trickle = (text: string, pieces: number, gapMs: number) => {
      const size = Math.ceil(text.length / pieces);
      return Array.from({ length: pieces }, (_, i) => [text.slice(i * size, (i + 1) * size), gapMs]).flat();
    };
    const stalled = Promise.all([
      // Headers, half the body, then nothing: abandoned by the client after 400 ms.
      rawExchange([head(body.length), body.slice(0, body.length / 2)], 400),
      // Headers only, a Content-Length of 10 kB, then silence.
      rawExchange([head(10_000)], 400),
      // Headers that never finish.
      rawExchange([`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `, 100, 'a', 100, 'b'], 400),
      // A chunked body that stops after one chunk.
      rawExchange([head('chunked'), '5\r\n{"a":\r\n', 200], 400),
    ]);
    // Meanwhile the server answers other callers at once.
    const quick = await send(
      { label: 'during stall', method: 'POST', path: '/fuzz/quick', headers: {}, body: '', shape: 'unknown' },
      2_000,
    );
    expect(quick.status).toBe(404);
    for (const { reply } of await stalled) expect(reply).not.toMatch(/^HTTP\/1\.1 5/);

    // A body that trickles in over ~300 ms and then completes gets an ordinary (unsigned: 4xx) DANA reply.
    const slow = await rawExchange([head(body.length), ...trickle(body, 6, 50)], 3_000);
    expect(slow.reply).toMatch(/^HTTP\/1\.1 4\d\d /);
    const slowBody = JSON.parse(replyBody(slow.reply));
    expect(slowBody.responseCode).toMatch(/^4\d{2}38\d{2}$/);
    expect(ledgerState(t.sim)).toEqual(before);
  });

  it('still answers valid requests correctly at the end', async () => {
    const before = ledgerState(t.sim);
    const resource = ENDPOINTS.find((endpoint) => endpoint.key === 'queryMerchantResource') as Extract<
      EndpointContract,
      { envelope: 'open-api' }
    >;
    const check = openApiRequest({
      path: resource.paths[0],
      function: resource.function,
      credentials: t.credentials,
      body: { requestMerchantId: t.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
    });
    const balance = await send({
      label: 'final balance',
      method: 'POST',
      path: check.path,
      headers: check.headers,
      body: check.body,
      shape: 'open-api',
    });
    expect(balance.status).toBe(200);
    expect(JSON.parse(balance.text).response.body.resultInfo.resultStatus).toBe('S');
    expect(openApiReplySignatureProblem(balance.text, danaPublicKey)).toBeUndefined();
    const inquiry = ENDPOINTS.find((endpoint) => endpoint.key === 'danaAccountInquiry')!;
    for (const path of inquiry.paths) {
      const signed = snapRequest({ path, body: inquiryBody(), credentials: t.credentials });
      const reply = await send({ label: 'final inquiry', method: 'POST', path, headers: signed.headers, body: signed.body, shape: 'snap' });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.text).responseCode).toBe('2003700');
    }
    expect(ledgerState(t.sim)).toEqual(before);
    expect(bugs).toEqual([]);
  });
});
