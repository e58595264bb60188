import { describe, expect, it } from 'vitest';
import { SESSION_TTL_MS, readSession, signSession } from './session.ts';

const session = {
  referenceNo: '2026120612000000000011234',
  customerNumber: '6283811223355',
  step: 'pay',
  expiresAt: 1_000 + SESSION_TTL_MS,
} as const;

describe('cashier sessions', () => {
  it('read back what was signed, at the step it was signed for, until it ends', () => {
    const token = signSession(session);
    expect(readSession(token, 'pay', 1_000)).toEqual(session);
    expect(readSession(token, 'pin', 1_000)).toBe('invalid');
    expect(readSession(token, 'pay', session.expiresAt)).toBe('expired');
  });

  it('refuse a token whose content or signature was changed, or that is not a token at all', () => {
    const token = signSession(session);
    const [payload, signature] = token.split('.');
    const other = signSession({ ...session, customerNumber: '62811742234' }).split('.')[0];
    expect(readSession(`${other}.${signature}`, 'pay', 1_000)).toBe('invalid');
    expect(readSession(`${payload}.${signature.slice(1)}x`, 'pay', 1_000)).toBe('invalid');
    expect(readSession('', 'pay', 1_000)).toBe('invalid');
    expect(readSession('garbage', 'pay', 1_000)).toBe('invalid');
  });
});
