import { describe, expect, it } from 'vitest';
import { ExternalIdRegistry } from './external-ids.ts';

describe('ExternalIdRegistry.claim', () => {
  it('accepts an id once per partner and day, and refuses its reuse', () => {
    const registry = new ExternalIdRegistry();
    expect(registry.claim('p1', 'e1', '2030-05-01')).toBe(true);
    expect(registry.claim('p1', 'e1', '2030-05-01')).toBe(false);
  });

  it('lets another partner use the same id', () => {
    const registry = new ExternalIdRegistry();
    expect(registry.claim('p1', 'e1', '2030-05-01')).toBe(true);
    expect(registry.claim('p2', 'e1', '2030-05-01')).toBe(true);
  });

  it('keys partner and id without ambiguity', () => {
    const registry = new ExternalIdRegistry();
    expect(registry.claim('p1', 'xe1', '2030-05-01')).toBe(true);
    expect(registry.claim('p1x', 'e1', '2030-05-01')).toBe(true);
  });

  it('forgets the ids of an earlier day', () => {
    const registry = new ExternalIdRegistry();
    expect(registry.claim('p1', 'e1', '2030-05-01')).toBe(true);
    expect(registry.claim('p1', 'e1', '2030-05-02')).toBe(true);
    expect(registry.claim('p1', 'e1', '2030-05-02')).toBe(false);
  });

  it('keeps ids within the same day across other claims', () => {
    const registry = new ExternalIdRegistry();
    registry.claim('p1', 'e1', '2030-05-01');
    registry.claim('p1', 'e2', '2030-05-01');
    expect(registry.claim('p1', 'e1', '2030-05-01')).toBe(false);
  });
});
