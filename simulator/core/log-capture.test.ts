import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_CHARS, capturedBody, capturedExchange, capturedHeaders, referencesOf } from './log-capture.ts';
import { MAX_DEPTH } from './redact.ts';

describe('capturedHeaders', () => {
  it('replaces signatures and tokens, keeps the rest, drops absent headers', () => {
    const kept = capturedHeaders({
      'x-signature': 'c2lnbmF0dXJl',
      authorization: 'Bearer eyJ.secret.token',
      'authorization-customer': 'Bearer customer-token',
      'x-partner-id': 'partner-1',
      'x-external-id': 'ext-1',
      'x-missing': undefined,
    });
    expect(kept).toEqual({
      'x-signature': '***',
      authorization: '***',
      'authorization-customer': '***',
      'x-partner-id': 'partner-1',
      'x-external-id': 'ext-1',
    });
  });
});

describe('capturedBody', () => {
  it('parses JSON and replaces secrets at any depth', () => {
    const { shown, value } = capturedBody(
      JSON.stringify({
        request: { head: { clientId: 'c1' }, body: { pin: '123456' } },
        signature: 'open-api-signature',
        accessToken: 'tok',
        additionalInfo: { clientSecret: 'shh', note: 'keep' },
      }),
    );
    expect(shown).toEqual({
      request: { head: { clientId: 'c1' }, body: { pin: '***' } },
      signature: '***',
      accessToken: '***',
      additionalInfo: { clientSecret: '***', note: 'keep' },
    });
    expect(value).toEqual(shown);
  });

  it('keeps a body that is not JSON as text, and hides a private key in it', () => {
    expect(capturedBody('a=1&b=2').shown).toBe('a=1&b=2');
    expect(capturedBody('-----BEGIN PRIVATE KEY-----\nabc').shown).toBe('***');
    expect(capturedBody('').shown).toBeUndefined();
  });

  it('cuts a long body to the limit with a note, but keeps the whole redacted value for references', () => {
    const long = { partnerReferenceNo: 'ref-9', note: 'x'.repeat(BODY_LIMIT_CHARS), secret: 'never-shown' };
    const { shown, value } = capturedBody(JSON.stringify(long));
    expect(typeof shown).toBe('string');
    expect(shown as string).toMatch(/… \(cut: \d+ characters in all\)$/);
    expect((shown as string).length).toBeLessThan(BODY_LIMIT_CHARS + 50);
    expect(shown as string).not.toContain('never-shown');
    expect(value).toEqual({ ...long, secret: '***' });
  });
});

describe('referencesOf', () => {
  it('collects references from the X-EXTERNAL-ID header, the request and the reply', () => {
    const found = referencesOf(
      { 'x-external-id': 'ext-1' },
      { partnerReferenceNo: 'ref-1', additionalInfo: { originalReferenceNo: 'orig-1' }, virtualAccountNo: '  8808123' },
      { partnerReferenceNo: 'ref-1', referenceNo: 'dana-1', virtualAccountData: { trxId: 'trx-1' } },
    );
    expect(found).toEqual({
      'X-EXTERNAL-ID': 'ext-1',
      partnerReferenceNo: 'ref-1',
      originalReferenceNo: 'orig-1',
      virtualAccountNo: '  8808123',
      referenceNo: 'dana-1',
      trxId: 'trx-1',
    });
  });

  it('keeps a reply value that differs from the request as reply.<field>, and finds Open API references', () => {
    const found = referencesOf(
      {},
      { request: { body: { merchantTransId: 'm-1', referenceNo: 'r-req' } } },
      { response: { body: { acquirementId: 'a-1', referenceNo: 'r-reply' } } },
    );
    expect(found).toEqual({ merchantTransId: 'm-1', referenceNo: 'r-req', acquirementId: 'a-1', 'reply.referenceNo': 'r-reply' });
  });

  it('ignores empty values and non-objects', () => {
    expect(referencesOf({}, { partnerReferenceNo: '' }, 'text')).toEqual({});
    expect(referencesOf({}, undefined, null)).toEqual({});
  });
});

describe('capturedExchange', () => {
  it('copies a body nested thousands deep without overflowing the stack, cutting it at the depth limit', () => {
    const bugs: unknown[] = [];
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const captured = capturedExchange({ headers: { 'x-signature': 'sig' }, body: deep }, '{"responseCode":"4003800"}', (e) => bugs.push(e));
    expect(bugs).toEqual([]);
    let value = captured.request.body;
    for (let depth = 0; depth < MAX_DEPTH; depth++) value = (value as unknown[])[0];
    expect(value).toBe('[too deep]');
    expect(captured.request.headers).toEqual({ 'x-signature': '***' });
    expect(captured.reply.body).toEqual({ responseCode: '4003800' });
  });
});
