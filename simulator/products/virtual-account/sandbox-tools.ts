import { parseJsonObject } from '../../core/envelopes/snap.ts';
import type { SimResponse } from '../../core/render.ts';
import { FUNDING_ACCOUNT, userBalance } from '../../ledger/accounts.ts';
import { toMinor } from '../../ledger/money.ts';
import { ControlError, type PageHandler } from '../../core/product.ts';
import { payVaByNumber } from './pay-by-number.ts';

// DANA's merchant-portal "sandbox tools" (virtual-account.md section 8): the UAT suite pays order VAs
// with it and credits test users. Not a DANA API: no signature; only a 2xx is checked by the UAT.

export const SANDBOX_TOOLS_PATH = '/merchant-portal-app/api/sandbox-tools/execute';

const json = (status: number, body: unknown): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** `0811…` and `62811…` name the same user. */
function customerNumberOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^08\d{7,12}$/.test(value)) return `62${value.slice(1)}`;
  return /^628\d{7,12}$/.test(value) ? value : undefined;
}

export const executeSandboxTool: PageHandler = async (sim, page): Promise<SimResponse> => {
  const body = parseJsonObject(page.body);
  const request = body?.requestBody as Record<string, unknown> | undefined;
  if (!body || typeof body.urlEndpoint !== 'string' || !request || typeof request !== 'object') {
    return json(400, { success: false, message: 'expected {"urlEndpoint": "...", "requestBody": {...}}' });
  }
  try {
    if (body.urlEndpoint === '/v1.0/transfer-va/payment.htm') {
      if (typeof request.virtualAccountNo !== 'string')
        return json(400, { success: false, message: 'requestBody.virtualAccountNo is required' });
      const bill = await payVaByNumber(sim, request.virtualAccountNo);
      return json(200, { success: true, result: { virtualAccountNo: bill.virtualAccountNo, status: bill.status, trxId: bill.trxId } });
    }
    if (body.urlEndpoint === '/v1.0/emoney/topup.htm') {
      const customerNumber = customerNumberOf(request.customerNumber);
      const amountMinor = toMinor(String((request.amount as { value?: unknown } | undefined)?.value ?? ''));
      if (!customerNumber || amountMinor === undefined || amountMinor <= 0)
        return json(400, { success: false, message: 'requestBody needs customerNumber (08… or 628…) and amount.value like 1000000.00' });
      sim.db.transact((tx) =>
        tx.post({
          id: `sandbox-tools:${sim.ids.referenceNo()}`,
          at: sim.clock.now(),
          ref: `sandbox-tools:${String(request.partnerReferenceNo ?? '')}`,
          memo: 'sandbox tools top up',
          entries: [
            { account: FUNDING_ACCOUNT, amountMinor: -amountMinor },
            { account: userBalance(customerNumber), amountMinor },
          ],
        }),
      );
      await sim.settle();
      return json(200, { success: true, result: { customerNumber, amount: request.amount } });
    }
    return json(400, {
      success: false,
      message: `sandbox tools cannot run ${body.urlEndpoint}; supported: /v1.0/transfer-va/payment.htm, /v1.0/emoney/topup.htm`,
    });
  } catch (error) {
    if (error instanceof ControlError) return json(400, { success: false, message: error.message });
    throw error;
  }
};
