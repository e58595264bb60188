import request from 'supertest';
import { queryMerchantResource } from '../contracts/merchant/index.ts';
import { createExpressApp } from '../simulator/adapters/express.ts';
import { addMerchant } from '../simulator/control/merchants.ts';
import { fund } from '../simulator/ledger/funding.ts';
import { findMerchant } from '../simulator/parties/find.ts';
import { FUNDING_ACCOUNT, merchantDeposit, userBalance } from '../simulator/ledger/accounts.ts';
import type { EndpointContract } from '../contracts/common/endpoint.ts';
import { runHandler } from '../simulator/core/process.ts';
import type { Result } from '../simulator/core/result.ts';
import { route, type Settlement, type Handler, type Reply as HandlerReply, type RequestContext } from '../simulator/core/route.ts';
import { toMinor, toValue } from '../simulator/ledger/money.ts';
import { Simulator, type SimulatorOptions } from '../simulator/index.ts';
import { generateRsaKeyPair, type RsaKeyPair } from '../simulator/signature/keys.ts';
import { encodeBniData } from '../simulator/signature/bni-codec.ts';
import { openApiRequest, snapRequest, type MerchantCredentials, type SignedRequest } from '../simulator/signature/client.ts';

// Test fixtures: every test makes its own simulator (memory store, its own keys), so tests never
// depend on order and can run in parallel.

let keys: { dana: RsaKeyPair; merchant: RsaKeyPair; bank: RsaKeyPair } | undefined;

/** Key generation is the slow part of a simulator start; one set per test worker is enough. */
export function testKeys() {
  keys ??= { dana: generateRsaKeyPair(), merchant: generateRsaKeyPair(), bank: generateRsaKeyPair() };
  return keys;
}

export const FUND_TYPE = 'AGENT_TOPUP_FOR_USER_SETTLE';
export const VALID_CUSTOMER = '62811742234';
export const idr = (value: string) => ({ value, currency: 'IDR' });

export function topUpBody(overrides: Record<string, unknown> = {}) {
  return {
    partnerReferenceNo: `ref-${Math.random().toString(36).slice(2)}`,
    customerNumber: VALID_CUSTOMER,
    amount: idr('1.00'),
    feeAmount: idr('1.00'),
    transactionDate: '2030-05-01T00:46:43+07:00',
    additionalInfo: { fundType: FUND_TYPE },
    ...overrides,
  };
}

export function inquiryBody(overrides: Record<string, unknown> = {}) {
  return {
    partnerReferenceNo: `inq-${Math.random().toString(36).slice(2)}`,
    customerNumber: VALID_CUSTOMER,
    amount: idr('1.00'),
    additionalInfo: { fundType: FUND_TYPE },
    ...overrides,
  };
}

export const FUND_TYPE_BANK = 'MERCHANT_WITHDRAW_FOR_CORPORATE';
export const POSITIVE_ACCOUNT = '2460888509';

export function bankInquiryBody(overrides: Record<string, unknown> = {}) {
  return {
    partnerReferenceNo: `binq-${Math.random().toString(36).slice(2)}`,
    customerNumber: VALID_CUSTOMER,
    beneficiaryAccountNumber: POSITIVE_ACCOUNT,
    amount: idr('50000.00'),
    additionalInfo: { fundType: FUND_TYPE_BANK, beneficiaryBankCode: '014' },
    ...overrides,
  };
}

export function transferBody(overrides: Record<string, unknown> = {}) {
  return {
    partnerReferenceNo: `trf-${Math.random().toString(36).slice(2)}`,
    customerNumber: VALID_CUSTOMER,
    beneficiaryAccountNumber: POSITIVE_ACCOUNT,
    beneficiaryBankCode: '014',
    amount: idr('50000.00'),
    additionalInfo: { fundType: FUND_TYPE_BANK, needNotify: false },
    ...overrides,
  };
}

export function vaInquiryBody(partnerServiceId: string, customerNo: string, overrides: Record<string, unknown> = {}) {
  return {
    partnerServiceId,
    customerNo,
    virtualAccountNo: partnerServiceId + customerNo,
    amount: idr('50000.00'),
    inquiryRequestId: `inq-${Math.random().toString(36).slice(2)}`,
    ...overrides,
  };
}

export function vaPaymentBody(
  partnerServiceId: string,
  customerNo: string,
  paymentRequestId: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    partnerServiceId,
    customerNo,
    virtualAccountNo: partnerServiceId + customerNo,
    virtualAccountName: 'Customer',
    paymentRequestId,
    paidAmount: idr('50000.00'),
    ...overrides,
  };
}

