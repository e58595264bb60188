import { describe, expect, it } from 'vitest';
import { httpUrl, optionalText, text } from './control-input.ts';
import { ControlError } from './product.ts';

describe('reading a control body', () => {
  it('takes required text only when it is a non-empty string, naming the field otherwise', () => {
    expect(text('abc', 'partnerId')).toBe('abc');
    for (const value of [undefined, null, '', 12, {}, ['a']])
      expect(() => text(value, 'partnerId')).toThrow(new ControlError('partnerId is required'));
  });

  it('reads optional text as undefined unless it is a non-empty string', () => {
    expect(optionalText('x')).toBe('x');
    for (const value of [undefined, null, '', 0, false, {}]) expect(optionalText(value)).toBeUndefined();
  });

  it('accepts http and https URLs without spaces, refuses anything else by name, and passes absence through', () => {
    expect(httpUrl('http://127.0.0.1:3000/notify', 'url')).toBe('http://127.0.0.1:3000/notify');
    expect(httpUrl('https://merchant.example', 'url')).toBe('https://merchant.example');
    expect(httpUrl(undefined, 'url')).toBeUndefined();
    expect(httpUrl('', 'url')).toBeUndefined();
    for (const bad of ['ftp://x', 'http://', 'http://a b', 'localhost:3000', ' http://x'])
      expect(() => httpUrl(bad, 'callbackUrl'), bad).toThrow(new ControlError('callbackUrl must be an http or https URL'));
  });
});
