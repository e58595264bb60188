import { TRANSFER_TO_BANK_NOTIFY } from './disbursement/transfer-to-bank-notify.ts';
import { FINISH_NOTIFY } from './payment-gateway/common.ts';

// DANA's UAT collector: the receiver DANA's own UAT suite (dana-id/uat-script, node
// finish_notify_test.ts) puts in every mandated notify case's NOTIFICATION url. The simulator answers
// calls to this host in process, so the mandated cases run offline and nothing is sent to DANA.
// How the real collector answers is not documented; the UAT asserts only the createOrder reply. What
// is simulated (issue-16 facts section 9, scenarios/cases/*Notify.json):
// - every notification is acknowledged with HTTP 200 `200xx00 Successful` (xx = the notification's
//   service code: 56 for Finish Notify), the SNAP acknowledgement DANA expects from any receiver;
// - except the first attempt of a paid (`00`) Finish Notify for 11012.00, the amount of the mandated
//   InternalServerErrorNotify case: HTTP 500 `5005601 Internal Server Error` (DANA's fixture
//   FinishNotifyInternalServerError), so DANA retries it and the retry is acknowledged.

const UAT_COLLECTOR_HOST = 'n8n.automation.dana.id';

/** The URL DANA's UAT suite sends its notify cases to. */
export const UAT_COLLECTOR_URL = 'https://n8n.automation.dana.id/webhook/3676a08f-b06e-416c-b6cd-bea04f71c4d5';

/** The mandated InternalServerErrorNotify case's order amount: the collector refuses its first delivery. */
const UAT_COLLECTOR_ERROR_AMOUNT = '11012.00';

export interface CollectorAnswer {
  readonly status: number;
  readonly body: { readonly responseCode: string; readonly responseMessage: string };
}

/** The service code of each notification a merchant receives, for the acknowledgement's responseCode. */
const SERVICE_CODES: Readonly<Record<string, string>> = {
  [FINISH_NOTIFY.kind]: FINISH_NOTIFY.serviceCode,
  [TRANSFER_TO_BANK_NOTIFY.kind]: TRANSFER_TO_BANK_NOTIFY.serviceCode,
};

export interface CollectorCall {
  readonly kind: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** Attempts already made in this delivery cycle (0 for the first). */
  readonly attemptsBefore: number;
}

export function isUatCollector(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).hostname.toLowerCase() === UAT_COLLECTOR_HOST;
  } catch {
    return false;
  }
}

export function collectorAnswer(call: CollectorCall): CollectorAnswer {
  const { amount, latestTransactionStatus } = call.body as { amount?: { value?: unknown }; latestTransactionStatus?: unknown };
  const serviceCode = SERVICE_CODES[call.kind] ?? '00';
  const refused =
    call.kind === FINISH_NOTIFY.kind &&
    call.attemptsBefore === 0 &&
    latestTransactionStatus === '00' &&
    amount?.value === UAT_COLLECTOR_ERROR_AMOUNT;
  return refused
    ? { status: 500, body: { responseCode: `500${serviceCode}01`, responseMessage: 'Internal Server Error' } }
    : { status: 200, body: { responseCode: `200${serviceCode}00`, responseMessage: 'Successful' } };
}