/** `now + ms` as DANA's `YYYY-MM-DDTHH:mm:ss+07:00`. */
export const jakartaAfter = (ms: number, now = Date.now()) => new Date(now + ms + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';

/** DANA's UAT fixture CreateOrderApi, with a VA pay option and a validUpTo the simulator accepts. */
export function orderBody(merchantId: string, overrides: Record<string, unknown> = {}, validForMs = 10 * 60_000, now = Date.now()) {
  const validUpTo = jakartaAfter(validForMs, now);
  return {
    partnerReferenceNo: `order-${Math.random().toString(36).slice(2)}`,
    merchantId,
    amount: idr('22200.00'),
    externalStoreId: '',
    urlParams: [
      { url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'Y' },
      { url: 'https://merchant.example/notify', type: 'NOTIFICATION', isDeeplink: 'Y' },
    ],
    validUpTo,
    additionalInfo: {
      order: { orderTitle: 'Payment Gateway Order', scenario: 'API', merchantTransType: 'SPECIAL_MOVIE', buyer: {} },
      mcc: '5732',
      envInfo: { sourcePlatform: 'IPG', terminalType: 'SYSTEM', orderTerminalType: 'WEB' },
      extendInfo: '{"key":"value"}',
    },
    payOptionDetails: [{ payMethod: 'VIRTUAL_ACCOUNT', payOption: 'VIRTUAL_ACCOUNT_CIMB', transAmount: idr('22200.00') }],
    ...overrides,
  };
}

export const PATHS = {
  inquiry: '/rest/v1.0/emoney/account-inquiry',
  topUp: '/rest/v1.0/emoney/topup',
  topUpStatus: '/rest/v1.0/emoney/topup-status',
  merchantResource: '/dana/merchant/queryMerchantResource.htm',
  bankInquiry: '/v1.0/emoney/bank-account-inquiry.htm',
  transfer: '/v1.0/emoney/transfer-bank.htm',
  transferStatus: '/v1.0/emoney/transfer-bank-status.htm',
  token: '/v1.0/access-token/b2b.htm',
  vaInquiry: '/v1.0/transfer-va/inquiry.htm',
  vaPayment: '/v1.0/transfer-va/payment.htm',
  createOrder: '/payment-gateway/v1.0/debit/payment-host-to-host.htm',
  queryPayment: '/payment-gateway/v1.0/debit/status.htm',
} as const;

export interface TestSimulator {
  readonly sim: Simulator;
  readonly credentials: MerchantCredentials & { clientSecret: string };
  readonly merchantId: string;
  /** The provisioned bank partner (Virtual Account's caller). */
  readonly bank: {
    readonly credentials: MerchantCredentials & { clientSecret: string };
    readonly partnerServiceId: string;
    snap(path: string, body: unknown, tweak?: (request: SignedRequest) => SignedRequest): Promise<Reply>;
  };
  /** Signs and sends through the core (no HTTP). */
  snap(path: string, body: unknown, tweak?: (request: SignedRequest) => SignedRequest): Promise<Reply>;
  balanceCheck(body?: Record<string, unknown>): Promise<Reply>;
  deposit(): string;
  userBalance(customerNumber?: string): string;
}

export interface Reply {
  readonly status: number;
  readonly body: any;
}

export async function createTestSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
  const { dana, merchant, bank } = testKeys();
  const sim = await Simulator.create({
    danaKeys: dana,
    merchant: { privateKeyPem: merchant.privateKeyPem },
    partner: { privateKeyPem: bank.privateKeyPem },
    seed: 'test',
    clientTimeoutMs: 100,
    ...options,
  });
  const record = sim.parties.defaultMerchant();
  const credentials = { partnerId: record.partnerId, privateKey: merchant.privateKeyPem, clientSecret: record.clientSecret };
  const send = async (signed: SignedRequest): Promise<Reply> => {
    const reply = await sim.handle(signed);
    return { status: reply.status, body: JSON.parse(reply.body) };
  };
  const partner = sim.parties.defaultBank();
  const bankCredentials = { partnerId: partner.partnerId, privateKey: bank.privateKeyPem, clientSecret: partner.clientSecret };
  return {
    sim,
    credentials,
    bank: {
      credentials: bankCredentials,
      partnerServiceId: partner.partnerServiceId,
      snap: (path, body, tweak = (r) => r) => send(tweak(snapRequest({ path, body, credentials: bankCredentials }))),
    },
    merchantId: record.merchantId,
    snap: (path, body, tweak = (r) => r) => send(tweak(snapRequest({ path, body, credentials }))),
    balanceCheck: (body) =>
      send(
        openApiRequest({
          path: PATHS.merchantResource,
          function: queryMerchantResource.function,
          credentials,
          body: body ?? { requestMerchantId: record.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
        }),
      ),
    deposit: () => toValue(sim.runtime.db.ledger.balance(merchantDeposit(record.merchantId))),
    userBalance: (customerNumber = VALID_CUSTOMER) => toValue(sim.runtime.db.ledger.balance(userBalance(customerNumber))),
  };
}

/** A BNI e-collection callback to the sandbox deposit top-up, encoded with the simulator's BNI credentials. */
export function bniRequest(sim: Simulator, inner: Record<string, unknown>, credentials = sim.bni()): SignedRequest {
  return {
    method: 'POST',
    path: '/ifcsupergw/bni/topup/merchant/request.htm',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: credentials.clientId,
      data: encodeBniData(JSON.stringify(inner), credentials.clientId, credentials.secretKey, Date.now()),
    }),
  };
}

