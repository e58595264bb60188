import { describe, expect, it } from 'vitest';
import { queryAssetCardList, queryMerchantInfo } from '../contracts/merchant-management/index.ts';
import { merchantDeposit } from '../simulator/ledger/accounts.ts';
import { bniRequest, createTestSimulator, http, setBalance, type TestSimulator } from './helpers.ts';
import { sendOpenApi } from './merchant-management-http.ts';

// DANA's UAT disbursement setup (merchant.md section 3-5; uat-script test/node/helper/merchantBniVaTopUp.ts):
// read the merchant's deposit with queryMerchantInfo, and when it is below 1,000,000 find the BNI
// deposit VA with queryAssetCardList and top it up through the sandbox's BNI callback. Every step
// goes over HTTP, signed, exactly as the UAT helper sends it.

const THRESHOLD = 1_000_000;

/** Step 1 as the UAT parses it: the first MERCHANT_DEPOSIT_ACCOUNT, mappedTotalAmount first, else totalAmount's JSON. */
async function depositAmount(t: TestSimulator): Promise<number> {
  const reply = await sendOpenApi(t, queryMerchantInfo, { roleId: t.merchantId, loginType: 'ROLE', isQueryAccount: true });
  expect(reply.status).toBe(200);
  expect(reply.body.resultInfo).toEqual({ resultStatus: 'S', resultCodeId: '00000000', resultCode: 'SUCCESS', resultMsg: 'success' });
  const account = reply.body.merchantInformation.accounts.find(
    (candidate: { accountType: string }) => candidate.accountType === 'MERCHANT_DEPOSIT_ACCOUNT',
  );
  const fromTotal = JSON.parse(account.totalAmount).amount;
  // Python's int() and Go's ParseInt must accept it too: digits only.
  expect(fromTotal).toMatch(/^\d+$/);
  expect(account.mappedTotalAmount.amount).toBe(fromTotal);
  return Number.parseInt(account.mappedTotalAmount?.amount ?? fromTotal, 10);
}

/** Step 3: the BNIC1ID VA card's cardIndexNo. */
async function bniDepositVa(t: TestSimulator): Promise<string> {
  const reply = await sendOpenApi(t, queryAssetCardList, { memberId: t.merchantId, enableOnly: 'true', assetTypeList: ['VA_ACCOUNT'] });
  expect(reply.body.resultInfo.resultStatus).toBe('S');
  const card = reply.body.assetCardList.find(
    (candidate: { assetType: string; instId: string }) => candidate.assetType === 'VA_ACCOUNT' && candidate.instId === 'BNIC1ID',
  );
  expect(card?.cardIndexNo).toBeTruthy();
  return card.cardIndexNo;
}

/** Step 4: the UAT's BNI callback body (merchant.md section 5). */
async function bniTopUp(t: TestSimulator, virtualAccount: string) {
  const request = bniRequest(t.sim, {
    trx_amount: '1000',
    trx_id: `20261206${Math.floor(Math.random() * 1e6)}`,
    virtual_account: virtualAccount,
    customer_name: 'rudy',
    payment_amount: '1000000000',
    cumulative_payment_amount: '1000',
    payment_ntb: '233171',
    datetime_payment: '2026-12-06 10:00:00',
    datetime_payment_iso8601: '2026-12-06T10:00:00+07:00',
  });
  const response = await http(t.sim).post(request.path).set('content-type', 'application/json').send(request.body);
  return { status: response.status, body: JSON.parse(response.text) };
}

describe('UAT disbursement setup against dana-sim', () => {
  it('reads the provisioned deposit as the ledger holds it and, being above the threshold, needs no top-up', async () => {
    const t = await createTestSimulator();
    const amount = await depositAmount(t);
    expect(amount).toBe(Number.parseInt(t.deposit(), 10));
    expect(amount).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('tops a deposit below the threshold up through the BNI VA it finds, and the next read shows the new deposit', async () => {
    const t = await createTestSimulator();
    setBalance(t.sim, merchantDeposit(t.merchantId), 500_000_00);
    const before = await depositAmount(t);
    expect(before).toBe(500_000);
    expect(before).toBeLessThan(THRESHOLD);
    const va = await bniDepositVa(t);
    expect(await bniTopUp(t, va)).toEqual({ status: 200, body: { status: '000' } });
    const after = await depositAmount(t);
    expect(after - before).toBe(1_000_000_000);
    expect(after).toBeGreaterThanOrEqual(THRESHOLD);
    expect(t.deposit()).toBe('1000500000.00');
    expect(t.sim.runtime.db.ledger.totalMinor()).toBe(0);
  });
});
