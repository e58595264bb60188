import type { InputOf } from '../../../contracts/common/endpoint.ts';
import type {
  IdType,
  createDivision as createDivisionContract,
  updateDivision as updateDivisionContract,
  queryDivision as queryDivisionContract,
} from '../../../contracts/merchant-management/index.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { merchantIdOf, type Handled, type HandlerContext } from '../../core/route.ts';
import type { Transaction } from '../../ledger/database.ts';
import { attributesOf, foreignMerchant, idProblem, merchantIdNeeded, parentProblem, present } from './checks.ts';
import { DIVISION_KIND, getRecord, innerIdOf, newInnerId, putRecord, type DivisionRecord } from './state.ts';

// Create, update and query a merchant's divisions (sub-merchants; payment-gateway.md 12.3 and 12.4).
// Choices DANA leaves open are stated in the contracts (contracts/merchant-management/).

const IDENTIFYING = [
  'merchantId',
  'divisionId',
  'divisionIdType',
  'parentRoleType',
  'parentDivisionId',
  'externalDivisionId',
  'newExternalDivisionId',
];

export function createDivision(input: InputOf<typeof createDivisionContract>, context: HandlerContext): Result<Handled> {
  const foreign = foreignMerchant(context, input.merchantId);
  if (foreign) return foreign;
  const merchantId = merchantIdOf(context);
  const { tx } = context;
  const parent = parentProblem(tx, merchantId, input.parentRoleType, input.parentDivisionId);
  if (parent) return parent;
  // As with shops: one division per externalDivisionId; a repeat gets the existing id.
  const existing = innerIdOf(tx, DIVISION_KIND, merchantId, input.externalDivisionId, 'EXTERNAL_ID');
  if (existing) return ok({ reply: { key: 'SUCCESS', fields: { divisionId: existing } } });
  const divisionId = newInnerId(tx, DIVISION_KIND, context.services.ids, merchantId);
  const record: DivisionRecord = {
    divisionId,
    merchantId,
    externalDivisionId: input.externalDivisionId,
    parentRoleType: input.parentRoleType,
    ...(input.parentRoleType === 'MERCHANT' ? {} : { parentDivisionId: input.parentDivisionId }),
    attributes: attributesOf(input, IDENTIFYING),
    createdAt: context.now,
    updatedAt: context.now,
  };
  putRecord(tx, DIVISION_KIND, { merchantId, innerId: divisionId, externalId: input.externalDivisionId, value: record });
  return ok({ reply: { key: 'SUCCESS', fields: { divisionId } } });
}

export function updateDivision(input: InputOf<typeof updateDivisionContract>, context: HandlerContext): Result<Handled> {
  // The id field the type names: divisionId for INNER_ID, externalDivisionId for EXTERNAL_ID.
  const [id, field] =
    input.divisionIdType === 'INNER_ID' ? [input.divisionId, 'divisionId'] : [input.externalDivisionId, 'externalDivisionId'];
  const problem = foreignMerchant(context, input.merchantId) ?? idProblem(id, input.divisionIdType, field);
  if (problem) return problem;
  const merchantId = merchantIdOf(context);
  const { tx } = context;
  const division = findDivision(tx, merchantId, id!, input.divisionIdType);
  if (!division) return fail('PARAM_ILLEGAL', { detail: field });
  const holder = innerIdOf(tx, DIVISION_KIND, merchantId, input.newExternalDivisionId, 'EXTERNAL_ID');
  if (holder !== undefined && holder !== division.divisionId) return fail('PARAM_ILLEGAL', { detail: 'newExternalDivisionId' });
  const updated: DivisionRecord = {
    ...division,
    externalDivisionId: input.newExternalDivisionId,
    attributes: { ...division.attributes, ...attributesOf(input, IDENTIFYING) },
    updatedAt: context.now,
  };
  putRecord(tx, DIVISION_KIND, {
    merchantId,
    innerId: division.divisionId,
    externalId: input.newExternalDivisionId,
    previousExternalId: division.externalDivisionId,
    value: updated,
  });
  return ok({ reply: { key: 'SUCCESS', fields: {} } });
}

export function queryDivision(input: InputOf<typeof queryDivisionContract>, context: HandlerContext): Result<Handled> {
  const problem =
    foreignMerchant(context, input.merchantId) ??
    merchantIdNeeded(input.merchantId, input.divisionIdType) ??
    idProblem(input.divisionId, input.divisionIdType, 'divisionId');
  if (problem) return problem;
  const merchantId = merchantIdOf(context);
  const { tx } = context;
  const division = findDivision(tx, merchantId, input.divisionId, input.divisionIdType);
  if (!division) return fail('PARAM_ILLEGAL', { detail: 'divisionId' });
  return ok({ reply: { key: 'SUCCESS', fields: { divisionResourceInfo: divisionResourceInfo(division) } } });
}

function findDivision(tx: Transaction, merchantId: string, id: string, idType: IdType): DivisionRecord | undefined {
  const divisionId = innerIdOf(tx, DIVISION_KIND, merchantId, id, idType);
  return divisionId === undefined ? undefined : getRecord<DivisionRecord>(tx, DIVISION_KIND, merchantId, divisionId);
}

/** DANA's DivisionResourceInfo (SDK model); DANA names the division's address contactAddress here. */
function divisionResourceInfo(division: DivisionRecord): Record<string, unknown> {
  const { attributes } = division;
  return present({
    divisionId: division.divisionId,
    merchantId: division.merchantId,
    parentRoleType: division.parentRoleType,
    contactAddress: attributes.divisionAddress,
    divisionDescription: attributes.divisionDescription,
    divisionType: attributes.divisionType,
    divisionName: attributes.divisionName,
    externalDivisionId: division.externalDivisionId,
    pgDivisionFlag: attributes.pgDivisionFlag,
  });
}
