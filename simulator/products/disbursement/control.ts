import { NOTIFICATIONS, listNotifications, resendNotification } from '../../notifications/outbox.ts';
import { listBankAccounts } from './bank-accounts.ts';
import { addBankAccount, completeTransferNow, setNotifyUrl } from './operations.ts';
import { ControlError } from '../../control/operations.ts';
import { httpUrl, optionalText, text, type ControlRoutes } from '../../control/request.ts';

// Control routes for disbursement to banks and for the outbox every outbound call goes through.

export const DISBURSEMENT_ROUTES: ControlRoutes = {
  'POST /merchants/notify-url': async (sim, request) => {
    const merchant = setNotifyUrl(sim.db, text(request.body.url, 'url'), optionalText(request.body.merchant));
    await sim.db.sync();
    return { merchantId: merchant.merchantId, notifyUrl: merchant.notifyUrl };
  },
  'GET /bank-accounts': (sim) => ({
    accounts: listBankAccounts(sim.db),
    sandboxRules: sim.rules.list('sandbox').filter((rule) => rule.when?.some((p) => p.field === 'beneficiaryAccountNumber')).map((rule) => ({
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
    await sim.db.sync();
    return record;
  },
  'POST /transfers/complete': async (sim, request) => {
    const outcome = optionalText(request.body.outcome);
    if (outcome !== undefined && outcome !== 'success' && outcome !== 'failed') throw new ControlError('outcome must be success or failed');
    const record = completeTransferNow(sim.db, text(request.body.partnerReferenceNo, 'partnerReferenceNo'), sim.clock.now(), outcome, optionalText(request.body.merchant));
    await sim.db.sync();
    await sim.runDueWork();
    return { partnerReferenceNo: record.partnerReferenceNo, referenceNo: record.referenceNo, latestTransactionStatus: record.status };
  },
  'GET /webhooks': (sim) => listNotifications(sim.db),
  'POST /webhooks/resend': async (sim, request) => {
    const url = httpUrl(request.body.url, 'url');
    const record = resendNotification(sim.db, text(request.body.id, 'id'), sim.clock.now(), url);
    if (!record) throw new ControlError(`no notification ${String(request.body.id)}`);
    await sim.db.sync();
    await sim.runDueWork();
    return sim.db.get(NOTIFICATIONS, record.id);
  },
};
