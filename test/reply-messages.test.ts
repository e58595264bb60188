import { describe, expect, it } from 'vitest';
import type { FieldSpec, Fields } from '../contracts/common/fields.ts';
import { isPlainMessage } from '../contracts/common/reply-spec.ts';
import { SNAP_CASES, type SnapKey } from '../contracts/response-codes.ts';
import { SANDBOX_RULES } from '../contracts/sandbox-rules.ts';
import { snapMessage } from '../simulator/core/render.ts';
import { ENDPOINTS } from '../simulator/products/index.ts';

// Issue 16 item 3: the server's messages stay plain, as DANA's server sends them, and within the SDK
// models' 150 characters, whatever detail they carry. The guidance some UAT fixtures expect is the
// newer SDKs' client-side addition (contracts/README.md, "Plain messages").

function paths(fields: Fields, prefix = ''): string[] {
  return Object.entries(fields).flatMap(([name, spec]) => [prefix + name, ...nested(spec, `${prefix}${name}.`)]);
}

function nested(spec: FieldSpec, prefix: string): string[] {
  if (spec.type === 'object' && spec.fields) return paths(spec.fields, prefix);
  if (spec.type === 'array') return nested(spec.items, prefix);
  if (spec.type === 'money') return [`${prefix}value`, `${prefix}currency`];
  return [];
}

const HEADERS = ['X-TIMESTAMP', 'X-SIGNATURE', 'X-PARTNER-ID', 'X-EXTERNAL-ID', 'CHANNEL-ID', 'X-CLIENT-KEY'];

describe('plain messages', () => {
  it.each(ENDPOINTS.filter((contract) => contract.envelope === 'snap').map((contract) => [contract.key, contract] as const))(
    '%s: every catalogue message, with the longest field or header name as its detail, is plain and <= 150',
    (_key, contract) => {
      if (contract.envelope !== 'snap') return;
      const longestDetail = [...paths(contract.request), ...HEADERS].reduce((a, b) => (b.length > a.length ? b : a));
      // Each path's own wording too (Widget's cancel and refund paths of Payment Gateway's contracts).
      const requestPaths = [undefined, ...Object.keys(contract.pathWording ?? {})];
      const messages = (Object.keys(SNAP_CASES) as SnapKey[]).flatMap((key) =>
        requestPaths.flatMap((path) => [snapMessage(contract, { key }, path), snapMessage(contract, { key, detail: longestDetail }, path)]),
      );
      expect(messages.filter((message) => !isPlainMessage(message))).toEqual([]);
    },
  );

  it("the sandbox rules' own messages are plain", () => {
    const worded = SANDBOX_RULES.flatMap(({ effect }) =>
      typeof effect === 'object' && 'message' in effect && typeof effect.message === 'string' ? [effect.message] : [],
    );
    // Today none of DANA's magic values rewords a message; the check keeps a future one honest.
    expect(worded.filter((message) => !isPlainMessage(message))).toEqual([]);
  });
});
