import { describe, expect, it } from 'vitest';
import { reportStrayRejections } from './stray-rejections.ts';

describe('reportStrayRejections', () => {
  it('reports a rejection nobody handles, instead of ending the process, until removed', async () => {
    const reports: [string, unknown][] = [];
    const before = process.listenerCount('unhandledRejection');
    const remove = reportStrayRejections((message, reason) => reports.push([message, reason]));
    const stray = new Error('nobody listens');
    void Promise.reject(stray);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(reports).toEqual([['dana-sim bug: a promise was rejected with nobody handling it (still serving):', stray]]);
    expect(process.listenerCount('unhandledRejection')).toBe(before + 1);
    remove();
    expect(process.listenerCount('unhandledRejection')).toBe(before);
  });
});
