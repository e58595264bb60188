import { ControlError, type ControlRoutes } from '../../core/product.ts';
import { optionalText, text } from '../../core/control-input.ts';
import { findMerchant } from '../../parties/find.ts';
import { listBankAccounts } from './bank-accounts.ts';
import { addBankAccount, completeTransferNow, setNotifyUrl } from './operations.ts';

// Control routes for disbursement to banks: where notifications go, payee accounts (and the sandbox's magic ones), and
// finishing an in-progress transfer by hand.

export const DISBURSEMENT_CONTROL: ControlRoutes = {
  'POST /merchants/notify-url': async (sim, request) => {
    const url = request.body.url === null ? null : text(request.body.url, 'url');
    const merchant = setNotifyUrl(sim.db, url, optionalText(request.body.merchant));
    await sim.settle();
    return { merchantId: merchant.merchantId, notifyUrl: merchant.notifyUrl };
  },
  'GET /bank-accounts': (sim) => ({
    accounts: listBankAccounts(sim.db),
    sandboxRules: sim
      .rules('sandbox')
      .filter((rule) => rule.when?.some((p) => p.field === 'beneficiaryAccountNumber'))
      .map((rule) => ({
        accountNumber: rule.when!.find((p) => p.field === 'beneficiaryAccountNumber')!.value,
        endpoint: rule.endpoint,
        result: 'result' in rule.effect ? rule.effect.result : undefined,
        rule: rule.id,
      })),
  }),
  'POST /bank-accounts': async (sim, request) => {
    const record = addBankAccount(sim.db, sim.seed, {
      bankCode: text(request.body.bankCode, 'bankCode'),
      accountNumber: text(request.body.accountNumber, 'accountNumber'),
      holderName: optionalText(request.body.holderName),
      status: optionalText(request.body.status),
    });
    await sim.settle();
    return record;
  },
  'POST /transfers/complete': async (sim, request) => {
    const outcome = optionalText(request.body.outcome);
    if (outcome !== undefined && outcome !== 'success' && outcome !== 'failed') throw new ControlError('outcome must be success or failed');
    const merchant = findMerchant(sim.db, optionalText(request.body.merchant));
    const record = completeTransferNow(
      sim.db,
      merchant.partnerId,
      text(request.body.partnerReferenceNo, 'partnerReferenceNo'),
      sim.clock.now(),
      outcome,
    );
    await sim.settle();
    return { partnerReferenceNo: record.partnerReferenceNo, referenceNo: record.referenceNo, latestTransactionStatus: record.status };
  },
};
