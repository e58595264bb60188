import { wibIso } from '../../clock/clock.ts';
import { namesOf } from '../../core/control-input.ts';
import { padPartnerServiceId, PARTNER_SERVICE_ID } from '../../../contracts/virtual-account/common.ts';
import type { Ids } from '../../clock/ids.ts';
import type { Database } from '../../ledger/database.ts';
import { toMinor } from '../../ledger/money.ts';
import { listVaBills, putDynamicVa, VA_BILLS, type VaBill } from './bills.ts';
import { enqueueCreateVa, enqueueStatusCheck } from './callbacks.ts';
import { PARTNERS, putPartner, type PartnerRecord } from '../../parties/banks.ts';
import { VA_INQUIRIES, type InquirySession } from './sessions.ts';
import { toPublicKey } from '../../signature/keys.ts';
import { ControlError } from '../../core/product.ts';
import { newPartner } from '../../parties/provision.ts';
import { Parties } from '../../parties/registry.ts';

// What the control API does for Virtual Account.

function findPartner(db: Database, partnerId?: string): PartnerRecord {
  const partners = new Parties(db).banks();
  const partner = partnerId
    ? partners.find((candidate) => candidate.partnerId === partnerId || candidate.partnerServiceId.trim() === partnerId.trim())
    : partners[0];
  if (!partner && partnerId) {
    const known = partners.map((candidate) => `${candidate.partnerId} ("${candidate.partnerServiceId}")`);
    throw new ControlError(`no bank partner ${partnerId}; partners (id and service id): ${namesOf(known)}`);
  }
  if (!partner) throw new ControlError('no bank partner provisioned');
  return partner;
}

function checkUrl(url: string | undefined): void {
  if (url !== undefined && !/^https?:\/\/[^\s]+$/.test(url)) throw new ControlError(`callback URL must be http(s), got "${url}"`);
}

export interface PartnerRegistration {
  readonly partnerId: string;
  readonly publicKeyPem: string;
  readonly name?: string;
  readonly clientSecret?: string;
  readonly partnerServiceId?: string;
  readonly callbackUrl?: string;
}

export function addPartner(db: Database, registration: PartnerRegistration, now: number): PartnerRecord {
  if (!/^\S{1,36}$/.test(registration.partnerId)) throw new ControlError('partner id must be 1-36 characters without spaces');
  if (db.get(PARTNERS, registration.partnerId)) throw new ControlError(`partner ${registration.partnerId} is already registered`);
  if (registration.partnerServiceId !== undefined && !PARTNER_SERVICE_ID.test(padPartnerServiceId(registration.partnerServiceId)))
    throw new ControlError('partner service id must be 1-8 digits');
  checkUrl(registration.callbackUrl);
  try {
    toPublicKey(registration.publicKeyPem);
  } catch (error) {
    throw new ControlError(`public key is not readable: ${(error as Error).message}`);
  }
  const partner = newPartner(registration, now);
  db.transact((tx) => putPartner(tx, partner));
  return partner;
}

export function setPartnerCallback(db: Database, url: string, partnerId?: string): PartnerRecord {
  checkUrl(url);
  const partner = { ...findPartner(db, partnerId), callbackUrl: url };
  db.transact((tx) => putPartner(tx, partner));
  return partner;
}

export interface NewVa {
  readonly customerNumber: string;
  readonly amount?: string;
  readonly partnerId?: string;
  /** Minutes until the VA expires (default 60). */
  readonly expiresInMinutes?: number;
}

/** DANA creates a VA for one transaction and shows it to the user; with a callback URL the bank hears of it (Create VA). */
export function createVa(db: Database, seed: string, ids: Ids, input: NewVa, now: number): VaBill {
  if (!/^\d{8,20}$/.test(input.customerNumber)) throw new ControlError('customer must be a DANA phone number such as 62811742234');
  const amountMinor = input.amount === undefined ? undefined : toMinor(input.amount);
  if (input.amount !== undefined && (amountMinor === undefined || amountMinor <= 0))
    throw new ControlError(`amount must look like 50000.00, got "${input.amount}"`);
  const minutes = input.expiresInMinutes ?? 60;
  if (!(minutes > 0)) throw new ControlError('expiry must be a positive number of minutes');
  const partner = findPartner(db, input.partnerId);
  return db.transact((tx) => {
    const bill = putDynamicVa(tx, db, seed, {
      partner,
      customerNumber: input.customerNumber,
      amountMinor,
      expiresAt: now + minutes * 60_000,
      trxId: ids.referenceNo(),
      now,
    });
    if (partner.callbackUrl) enqueueCreateVa(tx, partner, bill, now);
    return bill;
  });
}

export function vaView(bill: VaBill) {
  return {
    ...bill,
    amount: bill.amountMinor === undefined ? 'open' : (bill.amountMinor / 100).toFixed(2),
    expiresAt: bill.expiresAt ? wibIso(bill.expiresAt) : undefined,
  };
}

export function listVas(db: Database) {
  return listVaBills(db).map(vaView);
}

/** Asks the bank for the status of the latest inquiry on a VA, now. */
export function statusCheck(db: Database, virtualAccountNo: string, now: number) {
  const sessions = [...db.values<InquirySession>(VA_INQUIRIES)].filter(
    (session) => session.virtualAccountNo === virtualAccountNo || session.virtualAccountNo.trim() === virtualAccountNo.trim(),
  );
  const latest = sessions.sort((a, b) => b.startedAt - a.startedAt)[0];
  if (!latest)
    throw new ControlError(
      `no inquiry has been made on VA ${virtualAccountNo}${db.get(VA_BILLS, virtualAccountNo) ? '' : ' (and no such dynamic VA)'}; VAs inquired: ${namesOf([...new Set([...db.values<InquirySession>(VA_INQUIRIES)].map((session) => session.virtualAccountNo.trim()))])}`,
    );
  if (latest.status === 'paid') throw new ControlError(`the latest inquiry on ${virtualAccountNo} is already paid`);
  return db.transact((tx) => enqueueStatusCheck(tx, latest, now));
}
