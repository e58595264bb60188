import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// `dana-sim clock advance` says what the control API says about a duration past the limit, before
// it looks for a simulator.

describe('dana-sim clock advance limit', () => {
  it('refuses more than 10 years with the control API message and exit 2', async () => {
    const ran = await runCli('clock', 'advance', '99999999999d');
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/duration must be at most 3650d \(10 years\) per clock advance; advance again to go further/);
  });
});
