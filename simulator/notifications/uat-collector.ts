import { collectorAnswer, isUatCollector } from '../../contracts/uat-collector.ts';
import type { NotificationRecord } from './outbox.ts';

// DANA's UAT collector, answered in process (contracts/uat-collector.ts says how it answers): a
// notification addressed to it never leaves the machine, and is recorded like any other delivery.

export interface ReceiverAnswer {
  readonly status: number;
  readonly text: string;
}

/** The collector's answer to this attempt, or undefined when the notification is for anyone else. */
export function uatCollectorAnswer(record: NotificationRecord): ReceiverAnswer | undefined {
  if (!isUatCollector(record.url)) return undefined;
  const answer = collectorAnswer({ kind: record.kind, body: record.body, attemptsBefore: record.attempts.length - record.cycleStart });
  return { status: answer.status, text: JSON.stringify(answer.body) };
}
