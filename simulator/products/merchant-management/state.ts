import type { IdType, ParentRoleType } from '../../../contracts/merchant-management/index.ts';
import type { Ids } from '../../clock/ids.ts';
import type { Transaction } from '../../ledger/database.ts';

// Shops and divisions, per merchant. Each kind has a table of records keyed `<merchantId>:<DANA id>`
// and an index keyed `<merchantId>:<external id>` -> DANA id, so a lookup by either id is one read
// inside the transaction that may also write (a duplicate check and its insert are atomic).

export const SHOPS = 'mm-shops';
export const SHOP_EXTERNAL_IDS = 'mm-shop-external-ids';
export const DIVISIONS = 'mm-divisions';
export const DIVISION_EXTERNAL_IDS = 'mm-division-external-ids';

export const MERCHANT_MANAGEMENT_TABLES = [SHOPS, SHOP_EXTERNAL_IDS, DIVISIONS, DIVISION_EXTERNAL_IDS] as const;

/** The request fields DANA lets a merchant set, kept under DANA's names. */
export type Attributes = Readonly<Record<string, unknown>>;

export interface ShopRecord {
  readonly shopId: string;
  readonly merchantId: string;
  readonly externalShopId: string;
  readonly parentRoleType: ParentRoleType;
  /** The division's DANA id or external id, as sent, for DIVISION / EXTERNAL_DIVISION parents. */
  readonly parentDivisionId?: string;
  /** QRIS National Merchant ID, assigned when the shop is created. */
  readonly nmid: string;
  readonly attributes: Attributes;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface DivisionRecord {
  readonly divisionId: string;
  readonly merchantId: string;
  readonly externalDivisionId: string;
  readonly parentRoleType: ParentRoleType;
  readonly parentDivisionId?: string;
  readonly attributes: Attributes;
  readonly createdAt: number;
  readonly updatedAt: number;
}

interface Kind {
  readonly records: string;
  readonly externalIds: string;
}

export const SHOP_KIND: Kind = { records: SHOPS, externalIds: SHOP_EXTERNAL_IDS };
export const DIVISION_KIND: Kind = { records: DIVISIONS, externalIds: DIVISION_EXTERNAL_IDS };

const key = (merchantId: string, id: string) => `${merchantId}:${id}`;

/** The DANA id an id of either type names among one merchant's shops or divisions. */
export function innerIdOf(tx: Transaction, kind: Kind, merchantId: string, id: string, idType: IdType): string | undefined {
  if (idType === 'INNER_ID') return tx.get(kind.records, key(merchantId, id)) ? id : undefined;
  return tx.get<string>(kind.externalIds, key(merchantId, id));
}

export function getRecord<T>(tx: Transaction, kind: Kind, merchantId: string, innerId: string): T | undefined {
  return tx.get<T>(kind.records, key(merchantId, innerId));
}

/** Writes a record and points its external id at it, dropping the old external id when it changed. */
export function putRecord(
  tx: Transaction,
  kind: Kind,
  record: { merchantId: string; innerId: string; externalId: string; previousExternalId?: string; value: unknown },
): void {
  if (record.previousExternalId !== undefined && record.previousExternalId !== record.externalId)
    tx.delete(kind.externalIds, key(record.merchantId, record.previousExternalId));
  tx.put(kind.records, key(record.merchantId, record.innerId), record.value);
  tx.put(kind.externalIds, key(record.merchantId, record.externalId), record.innerId);
}

/**
 * A new DANA id: 21 digits led by 2166 like DANA's ids (UAT sample shop 216660000003429526679),
 * the rest from the simulator's reference numbers (time, counter, random), so ids are unique.
 * A clash would be a bug in the id source, hence the throw.
 */
export function newInnerId(tx: Transaction, kind: Kind, ids: Ids, merchantId: string): string {
  const id = `2166${ids.referenceNo().slice(-17)}`;
  if (tx.get(kind.records, key(merchantId, id))) throw new Error(`generated id ${id} already exists in ${kind.records}`);
  return id;
}

/** Whether a parent division named by a create call exists among the merchant's divisions. */
export function parentDivisionExists(
  tx: Transaction,
  merchantId: string,
  parentRoleType: ParentRoleType,
  parentDivisionId: string,
): boolean {
  const idType: IdType = parentRoleType === 'DIVISION' ? 'INNER_ID' : 'EXTERNAL_ID';
  return innerIdOf(tx, DIVISION_KIND, merchantId, parentDivisionId, idType) !== undefined;
}
