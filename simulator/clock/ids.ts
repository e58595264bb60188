import { randomInt } from 'node:crypto';
import type { Clock } from './clock.ts';
import { jakartaTimestamp } from './clock.ts';

// DANA references: digits only, led by the Jakarta date-time so they sort by creation and stay
// unique across restarts (the counter resets, the time does not). Products take ids from here.

export interface Ids {
  referenceNo(): string;
}

export class ClockIds implements Ids {
  private counter = 0;

  constructor(private readonly clock: Clock) {}

  referenceNo(): string {
    this.counter = (this.counter + 1) % 1_000_000;
    const stamp = jakartaTimestamp(this.clock.now()).slice(0, 19).replace(/\D/g, '');
    return `${stamp}${String(this.counter).padStart(6, '0')}${String(randomInt(10_000)).padStart(4, '0')}`;
  }
}
