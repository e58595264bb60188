import { describe, expect, it } from 'vitest';
import { ClockIds } from '../../clock/ids.ts';
import { apiKeys, clientSecret, newId, webhookSecret } from './ids.ts';

describe('aggregator ids and keys', () => {
  it('prefix the runtime reference numbers', () => {
    const ids = new ClockIds({ now: () => Date.UTC(2026, 0, 1) } as ConstructorParameters<typeof ClockIds>[0]);
    expect(newId(ids, 'paymentIntent')).toMatch(/^pi_\d{19,}$/);
    expect(newId(ids, 'checkoutSession')).toMatch(/^cs_test_\d{19,}$/);
    expect(newId(ids, 'refund')).toMatch(/^re_\d{19,}$/);
  });

  it('derive secrets and keys from the seed, repeatably', () => {
    expect(clientSecret('s', 'pi_1')).toMatch(/^pi_1_secret_[0-9A-Za-z]{24}$/);
    expect(clientSecret('s', 'pi_1')).toBe(clientSecret('s', 'pi_1'));
    expect(clientSecret('s', 'pi_1')).not.toBe(clientSecret('t', 'pi_1'));
    const keys = apiKeys('s', 'acct');
    expect(keys.secretKey).toMatch(/^sk_test_[0-9A-Za-z]{32}$/);
    expect(keys.publishableKey).toMatch(/^pk_test_[0-9A-Za-z]{32}$/);
    expect(apiKeys('s', 'acct')).toEqual(keys);
    expect(apiKeys('s', 'other').secretKey).not.toBe(keys.secretKey);
    expect(webhookSecret('s', 'we_1')).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
  });
});
