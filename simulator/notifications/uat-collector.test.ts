import { afterEach, describe, expect, it, vi } from 'vitest';
import { UAT_COLLECTOR_URL } from '../../contracts/uat-collector.ts';
import { createTestSimulator, http, idr, orderBody, PATHS } from '../../test/helpers.ts';
import { SimulatorClock } from '../clock/clock.ts';
import { listNotifications, type NotificationRecord } from './outbox.ts';

// DANA's UAT collector answered in process (issue 16 item 7): the three mandated notify cases' orders,
// with DANA's collector as their NOTIFICATION url, get their Finish Notify delivered, retried and
// recorded like any other, and nothing is sent over the network.

afterEach(() => vi.restoreAllMocks());

async function setup() {
  const clock = SimulatorClock.frozen();
  const t = await createTestSimulator({ background: false, clock });
  const fetchSpy = vi.spyOn(globalThis, 'fetch');
  const order = async (value: string, validForMs = 6 * 60_000) => {
    const body = orderBody(
      t.merchantId,
      {
        amount: idr(value),
        urlParams: [
          { url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'Y' },
          { url: UAT_COLLECTOR_URL, type: 'NOTIFICATION', isDeeplink: 'Y' },
        ],
        payOptionDetails: [{ payMethod: 'VIRTUAL_ACCOUNT', payOption: 'VIRTUAL_ACCOUNT_CIMB', transAmount: idr(value) }],
      },
      validForMs,
      clock.now(),
    );
    const created = await t.snap(PATHS.createOrder, body);
    expect(created.body.responseCode).toBe('2005400');
    return created.body as { referenceNo: string; additionalInfo: { paymentCode: string } };
  };
  const pay = async (paymentCode: string) => {
    const response = await http(t.sim)
      .post('/merchant-portal-app/api/sandbox-tools/execute')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ urlEndpoint: '/v1.0/transfer-va/payment.htm', requestBody: { virtualAccountNo: paymentCode } }));
    expect(response.status).toBe(200);
  };
  const notifyOf = (referenceNo: string) =>
    listNotifications(t.sim.runtime.db).find(
      (n) => n.kind === 'finishNotify' && n.body.originalReferenceNo === referenceNo,
    ) as NotificationRecord;
  return { t, fetchSpy, order, pay, notifyOf };
}

const answers = (record: NotificationRecord) =>
  record.attempts.map((attempt) => [attempt.httpStatus, JSON.parse(attempt.response!).responseCode]);

const sentToCollector = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.filter(([url]) => String(url instanceof Request ? url.url : url).includes('n8n.automation.dana.id'));

describe("DANA's UAT collector, offline", () => {
  it('acknowledges a paid order (TransactionSuccessNotify, 11011.00) at the first attempt', async () => {
    const { t, fetchSpy, order, pay, notifyOf } = await setup();
    const created = await order('11011.00');
    await pay(created.additionalInfo.paymentCode);
    await t.sim.runDueWork();
    const notify = notifyOf(created.referenceNo);
    expect(notify).toMatchObject({ status: 'delivered', url: UAT_COLLECTOR_URL, body: { latestTransactionStatus: '00' } });
    expect(answers(notify)).toEqual([[200, '2005600']]);
    expect(JSON.parse(notify.attempts[0]!.response!)).toEqual({ responseCode: '2005600', responseMessage: 'Successful' });
    expect(sentToCollector(fetchSpy)).toEqual([]);
    await t.sim.close();
  });

  it('refuses the first delivery of the 11012.00 order (InternalServerErrorNotify) with 5005601, then acknowledges the retry', async () => {
    const { t, fetchSpy, order, pay, notifyOf } = await setup();
    const created = await order('11012.00');
    await pay(created.additionalInfo.paymentCode);
    await t.sim.runDueWork();
    expect(notifyOf(created.referenceNo)).toMatchObject({ status: 'pending' });
    expect(answers(notifyOf(created.referenceNo))).toEqual([[500, '5005601']]);
    await t.sim.advanceClock(5_000);
    const notify = notifyOf(created.referenceNo);
    expect(notify.status).toBe('delivered');
    expect(answers(notify)).toEqual([
      [500, '5005601'],
      [200, '2005600'],
    ]);
    expect(sentToCollector(fetchSpy)).toEqual([]);
    await t.sim.close();
  });

  it('acknowledges the expiry notify of an unpaid order (ExpiredNotify, 11013.00), and a 11012.00 expiry at once', async () => {
    const { t, fetchSpy, order, notifyOf } = await setup();
    const expiring = await order('11013.00', 135_000);
    const unpaid = await order('11012.00', 135_000);
    await t.sim.advanceClock(136_000);
    for (const created of [expiring, unpaid]) {
      const notify = notifyOf(created.referenceNo);
      expect(notify).toMatchObject({ status: 'delivered', body: { latestTransactionStatus: '05' } });
      expect(answers(notify)).toEqual([[200, '2005600']]);
    }
    expect(sentToCollector(fetchSpy)).toEqual([]);
    await t.sim.close();
  });

  it('records every attempt in the one outbox, answered without a network error', async () => {
    const { t, fetchSpy, order, pay, notifyOf } = await setup();
    const created = await order('11012.00');
    await pay(created.additionalInfo.paymentCode);
    await t.sim.runDueWork();
    await t.sim.advanceClock(5_000);
    expect(listNotifications(t.sim.runtime.db).filter((n) => n.url === UAT_COLLECTOR_URL)).toHaveLength(1);
    // Answered in process: no request left for the collector's host (a latency of 0 ms, checked
    // before, also held for in-process answers only on an idle machine), and no attempt failed.
    expect(sentToCollector(fetchSpy)).toEqual([]);
    expect(answers(notifyOf(created.referenceNo))).toEqual([
      [500, '5005601'],
      [200, '2005600'],
    ]);
    expect(notifyOf(created.referenceNo).attempts.every((attempt) => attempt.error === undefined)).toBe(true);
    await t.sim.close();
  });
});
