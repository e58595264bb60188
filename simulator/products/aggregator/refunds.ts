import type { AggregatorErrorKey } from '../../../contracts/aggregator/errors.ts';
import { REFUND_REASONS } from '../../../contracts/aggregator/objects.ts';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import { refundMoney } from '../payment-gateway/refunds.ts';
import { newId } from './ids.ts';
import { integerParam, rejectUnknown, stringParam, type Params } from './form.ts';
import type { Context } from './intents.ts';
import { fail, isFailure, type Failure } from './render.ts';
import { REFUNDS_TABLE, intentRow, type RefundRow } from './state.ts';

// Refunds of a succeeded PaymentIntent: the whole amount, or ONE partial refund (DANA through WooshPay
// takes no second partial refund, doc-2043383). The money goes back the way Payment Gateway's Refund
// Order sends it (refundMoney: settlement → payer, same postings, same 45-day window).

type Outcome = Record<string, unknown> | Failure;

function refundView(row: RefundRow): Record<string, unknown> {
  return {
    id: row.id,
    object: 'refund',
    amount: row.amount,
    currency: row.currency,
    payment_intent: row.paymentIntent,
    reason: row.reason,
    metadata: row.metadata,
    status: row.status,
    created: row.created,
  };
}

function refundsOf(context: Context, paymentIntent: string): RefundRow[] {
  return context.tx.values<RefundRow>(REFUNDS_TABLE).filter((row) => row.paymentIntent === paymentIntent);
}

/** Payment Gateway's refusals, in the aggregator's catalogue (the checks above leave only the window and the balance). */
const REFUSALS: Readonly<Record<string, AggregatorErrorKey>> = {
  INVALID_TRANSACTION_STATUS: 'refund_payment_not_succeeded',
  TRANSACTION_NOT_PERMITTED: 'refund_window_closed',
  EXCEEDS_AMOUNT_LIMIT: 'refund_amount_too_large',
  INSUFFICIENT_FUNDS: 'balance_insufficient',
};

export function createRefund(context: Context, params: Params): Outcome {
  const unknown = rejectUnknown(params, ['payment_intent', 'amount', 'reason', 'metadata']);
  if (unknown) return unknown;
  const paymentIntent = stringParam(params, 'payment_intent');
  const amount = integerParam(params, 'amount');
  const reason = stringParam(params, 'reason');
  for (const value of [paymentIntent, amount, reason]) if (isFailure(value)) return value;
  if (paymentIntent === undefined) return fail('parameter_missing', { param: 'payment_intent' });
  if (amount !== undefined && (amount as number) < 1)
    return fail('parameter_invalid_integer', { param: 'amount', value: amount as number });
  if (reason !== undefined && !(REFUND_REASONS as readonly string[]).includes(reason as string))
    return fail('parameter_invalid_value', { param: 'reason', allowed: REFUND_REASONS.join(', ') });
  const metadata = params.metadata;
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)))
    return fail('parameter_invalid_value', { param: 'metadata', allowed: 'a hash' });
  const intent = intentRow(context.tx, paymentIntent as string);
  if (!intent) return fail('resource_missing', { object: 'payment_intent', id: paymentIntent as string, param: 'payment_intent' });
  if (intent.status !== 'succeeded' || !intent.orderKey) return fail('refund_payment_not_succeeded', { status: intent.status });
  const earlier = refundsOf(context, intent.id);
  const refunded = earlier.reduce((sum, row) => sum + row.amount, 0);
  const remaining = intent.amount - refunded;
  if (remaining === 0) return fail('charge_already_refunded', { paymentIntent: intent.id });
  // One refund after a partial one would be a second partial refund, whatever its amount.
  if (earlier.length > 0) return fail('refund_second_partial', { paymentIntent: intent.id, refund: earlier[0]!.id });
  const wanted = (amount as number | undefined) ?? remaining;
  if (wanted > remaining) return fail('refund_amount_too_large', { amount: wanted, remaining });
  const id = newId(context.runtime.ids, 'refund');
  const order = context.tx.get<TransactionRecord>(TRANSACTIONS, intent.orderKey)!;
  const moved = refundMoney(context.tx, order, wanted * 100, context.now, `refund:${id}`);
  if (!moved.ok) return fail(REFUSALS[moved.failure.key]!, { amount: wanted, remaining, status: intent.status });
  const row: RefundRow = {
    id,
    amount: wanted,
    currency: intent.currency,
    paymentIntent: intent.id,
    reason: (reason as string | undefined) ?? null,
    metadata: (metadata as Params | undefined) ?? (Object.create(null) as Params),
    status: 'succeeded',
    created: Math.floor(context.now / 1000),
  };
  context.tx.put(REFUNDS_TABLE, id, row);
  const view = refundView(row);
  context.emit(context.tx, context.runtime, 'charge.refund.updated', view);
  return view;
}

export function retrieveRefund(context: Context, params: Params, id: string): Outcome {
  const unknown = rejectUnknown(params, ['expand']);
  if (unknown) return unknown;
  const row = context.tx.get<RefundRow>(REFUNDS_TABLE, id);
  return row ? refundView(row) : fail('resource_missing', { object: 'refund', id, param: 'id' });
}
