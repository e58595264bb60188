import type { InputOf } from '../../../contracts/common/endpoint.ts';
import { depositVaNumber } from '../../../contracts/merchant/bni-deposit-topup.ts';
import {
  BNI_INST_ID,
  type AssetType,
  type ContactBizType,
  type MerchantAccountType,
  type queryAssetCardList as queryAssetCardListContract,
  type queryMerchantInfo as queryMerchantInfoContract,
} from '../../../contracts/merchant-management/index.ts';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { merchantIdOf, type Handled, type HandlerContext } from '../../core/route.ts';
import { merchantDeposit, merchantDepositReserved, merchantSettlement } from '../../ledger/accounts.ts';
import type { Transaction } from '../../ledger/database.ts';
import { MERCHANTS, type MerchantRecord } from '../../parties/merchants.ts';

// The member APIs DANA's UAT disbursement setup calls (merchant.md sections 3 and 4): the merchant's
// profile with its accounts, and its asset cards, of which the BNI deposit VA is the one the UAT
// tops up. Both answer only for the calling merchant.

export function queryMerchantInfo(input: InputOf<typeof queryMerchantInfoContract>, context: HandlerContext): Result<Handled> {
  const merchant = context.tx.get<MerchantRecord>(MERCHANTS, context.client.partnerId);
  // Simulated merchants have no registered mobile number, so only ROLE with their own id finds them.
  if (!merchant || input.loginType !== 'ROLE' || input.roleId !== merchantIdOf(context)) return fail('MERCHANT_NOT_EXIST');
  const merchantInformation = {
    merchantId: merchant.merchantId,
    merchantType: 'CORPORATION',
    officialName: merchant.name.slice(0, 128),
    englishName: merchant.name.slice(0, 128),
    merchantStatus: 'ACTIVE',
    createdTime: jakartaTimestamp(merchant.createdAt),
    modifiedTime: jakartaTimestamp(merchant.createdAt),
    ...(input.isQueryAccount ? { accounts: merchantAccounts(context.tx, merchant.merchantId) } : {}),
  };
  return ok({ reply: { key: 'SUCCESS', fields: { merchantInformation } } });
}

/**
 * The merchant's three DANA accounts, with balances read through the request's transaction from the
 * same ledger accounts Check Disbursement Account reports (products/merchant/handlers.ts).
 */
function merchantAccounts(tx: Transaction, merchantId: string): Record<string, unknown>[] {
  const deposit = tx.balance(merchantDeposit(merchantId));
  const settlement = tx.balance(merchantSettlement(merchantId));
  // Deposit held for pending transfers: part of the deposit's total, not of what it has available.
  const held = tx.balance(merchantDepositReserved(merchantId));
  return [
    account(merchantId, 'MERCHANT_DEPOSIT_ACCOUNT', deposit + held, deposit),
    account(merchantId, 'MERCHANT_SETTLEMENT_ACCOUNT', settlement, settlement),
    // The simulator keeps no payable money apart from settlement.
    account(merchantId, 'MERCHANT_PAYABLE_ACCOUNT', 0, 0),
  ];
}

const ACCOUNT_NO_SUFFIX: Readonly<Record<MerchantAccountType, string>> = {
  MERCHANT_DEPOSIT_ACCOUNT: '0001',
  MERCHANT_SETTLEMENT_ACCOUNT: '0002',
  MERCHANT_PAYABLE_ACCOUNT: '0003',
};

/**
 * One account as DANA's MerchantAccountInfo. Amounts are whole rupiah as integer strings inside JSON
 * text: the UAT helpers parse them with int() / ParseInt, which refuse decimals (payment-gateway.md
 * 12.5). totalAmount includes deposit held for pending transfers; availableAmount does not.
 * mappedTotalAmount is not in the SDK models but is what the UAT reads first.
 */
function account(
  merchantId: string,
  accountType: MerchantAccountType,
  totalMinor: number,
  availableMinor: number,
): Record<string, unknown> {
  const amount = (minor: number) => ({ amount: String(Math.trunc(minor / 100)), currency: 'IDR' });
  return {
    accountNo: `${merchantId}${ACCOUNT_NO_SUFFIX[accountType]}`,
    accountType,
    status: 'ENABLE',
    debitFreezeStatus: 'ENABLE',
    creditFreezeStatus: 'ENABLE',
    currency: 'IDR',
    totalAmount: JSON.stringify(amount(totalMinor)),
    availableAmount: JSON.stringify(amount(availableMinor)),
    mappedTotalAmount: amount(totalMinor),
  };
}

// The merchant's BNI deposit VA as an asset card. Values DANA does not document: contactBizType
// GENERAL_CARD, empty expiry (a VA does not expire), holderName in UserName shape.
const DEPOSIT_VA_CARD = { contactBizType: 'GENERAL_CARD', assetType: 'VA_ACCOUNT' } as const satisfies {
  contactBizType: ContactBizType;
  assetType: AssetType;
};

export function queryAssetCardList(input: InputOf<typeof queryAssetCardListContract>, context: HandlerContext): Result<Handled> {
  const merchant = context.tx.get<MerchantRecord>(MERCHANTS, context.client.partnerId);
  if (!merchant || input.memberId !== merchantIdOf(context)) return fail('MERCHANT_NOT_EXIST');
  const va = depositVaNumber(merchant.merchantId);
  const card = {
    ...DEPOSIT_VA_CARD,
    cardIndexNo: va,
    cardNoLength: String(va.length),
    maskedCardNo: `${va.slice(0, 4)}${'*'.repeat(va.length - 8)}${va.slice(-4)}`,
    holderName: { firstName: merchant.name },
    instId: BNI_INST_ID,
    instOfficialName: 'BNI',
    expiryYear: '',
    expiryMonth: '',
    verified: 'true',
    defaultAsset: 'false',
    // The card is always enabled, so enableOnly "true" and "false" both include it.
    enableStatus: 'true',
    directDebit: 'false',
  };
  const wanted =
    input.bindingId === undefined &&
    (!input.contactBizTypeList?.length || input.contactBizTypeList.includes(card.contactBizType)) &&
    (!input.assetTypeList?.length || input.assetTypeList.includes(card.assetType));
  return ok({ reply: { key: 'SUCCESS', fields: { assetCardList: wanted ? [card] : [] } } });
}