/** The same simulator behind express, for HTTP-level tests with supertest. */
export function http(sim: Simulator, options: Parameters<typeof createExpressApp>[1] = {}) {
  return request(createExpressApp(sim, options));
}

export async function sendHttp(agent: ReturnType<typeof http>, signed: SignedRequest): Promise<Reply> {
  let call = agent.post(signed.path);
  for (const [name, value] of Object.entries(signed.headers)) call = call.set(name, value);
  const response = await call.send(signed.body);
  return { status: response.status, body: JSON.parse(response.text) };
}

/** A snapshot of every balance, to prove a rejected request left no trace. */
/** Credits a merchant's deposit (the first merchant unless named), as `dana-sim balance topup` does. */
export function topUpDeposit(sim: Simulator, value: string, merchantOrPartnerId?: string): void {
  const merchant = findMerchant(sim.runtime.db, merchantOrPartnerId);
  sim.runtime.db.transact((tx) => fund(tx, merchantDeposit(merchant.merchantId), toMinor(value)!, sim.runtime.clock.now(), 'test top up'));
}

/** A control API call through the simulator's fetch(), the reply body as text (what adapters relay). */
export async function controlCall(sim: Simulator, method: string, url: string, body = '') {
  const headers = { 'content-type': 'application/json' };
  const reply = await sim.fetch(new Request(new URL(url, 'http://dana-sim'), { method, headers, body: body === '' ? undefined : body }));
  return { status: reply.status, headers: Object.fromEntries(reply.headers), body: await reply.text() };
}

export function ledgerState(sim: Simulator) {
  return {
    accounts: Object.fromEntries(sim.runtime.db.ledger.accounts()),
    postings: sim.runtime.db.size('postings'),
    transactions: sim.runtime.db.size('transactions'),
  };
}

/** Registers and funds a second merchant with its own keys, to test per-partner scoping. */
export async function secondMerchant(t: TestSimulator, partnerId = 'second-partner') {
  const keys = generateRsaKeyPair();
  const merchant = addMerchant(t.sim.runtime.db, { partnerId, publicKeyPem: keys.publicKeyPem }, Date.now());
  topUpDeposit(t.sim, '1000000.00', partnerId);
  const credentials = { partnerId, privateKey: keys.privateKeyPem, clientSecret: merchant.clientSecret };
  return {
    merchant,
    credentials,
    snap: async (path: string, body: unknown): Promise<Reply> => {
      const reply = await t.sim.handle(snapRequest({ path, body, credentials }));
      return { status: reply.status, body: JSON.parse(reply.body) };
    },
  };
}

/** What the pipeline hands a handler, for calling product handlers directly: the test's merchant unless told otherwise. */
export function handlerContext(
  t: TestSimulator,
  options: {
    kind?: 'merchant' | 'bank';
    partnerId?: string;
    now?: number;
    externalId?: string;
    idempotency?: RequestContext['idempotency'];
    settle?: Settlement;
  } = {},
): RequestContext {
  const kind = options.kind ?? 'merchant';
  return {
    client: {
      kind,
      partnerId: options.partnerId ?? t.credentials.partnerId,
      ...(kind === 'merchant' ? { merchantId: t.merchantId } : {}),
      clientSecret: 's',
      publicKeyPem: 'k',
    },
    externalId: options.externalId,
    now: options.now ?? 0,
    services: t.sim.services,
    ...(options.idempotency ? { idempotency: options.idempotency } : {}),
    ...(options.settle ? { settle: options.settle } : {}),
  };
}

/**
 * Calls a product handler as the pipeline does (core/process.ts runHandler): on the input its contract
 * makes of the body (amounts in minor units), in one transaction with the record it returns.
 */
export function handle<C extends EndpointContract>(
  contract: C,
  handler: Handler<C>,
  body: Record<string, unknown>,
  context: RequestContext,
): Result<HandlerReply> {
  return runHandler(route(contract, handler), body, context);
}

let balanceMoves = 0;

/** Puts an account's balance exactly at `minor`, moving the difference from DANA's funding account (money stays conserved). */
export function setBalance(sim: Simulator, account: string, minor: number): void {
  const delta = minor - sim.runtime.db.ledger.balance(account);
  if (delta === 0) return;
  balanceMoves += 1;
  sim.runtime.db.transact((tx) =>
    tx.post({
      id: `set-balance-${balanceMoves}`,
      at: 0,
      ref: 'test',
      memo: 'test',
      entries: [
        { account: FUNDING_ACCOUNT, amountMinor: -delta },
        { account, amountMinor: delta },
      ],
    }),
  );
}
