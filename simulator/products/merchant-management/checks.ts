import { ID_MAX_LENGTH, type IdType, type ParentRoleType } from '../../../contracts/merchant-management/index.ts';
import { fail, type Fail } from '../../core/result.ts';
import { merchantIdOf, type HandlerContext } from '../../core/route.ts';
import type { Transaction } from '../../ledger/database.ts';
import { parentDivisionExists } from './state.ts';

// Request rules that depend on another field's value (DANA's "conditional" fields) or on stored
// state. The contract's field language covers only unconditional rules, so these run in the
// handlers, first thing, and answer in the same PARAM_ILLEGAL <field> shape as edge validation.

/** A merchant sees only its own shops and divisions; another merchant's id is as unknown as a made-up one. */
export function foreignMerchant(context: HandlerContext, merchantId: string | undefined): Fail | undefined {
  return merchantId !== undefined && merchantId !== merchantIdOf(context) ? fail('MERCHANT_NOT_EXIST') : undefined;
}

/** An id longer than its type allows (INNER_ID 21, EXTERNAL_ID 64), or absent when its type needs it. */
export function idProblem(id: string | undefined, idType: IdType, field: string): Fail | undefined {
  if (id === undefined || id === '') return fail('PARAM_ILLEGAL', { detail: field });
  return id.length > ID_MAX_LENGTH[idType] ? fail('PARAM_ILLEGAL', { detail: field }) : undefined;
}

/** DANA: merchantId is required when the id type is EXTERNAL_ID. */
export function merchantIdNeeded(merchantId: string | undefined, idType: IdType): Fail | undefined {
  return idType === 'EXTERNAL_ID' && merchantId === undefined ? fail('PARAM_ILLEGAL', { detail: 'merchantId' }) : undefined;
}

/** DANA: parentDivisionId is required under a DIVISION / EXTERNAL_DIVISION parent; it must name a division of the merchant. */
export function parentProblem(
  tx: Transaction,
  merchantId: string,
  parentRoleType: ParentRoleType,
  parentDivisionId: string | undefined,
): Fail | undefined {
  if (parentRoleType === 'MERCHANT') return undefined;
  const problem = idProblem(parentDivisionId, parentRoleType === 'DIVISION' ? 'INNER_ID' : 'EXTERNAL_ID', 'parentDivisionId');
  if (problem) return problem;
  return parentDivisionExists(tx, merchantId, parentRoleType, parentDivisionId!)
    ? undefined
    : fail('PARAM_ILLEGAL', { detail: 'parentDivisionId' });
}

/** The request without the fields that identify the record, which are stored on the record itself. */
export function attributesOf(input: Readonly<Record<string, unknown>>, identifying: readonly string[]): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input))
    if (!identifying.includes(name) && value !== undefined && value !== null) attributes[name] = value;
  return attributes;
}

/** Copies only the members that have a value, so replies carry no nulls. */
export function present(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== null && value !== '') result[name] = value;
  return result;
}
